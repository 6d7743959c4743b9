import { useCallback, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { TimeWindow } from '@gcp-serverless/common';
import { isComputingSnapshot } from '../../queries/computingSnapshot';
import { queryKeys } from '../../queries/queryKeys';
import { SnapshotStatus } from './SnapshotStatus';

/** The project pages served from a snapshot as one answer, and the query each page reads it with. */
const SNAPSHOT_PAGES = {
  services: queryKeys.services,
  routing: queryKeys.routing,
  cdn: queryKeys.cdn,
  queues: queryKeys.queues,
  redis: queryKeys.redis,
  topology: queryKeys.topology,
} as const;

/**
 * The snapshot status of the project page shown (its age, a failed last refresh and why, Refresh),
 * for the project frame above every page. It reads the page's own answer from the query cache and
 * follows its changes, without observing the query (an observer would bring its own query function
 * and refetch rules), so it shows what the page shows, once the page has it.
 */
export function ProjectPageSnapshotStatus({
  projectId,
  window,
  page,
}: {
  projectId: string;
  window: TimeWindow;
  /** The first path segment after the project (`routing`); others (a service's page) show nothing. */
  page: string;
}) {
  const key =
    page in SNAPSHOT_PAGES
      ? SNAPSHOT_PAGES[page as keyof typeof SNAPSHOT_PAGES](projectId, window)
      : undefined;
  const client = useQueryClient();
  const subscribe = useCallback(
    (notify: () => void) => client.getQueryCache().subscribe(notify),
    [client],
  );
  const data = useSyncExternalStore(subscribe, () =>
    key ? client.getQueryData(key) : undefined,
  );
  // Before the page's first answer: is the backend still computing it (the query asks again meanwhile)?
  const computing = useSyncExternalStore(
    subscribe,
    () =>
      key !== undefined &&
      isComputingSnapshot(client.getQueryState(key)?.fetchFailureReason),
  );
  if (!key) return null;
  return (
    <SnapshotStatus
      response={data}
      projectId={projectId}
      computing={data === undefined && computing}
    />
  );
}
