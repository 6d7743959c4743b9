import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ChangeRecord } from '@gcp-serverless/common';
import { useGcpServerlessApi } from '../../api/GcpServerlessApiContext';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useAccessSummary } from '../../hooks/useChangePermission';
import { EditSucceededSnackbar } from '../EditDialogs/EditSucceededSnackbar';
import { ChangeHistoryTable } from './ChangeHistoryTable';
import { formatChangeValues } from './formatChangeValues';
import { REVERT_EDITORS } from './revertEditors';

/** Props of {@link ChangeHistoryPanel}. */
export interface ChangeHistoryPanelProps {
  projectId: string;
  /** Full resource name to show only its changes; absent = the whole project. */
  resource?: string;
  /** Changes elsewhere on the page bump this to reload the history. */
  refreshKey?: unknown;
  /** Called after a revert was applied or submitted (the page reloads its data). */
  onReverted?: () => void;
}

/**
 * The change history of a project or one resource, with loading, empty and error states. "Revert to
 * this" opens the kind's own edit form with the entry's `before` values: preview, then apply, as any edit.
 */
export function ChangeHistoryPanel({
  projectId,
  resource,
  refreshKey,
  onReverted,
}: ChangeHistoryPanelProps) {
  const api = useGcpServerlessApi();
  const access = useAccessSummary();
  const [reverting, setReverting] = useState<ChangeRecord>();
  const [reverted, setReverted] = useState<string>();
  const history = useAsyncData(
    signal =>
      api.listHistory(projectId, resource ? { resource } : {}, { signal }),
    [projectId, resource, refreshKey],
  );
  const Editor = reverting ? REVERT_EDITORS[reverting.kind] : undefined;
  const canRevert = (entry: ChangeRecord) =>
    REVERT_EDITORS[entry.kind] !== undefined &&
    access?.changes[entry.kind]?.verdict !== 'deny';
  const changed = () => {
    history.retry();
    onReverted?.();
  };

  return (
    <Paper
      component="section"
      variant="outlined"
      aria-label="Change history"
      sx={{ p: 2 }}
    >
      <Typography variant="subtitle1" component="h3" gutterBottom>
        Change history
      </Typography>
      {history.loading && (
        <LinearProgress aria-label="Loading change history" />
      )}
      {history.error && (
        <Alert
          severity="error"
          action={<Button onClick={history.retry}>Retry</Button>}
        >
          Could not load the change history: {history.error.message}
        </Alert>
      )}
      {history.value && history.value.entries.length === 0 && (
        <Typography color="text.secondary">No changes recorded yet.</Typography>
      )}
      {history.value && history.value.entries.length > 0 && (
        <ChangeHistoryTable
          entries={history.value.entries}
          showResource={!resource}
          canRevert={canRevert}
          onRevert={setReverting}
        />
      )}
      <Dialog
        open={reverting !== undefined}
        onClose={() => setReverting(undefined)}
        maxWidth="md"
        fullWidth
        aria-labelledby="revert-title"
      >
        <DialogTitle id="revert-title">
          Revert to the values before this change
        </DialogTitle>
        <DialogContent>
          {reverting && (
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              {reverting.resource}: back to{' '}
              {formatChangeValues(reverting.before)}. Preview shows the diff
              against the current values.
            </Typography>
          )}
          {reverting && Editor && (
            <Editor
              entry={reverting}
              onSucceeded={message => {
                setReverting(undefined);
                setReverted(message);
                changed();
              }}
              onChanged={changed}
              onCancel={() => setReverting(undefined)}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setReverting(undefined)}>Close</Button>
        </DialogActions>
      </Dialog>
      <EditSucceededSnackbar
        message={reverted}
        testId="revert"
        onClose={() => setReverted(undefined)}
      />
    </Paper>
  );
}
