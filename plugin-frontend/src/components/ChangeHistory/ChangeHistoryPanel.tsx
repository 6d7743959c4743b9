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
  type ChangeKind,
  type ChangeRecord,
} from '@gcp-serverless/common';
import { useAccessSummary } from '../../hooks/useChangePermission';
import { useHistoryQuery } from '../../queries/reads';
import { EditSucceededSnackbar } from '../EditDialogs/EditSucceededSnackbar';
import { ChangeDiffList } from './ChangeDiffList';
import { ChangeHistoryFilters } from './ChangeHistoryFilters';
import { ChangeHistoryTable } from './ChangeHistoryTable';
import { useHistoryFilters, type HistoryFilters } from './useHistoryFilters';
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
  const [filters, setFilter] = useHistoryFilters();
  const history = useHistoryQuery(projectId, resource, filters, refreshKey);
  const pages = history.data?.pages ?? [];
  const entries = pages.flatMap(p => p.entries);
  const facets = pages[0]?.facets;
  const filtered = filters.kind !== undefined || filters.actor !== undefined;
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
      {history.data && entries.length === 0 && !filtered && (
        <Typography color="text.secondary">No changes recorded yet.</Typography>
      )}
      {history.data && (entries.length > 0 || filtered) && (
        <FilteredHistory
          entries={entries}
          kinds={facets?.kinds ?? []}
          actors={facets?.actors ?? []}
          filters={filters}
          onFilter={setFilter}
          showResource={!resource}
          canRevert={canRevert}
          onRevert={setReverting}
        />
      )}
      {history.hasNextPage && (
        <Button
          sx={{ mt: 1 }}
          disabled={history.isFetchingNextPage}
          onClick={() => void history.fetchNextPage()}
          data-testid="history-load-older"
        >
          Load older changes
        </Button>
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

/**
 * The filters and the table of the entries that pass them. The server applies the filters to the
 * whole history; the selects offer every kind and person in it (its facets), plus the ones in force.
 */
function FilteredHistory({
  entries,
  kinds,
  actors,
  filters,
  onFilter,
  ...table
}: {
  entries: ChangeRecord[];
  kinds: ChangeKind[];
  actors: string[];
  filters: HistoryFilters;
  onFilter: (key: keyof HistoryFilters, value: string | undefined) => void;
  showResource: boolean;
  canRevert: (entry: ChangeRecord) => boolean;
  onRevert: (entry: ChangeRecord) => void;
}) {
  const present = new Set<ChangeKind>(kinds);
  if (filters.kind) present.add(filters.kind);
  const people = [
    ...new Set([...actors, ...(filters.actor ? [filters.actor] : [])]),
  ].sort();
  return (
    <>
      <ChangeHistoryFilters
        filters={filters}
        onChange={onFilter}
        kinds={CHANGE_KINDS.filter(k => present.has(k))}
        actors={people}
      />
      {entries.length === 0 ? (
        <Typography color="text.secondary" data-testid="history-filtered-empty">
          No change matches the filters.
        </Typography>
      ) : (
        <ChangeHistoryTable entries={entries} {...table} />
      )}
    </>
  );
}
