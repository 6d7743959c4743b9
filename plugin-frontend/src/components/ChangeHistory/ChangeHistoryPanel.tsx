import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import {
  CHANGE_KINDS,
  diffChangeRecord,
  type ChangeRecord,
} from '@gcp-serverless/common';
import { useAccessSummary } from '../../hooks/useChangePermission';
import { useHistoryQuery } from '../../queries/reads';
import { EditSucceededSnackbar } from '../EditDialogs/EditSucceededSnackbar';
import { ChangeDiffList } from './ChangeDiffList';
import { ChangeHistoryFilters } from './ChangeHistoryFilters';
import { ChangeHistoryTable } from './ChangeHistoryTable';
import {
  filterHistory,
  useHistoryFilters,
  type HistoryFilters,
} from './useHistoryFilters';
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
  const access = useAccessSummary();
  const [reverting, setReverting] = useState<ChangeRecord>();
  const [reverted, setReverted] = useState<string>();
  const history = useHistoryQuery(projectId, resource, refreshKey);
  const [filters, setFilter] = useHistoryFilters();
  const Editor = reverting ? REVERT_EDITORS[reverting.kind] : undefined;
  // Pause, resume and purge record no settings before them: there is nothing to go back to.
  const canRevert = (entry: ChangeRecord) =>
    entry.before !== null &&
    entry.before !== undefined &&
    REVERT_EDITORS[entry.kind] !== undefined &&
    access?.changes[entry.kind]?.verdict !== 'deny';
  const changed = () => {
    void history.refetch();
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
      {history.isFetching && (
        <LinearProgress aria-label="Loading change history" />
      )}
      {history.error && (
        <Alert
          severity="error"
          action={<Button onClick={() => void history.refetch()}>Retry</Button>}
        >
          Could not load the change history: {history.error.message}
        </Alert>
      )}
      {history.data && history.data.entries.length === 0 && (
        <Typography color="text.secondary">No changes recorded yet.</Typography>
      )}
      {history.data && history.data.entries.length > 0 && (
        <FilteredHistory
          entries={history.data.entries}
          filters={filters}
          onFilter={setFilter}
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
            <Box sx={{ mb: 2 }} data-testid="revert-undoes">
              <Typography variant="body2" color="text.secondary">
                {reverting.resource}: this undoes the change of{' '}
                {new Date(reverting.time).toLocaleString()} by {reverting.actor}
                . Preview shows the diff against the current values.
              </Typography>
              <ChangeDiffList
                lines={diffChangeRecord({
                  ...reverting,
                  before: reverting.after,
                  after: reverting.before,
                })}
              />
            </Box>
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

/** The filters over the loaded entries and the table of those that pass. */
function FilteredHistory({
  entries,
  filters,
  onFilter,
  ...table
}: {
  entries: ChangeRecord[];
  filters: HistoryFilters;
  onFilter: (key: keyof HistoryFilters, value: string | undefined) => void;
  showResource: boolean;
  canRevert: (entry: ChangeRecord) => boolean;
  onRevert: (entry: ChangeRecord) => void;
}) {
  const present = new Set(entries.map(e => e.kind));
  if (filters.kind) present.add(filters.kind);
  const actors = [
    ...new Set([
      ...entries.map(e => e.actor),
      ...(filters.actor ? [filters.actor] : []),
    ]),
  ].sort();
  const shown = filterHistory(entries, filters);
  return (
    <>
      <ChangeHistoryFilters
        filters={filters}
        onChange={onFilter}
        kinds={CHANGE_KINDS.filter(k => present.has(k))}
        actors={actors}
      />
      {shown.length === 0 ? (
        <Typography color="text.secondary" data-testid="history-filtered-empty">
          No change matches the filters.
        </Typography>
      ) : (
        <ChangeHistoryTable entries={shown} {...table} />
      )}
    </>
  );
}
