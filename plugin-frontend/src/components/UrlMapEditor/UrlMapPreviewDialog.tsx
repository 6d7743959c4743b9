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
import type { UrlMapApplyResult, UrlMapConflictDetails, UrlMapEdit, UrlMapPreview } from '@gcp-serverless/common';
import type { FingerprintEdit } from '../../hooks/useFingerprintEdit';
import { ScalingDiffTable } from '../ScalingForm/ScalingDiffTable';

/** Props of {@link UrlMapPreviewDialog}. */
export interface UrlMapPreviewDialogProps {
  flow: FingerprintEdit<UrlMapEdit, UrlMapPreview, UrlMapApplyResult, UrlMapConflictDetails>;
  urlMap: string;
}

/** Preview of a URL map edit: diff, Google's `urlMaps.validate`, our findings with sample URLs; then Apply with progress. */
export function UrlMapPreviewDialog({ flow, urlMap }: UrlMapPreviewDialogProps) {
  const { step } = flow;
  const open = step.kind === 'previewing' || step.kind === 'previewed' || step.kind === 'applying' || step.kind === 'failed';
  const preview = step.kind === 'previewed' || step.kind === 'applying' || step.kind === 'failed' ? step.preview : undefined;
  const canApply = preview !== undefined && preview.diff.length > 0 && preview.validation.status !== 'failed' && !flow.busy;
  return (
    <Dialog open={open} onClose={() => !flow.busy && flow.close()} fullWidth maxWidth="md" data-testid="urlmap-preview-dialog">
      <DialogTitle>Preview routes of {urlMap}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          {step.kind === 'previewing' && (
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }} role="status">
              <CircularProgress size={24} aria-label="Previewing" />
              <Typography>Checking the change with urlMaps.validate…</Typography>
            </Box>
          )}
          {preview && preview.diff.length === 0 && <Alert severity="info">Nothing to change: the URL map already routes this way.</Alert>}
          {preview && preview.diff.length > 0 && <ScalingDiffTable diff={preview.diff} />}
          {preview && (
            <Alert severity={preview.validation.status === 'failed' ? 'error' : 'success'} data-testid="urlmap-validation">
              Google urlMaps.validate {preview.validation.status}
              {preview.validation.message ? `: ${preview.validation.message}` : '.'}
            </Alert>
          )}
          {preview?.findings.map((f, i) => (
            <Alert key={i} severity={f.severity === 'warning' ? 'warning' : 'info'} data-testid={`urlmap-finding-${f.code}`}>
              {f.message}
              {f.samples && (
                <Box component="ul" sx={{ m: 0, pl: 2 }}>
                  {f.samples.map(s => (
                    <li key={s.url}>
                      <code>{s.url}</code>: {s.before} → {s.after}
                    </li>
                  ))}
                </Box>
              )}
            </Alert>
          ))}
          {step.kind === 'applying' && (
            <Box role="status" data-testid="urlmap-applying">
              <Typography gutterBottom>Applying… waiting for the compute operation</Typography>
              <LinearProgress aria-label="Applying" />
            </Box>
          )}
          {step.kind === 'failed' && (
            <Alert severity="error" data-testid="urlmap-error">
              {step.error.message}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={flow.close} disabled={flow.busy}>
          Cancel
        </Button>
        <Button variant="contained" onClick={flow.apply} disabled={!canApply} data-testid="urlmap-apply">
          Apply
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Props of {@link UrlMapConflictDialog}. */
export interface UrlMapConflictDialogProps {
  details: UrlMapConflictDetails | undefined;
  onUseCurrent(): void;
  onCancel(): void;
}

/** The map changed since the preview: nothing was written; offer to start again from the current routes. */
export function UrlMapConflictDialog({ details, onUseCurrent, onCancel }: UrlMapConflictDialogProps) {
  return (
    <Dialog open={details !== undefined} onClose={onCancel} data-testid="urlmap-conflict-dialog">
      <DialogTitle>The URL map changed meanwhile</DialogTitle>
      <DialogContent>
        <Typography>
          Someone changed {details?.current.name} after your preview (fingerprint now {details?.fingerprint}). Nothing was written. Start again from the
          current routes and re-apply your edit.
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Close</Button>
        <Button variant="contained" onClick={onUseCurrent} data-testid="urlmap-use-current">
          Edit the current routes
        </Button>
      </DialogActions>
    </Dialog>
  );
}
