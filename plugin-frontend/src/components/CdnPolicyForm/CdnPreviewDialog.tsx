import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { CdnConflictDetails, CdnPolicyApplyResult, CdnPolicyChange, CdnPolicyPreview } from '@gcp-serverless/common';
import type { FingerprintEdit } from '../../hooks/useFingerprintEdit';
import { CostImpactTable } from '../CostImpact/CostImpactTable';
import { ScalingDiffTable } from '../ScalingForm/ScalingDiffTable';

/** Props of {@link CdnPreviewDialog}. */
export interface CdnPreviewDialogProps {
  flow: FingerprintEdit<CdnPolicyChange, CdnPolicyPreview, CdnPolicyApplyResult, CdnConflictDetails>;
  backendName: string;
}

/** Preview of a cache policy change: diff, warnings, cost impact (or why there is none), what Google will check; Apply with progress. */
export function CdnPreviewDialog({ flow, backendName }: CdnPreviewDialogProps) {
  const { step } = flow;
  const open = step.kind === 'previewing' || step.kind === 'previewed' || step.kind === 'applying' || step.kind === 'failed';
  const preview = step.kind === 'previewed' || step.kind === 'applying' || step.kind === 'failed' ? step.preview : undefined;
  return (
    <Dialog open={open} onClose={() => !flow.busy && flow.close()} fullWidth maxWidth="sm" data-testid="cdn-preview-dialog">
      <DialogTitle>Preview cache policy of {backendName}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          {step.kind === 'previewing' && <LinearProgress aria-label="Previewing" />}
          {preview && preview.diff.length === 0 && <Alert severity="info">Nothing to change.</Alert>}
          {preview && preview.diff.length > 0 && <ScalingDiffTable diff={preview.diff} />}
          {preview?.warnings.map(w => (
            <Alert key={w.code} severity={w.severity === 'warning' ? 'warning' : 'info'}>
              {w.message}
            </Alert>
          ))}
          {preview && preview.diff.length > 0 && preview.cost && <CostImpactTable impact={preview.cost} />}
          {preview && preview.diff.length > 0 && !preview.cost && preview.costUnavailable && (
            <Typography variant="body2" color="text.secondary" data-testid="cdn-cost-unavailable">
              No cost estimate: {preview.costUnavailable}.
            </Typography>
          )}
          {preview?.validation.message && (
            <Typography variant="body2" color="text.secondary">
              {preview.validation.message}
            </Typography>
          )}
          {step.kind === 'applying' && (
            <Box role="status">
              <Typography gutterBottom>Applying… waiting for the compute operation</Typography>
              <LinearProgress aria-label="Applying" />
            </Box>
          )}
          {step.kind === 'failed' && <Alert severity="error" data-testid="cdn-error">{step.error.message}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={flow.close} disabled={flow.busy}>
          Cancel
        </Button>
        <Button variant="contained" onClick={flow.apply} disabled={!preview || preview.diff.length === 0 || flow.busy} data-testid="cdn-apply">
          Apply
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Props of {@link CdnConflictDialog}. */
export interface CdnConflictDialogProps {
  details: CdnConflictDetails | undefined;
  onUseCurrent(details: CdnConflictDetails): void;
  onCancel(): void;
}

/** The backend changed since the preview: nothing was written; show the newer values. */
export function CdnConflictDialog({ details, onUseCurrent, onCancel }: CdnConflictDialogProps) {
  return (
    <Dialog open={details !== undefined} onClose={onCancel} data-testid="cdn-conflict-dialog">
      <DialogTitle>The cache policy changed meanwhile</DialogTitle>
      <DialogContent>
        <Typography gutterBottom>Someone changed {details?.backend.name} after your preview. Nothing was written. It is now:</Typography>
        <Box component="pre" sx={{ fontSize: 13 }}>
          {details && JSON.stringify(details.current, null, 2)}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Close</Button>
        <Button variant="contained" onClick={() => details && onUseCurrent(details)}>
          Start from these values
        </Button>
      </DialogActions>
    </Dialog>
  );
}
