import { useEffect, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useGcpServerlessApi } from '../../api/GcpServerlessApiContext';
import { useReloadAfterChange } from '../../queries/useReloadAfterChange';
import {
  formatRefreshFailure,
  formatSnapshotAge,
  snapshotOf,
} from './snapshotAge';

/** Props of {@link SnapshotStatus}. */
export interface SnapshotStatusProps {
  /** The answer the page shows; its `snapshot` field (when the backend serves it from its read model) is read. */
  response: unknown;
  /** The project whose snapshots "Refresh" recomputes. */
  projectId: string;
  /**
   * The read has no answer yet because the backend is still computing the project's first snapshot
   * (`isComputingSnapshot` of the query's `failureReason`): says so while the query asks again.
   */
  computing?: boolean;
}

/** Now, re-read every few seconds so an age on screen keeps counting. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * How old the figures on screen are ("updated 40 s ago", a "stale" chip when older than the refresh
 * interval, "refreshing" while the backend recomputes), why they are old when the last refresh failed
 * ("last refresh failed 1 min ago: listing URL maps of … failed: … (503)", every failing panel in its
 * tooltip), and a Refresh button that asks the backend to
 * recompute the project now (`POST /projects/:projectId/refresh`) and then reloads the project's
 * pages. Before any answer, while the backend computes the project's first snapshot, a line that says
 * so. Renders nothing for an answer that was not served from a snapshot.
 */
export function SnapshotStatus({
  response,
  projectId,
  computing,
}: SnapshotStatusProps) {
  const snapshot = snapshotOf(response);
  const api = useGcpServerlessApi();
  const reload = useReloadAfterChange(projectId);
  const now = useNow(5_000);
  const refresh = useMutation({
    mutationFn: () => api.refreshProject(projectId),
    onSuccess: reload,
  });
  if (!snapshot)
    return computing ? (
      <Stack
        direction="row"
        spacing={1}
        alignItems="center"
        role="status"
        data-testid="snapshot-computing"
      >
        <CircularProgress size={12} aria-hidden />
        <Typography variant="caption" color="text.secondary">
          Computing the first snapshot of this project… its figures appear here
          as soon as they are in.
        </Typography>
      </Stack>
    ) : null;
  const busy = refresh.isPending || snapshot.refreshing;
  return (
    <Stack
      direction="row"
      spacing={1}
      alignItems="center"
      data-testid="snapshot-status"
    >
      <Tooltip title={`Computed at ${snapshot.computedAt}`}>
        <Typography
          variant="caption"
          color="text.secondary"
          data-testid="snapshot-age"
        >
          {formatSnapshotAge(snapshot.computedAt, now)}
        </Typography>
      </Tooltip>
      {snapshot.stale && (
        <Chip size="small" color="warning" variant="outlined" label="stale" />
      )}
      {snapshot.lastRefreshFailure && (
        <Tooltip
          title={
            <Stack component="ul" sx={{ m: 0, pl: 2 }}>
              {snapshot.lastRefreshFailure.errors.map((e, i) => (
                <li key={i}>
                  {e.source}: {e.message} ({e.status})
                </li>
              ))}
            </Stack>
          }
        >
          <Typography
            variant="caption"
            // Body text colour, not the warning hue: readable (4.5:1) on light and dark themes alike.
            color="text.secondary"
            data-testid="snapshot-refresh-failure"
          >
            · {formatRefreshFailure(snapshot.lastRefreshFailure, now)}
          </Typography>
        </Tooltip>
      )}
      {refresh.error && (
        <Typography variant="caption" color="error" role="alert">
          Refresh failed: {refresh.error.message}
        </Typography>
      )}
      <Button
        size="small"
        onClick={() => refresh.mutate()}
        disabled={refresh.isPending}
        startIcon={
          busy ? (
            <CircularProgress size={12} aria-label="Refreshing" />
          ) : undefined
        }
        aria-label={`Refresh ${projectId}`}
      >
        Refresh
      </Button>
    </Stack>
  );
}
