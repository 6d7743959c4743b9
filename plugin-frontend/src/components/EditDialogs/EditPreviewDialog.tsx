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
import { previewOf, type EditPreviewBase } from '../../edits/editState';
import type { Edit } from '../../edits/useEdit';
import {
  ApprovalRequestedNotice,
  ApprovalRequiredNotice,
} from './EditApprovalNotices';
import { EditDiffTable } from './EditDiffTable';
import { EditPendingNotice } from './EditPendingNotice';
import { EditValidation } from './EditValidation';
import { EditWarnings } from './EditWarnings';
import { PreviewSectionsView } from './PreviewSectionsView';
import { useReturnFocus } from './useReturnFocus';

/** Props of {@link EditPreviewDialog}. */
export interface EditPreviewDialogProps<
  Ref,
  C,
  P extends EditPreviewBase,
  R,
  D,
> {
  edit: Edit<Ref, C, P, R, D>;
  /** Called when the user closes the dialog after a pending outcome (reload, close a surrounding dialog). */
  onDone?: () => void;
}

/**
 * The preview of any edit: diff, warnings with their acknowledgement, capacity and cost impact, URL map
 * findings, Google's validation; then Apply with progress. A failed apply shows its error and can be
 * retried; a pending one says the change was submitted and where its outcome will show. Succeeded and
 * conflict close it (the form's notice and the conflict dialog take over).
 */
export function EditPreviewDialog<Ref, C, P extends EditPreviewBase, R, D>({
  edit,
  onDone,
}: EditPreviewDialogProps<Ref, C, P, R, D>) {
  const { state, kind, busy } = edit;
  const { testId, upstream } = kind;
  const applyLabel = kind.applyLabel ?? 'Apply';
  const open =
    state.status === 'previewing' ||
    state.status === 'previewed' ||
    state.status === 'applying' ||
    state.status === 'failed' ||
    state.status === 'pending' ||
    state.status === 'requested';
  useReturnFocus(open, edit.trigger);
  const preview = previewOf(state);
  const pending = state.status === 'pending' ? state : undefined;
  const requested = state.status === 'requested' ? state : undefined;
  const needsApproval = preview?.approval?.required === true;
  const close = () => {
    if (busy) return;
    edit.reset();
    if (pending || requested) onDone?.();
  };
  const acknowledged =
    state.status === 'previewed' ||
    state.status === 'applying' ||
    state.status === 'failed'
      ? state.acknowledged
      : [];
  return (
    <Dialog
      open={open}
      onClose={close}
      disableRestoreFocus
      fullWidth
      maxWidth={kind.kind === 'routing' ? 'md' : 'sm'}
      aria-labelledby={`${testId}-preview-title`}
      data-testid={`${testId}-preview-dialog`}
    >
      <DialogTitle id={`${testId}-preview-title`}>
        {pending && `Change to ${kind.resourceName(edit.ref)} submitted`}
        {requested && `Approval requested for ${kind.resourceName(edit.ref)}`}
        {!pending && !requested && kind.title(edit.ref)}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          {state.status === 'previewing' && (
            <Box
              sx={{ display: 'flex', alignItems: 'center', gap: 2, py: 2 }}
              role="status"
            >
              <CircularProgress size={24} aria-label="Previewing" />
              <Typography>Checking the change with {upstream}…</Typography>
            </Box>
          )}
          {pending && (
            <EditPendingNotice
              message={pending.message}
              changeId={pending.changeId}
              upstream={upstream}
              testId={testId}
            />
          )}
          {requested && (
            <ApprovalRequestedNotice
              request={requested.request}
              testId={testId}
            />
          )}
          {preview && !pending && !requested && preview.diff.length === 0 && (
            <Alert severity="info" data-testid={`${testId}-no-change`}>
              Nothing to change: {kind.resourceName(edit.ref)} already has these
              values.
            </Alert>
          )}
          {preview && !pending && !requested && preview.diff.length > 0 && (
            <>
              <ApprovalRequiredNotice
                approval={preview.approval}
                testId={testId}
              />
              <EditDiffTable diff={preview.diff} />
              <EditWarnings
                warnings={preview.warnings ?? []}
                acknowledged={acknowledged}
                onAcknowledge={edit.acknowledge}
                disabled={busy}
              />
              {kind.sections && (
                <PreviewSectionsView
                  sections={kind.sections(preview)}
                  testId={testId}
                />
              )}
              {preview.validation && (
                <EditValidation
                  validation={preview.validation}
                  upstream={upstream}
                  testId={testId}
                />
              )}
            </>
          )}
          {state.status === 'applying' && (
            <Box role="status" data-testid={`${testId}-applying`}>
              <Typography gutterBottom>
                Applying… waiting for {upstream}
              </Typography>
              <LinearProgress aria-label="Applying" />
            </Box>
          )}
          {state.status === 'failed' && (
            <Alert severity="error" data-testid={`${testId}-error`}>
              {state.preview ? `${applyLabel} failed` : 'Preview failed'}:{' '}
              {state.error.message}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        {pending || requested ? (
          <Button variant="contained" onClick={close}>
            Close
          </Button>
        ) : (
          <>
            <Button onClick={close} disabled={busy}>
              Cancel
            </Button>
            <Button
              variant="contained"
              onClick={edit.apply}
              disabled={!edit.canApply || busy}
              data-testid={`${testId}-apply`}
            >
              {needsApproval ? 'Request approval' : applyLabel}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
