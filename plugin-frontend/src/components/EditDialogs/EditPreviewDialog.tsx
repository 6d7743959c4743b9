import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { CapacityImpact, CostImpact } from '@gcp-serverless/common';
import type { EditFlow, PreviewLike } from '../../hooks/useEditFlow';
import { CapacityImpactList } from '../CapacityImpactList/CapacityImpactList';
import { CostImpactTable } from '../CostImpact/CostImpactTable';
import { ScalingDiffTable } from '../ScalingForm/ScalingDiffTable';
import { ScalingWarnings } from '../ScalingForm/ScalingWarnings';

/** Props of {@link EditPreviewDialog}. */
export interface EditPreviewDialogProps<P extends PreviewLike & { impacts?: CapacityImpact[]; cost?: CostImpact }> {
  flow: EditFlow<unknown, P, unknown, unknown>;
  /** e.g. "Preview queue generation". */
  title: string;
  /** The Google API that checks or applies the change, e.g. "Cloud Tasks". */
  upstream: string;
  /** Prefix of test ids, e.g. "queue". */
  testId: string;
}

/**
 * The preview of an edit (queues, Redis): diff, warnings with acknowledgement, capacity impact, cost
 * impact when the preview carries one (Redis resize),
 * the upstream validation verdict; then Apply with progress. Errors other than 400/409 show here.
 */
export function EditPreviewDialog<P extends PreviewLike & { impacts?: CapacityImpact[]; cost?: CostImpact }>({ flow, title, upstream, testId }: EditPreviewDialogProps<P>) {
  const { step } = flow;
  const open = step.kind === 'previewing' || step.kind === 'previewed' || step.kind === 'applying' || step.kind === 'failed';
  const preview = step.kind === 'previewed' || step.kind === 'applying' || step.kind === 'failed' ? step.preview : undefined;
  return (
    <Dialog open={open} onClose={() => !flow.busy && flow.close()} fullWidth maxWidth="sm" aria-labelledby={`${testId}-preview-title`} data-testid={`${testId}-preview-dialog`}>
      <DialogTitle id={`${testId}-preview-title`}>{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          {step.kind === 'previewing' && (
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, py: 2 }} role="status">
              <CircularProgress size={24} aria-label="Previewing" />
              <Typography>Checking the change…</Typography>
            </Box>
          )}
          {preview && preview.diff.length === 0 && (
            <Alert severity="info" data-testid={`${testId}-no-change`}>
              Nothing to change: the resource already has these values.
            </Alert>
          )}
          {preview && preview.diff.length > 0 && (
            <>
              <ScalingDiffTable diff={preview.diff} />
              <ScalingWarnings warnings={preview.warnings} acknowledged={flow.acknowledged} onAcknowledge={flow.acknowledge} disabled={flow.busy} />
              <CapacityImpactList impacts={preview.impacts} />
              {preview.cost && <CostImpactTable impact={preview.cost} />}
              <Typography variant="body2" color={preview.validation.status === 'failed' ? 'error' : 'text.secondary'} data-testid={`${testId}-validation`}>
                {upstream} validation {preview.validation.status}
                {preview.validation.message ? `: ${preview.validation.message}` : '.'}
              </Typography>
            </>
          )}
          {step.kind === 'applying' && (
            <Box role="status" data-testid={`${testId}-applying`}>
              <Typography gutterBottom>Applying… waiting for {upstream}</Typography>
              <LinearProgress aria-label="Applying" />
            </Box>
          )}
          {step.kind === 'failed' && (
            <Alert severity="error" data-testid={`${testId}-error`}>
              {step.error.message}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={flow.close} disabled={flow.busy}>
          Cancel
        </Button>
        <Button variant="contained" onClick={flow.apply} disabled={!flow.canApply || flow.busy}>
          Apply
        </Button>
      </DialogActions>
    </Dialog>
  );
}
