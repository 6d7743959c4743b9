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
import type { ScalingPreview } from '@gcp-serverless/common';
import { CapacityImpactList } from '../CapacityImpactList/CapacityImpactList';
import { ScalingDiffTable } from './ScalingDiffTable';
import { ScalingWarnings } from './ScalingWarnings';
import { CostImpactTable } from '../CostImpact/CostImpactTable';
import type { ScalingEditor } from './useScalingEditor';

/** Props of {@link ScalingPreviewDialog}. */
export interface ScalingPreviewDialogProps {
  editor: ScalingEditor;
  serviceName: string;
}

/**
 * The preview of a scaling change: diff (field, before → after), warnings with acknowledgement
 * checkboxes, Google's validation; then Apply with progress. Errors other than 400/409 show here.
 */
export function ScalingPreviewDialog({ editor, serviceName }: ScalingPreviewDialogProps) {
  const { step } = editor;
  const open = step.kind === 'previewing' || step.kind === 'previewed' || step.kind === 'applying' || step.kind === 'failed';
  const preview = step.kind === 'previewed' || step.kind === 'applying' || step.kind === 'failed' ? step.preview : undefined;
  return (
    <Dialog
      open={open}
      onClose={() => !editor.busy && editor.close()}
      fullWidth
      maxWidth="sm"
      aria-labelledby="scaling-preview-title"
      data-testid="scaling-preview-dialog"
    >
      <DialogTitle id="scaling-preview-title">Preview scaling of {serviceName}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          {step.kind === 'previewing' && (
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, py: 2 }} role="status">
              <CircularProgress size={24} aria-label="Previewing" />
              <Typography>Checking the change with Cloud Run…</Typography>
            </Box>
          )}
          {preview && <PreviewDetails preview={preview} editor={editor} />}
          {step.kind === 'applying' && (
            <Box role="status" data-testid="scaling-applying">
              <Typography gutterBottom>Applying… waiting for Cloud Run operation</Typography>
              <LinearProgress aria-label="Applying" />
            </Box>
          )}
          {step.kind === 'failed' && (
            <Alert severity="error" data-testid="scaling-error">
              {step.error.message}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={editor.close} disabled={editor.busy}>
          Cancel
        </Button>
        <Button variant="contained" onClick={editor.apply} disabled={!editor.canApply || editor.busy}>
          Apply
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function PreviewDetails({ preview, editor }: { preview: ScalingPreview; editor: ScalingEditor }) {
  if (preview.diff.length === 0) {
    return (
      <Alert severity="info" data-testid="scaling-no-change">
        Nothing to change: the service already has these values.
      </Alert>
    );
  }
  const { validation } = preview;
  return (
    <>
      <ScalingDiffTable diff={preview.diff} />
      <ScalingWarnings
        warnings={preview.warnings}
        acknowledged={editor.acknowledged}
        onAcknowledge={editor.acknowledge}
        disabled={editor.busy}
      />
      <CapacityImpactList impacts={preview.capacityImpact} />
      {preview.cost && <CostImpactTable impact={preview.cost} />}
      {validation.status === 'passed' && (
        <Alert severity="success" data-testid="scaling-validation">
          Cloud Run validation passed{validation.message ? `: ${validation.message}` : '.'}
        </Alert>
      )}
      {validation.status === 'failed' && (
        <Alert severity="error" data-testid="scaling-validation">
          Cloud Run rejected the change: {validation.message ?? 'no reason given'}
        </Alert>
      )}
      {validation.status === 'skipped' && (
        <Typography variant="body2" color="text.secondary" data-testid="scaling-validation">
          Cloud Run validation skipped{validation.message ? `: ${validation.message}` : '.'}
        </Typography>
      )}
    </>
  );
}
