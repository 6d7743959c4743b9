import type { ProjectSummary, TimeWindow } from '@gcp-serverless/common';
import { windowQuery } from '../../hooks/useTimeWindow';
import { isComputingSnapshot } from '../../queries/computingSnapshot';
import { useProjectOverviewQuery } from '../../queries/reads';
import { SnapshotStatus } from '../SnapshotStatus/SnapshotStatus';
import { ProjectHealthCard } from './ProjectHealthCard';

/**
 * A project's card on the index, filled by its own `GET /projects/:projectId/overview` as soon as that
 * answers; while the backend is still computing the project's first snapshot the card stays loading,
 * says so, and asks again when the answer said to (the query client's retry).
 */
export function ProjectOverviewCard({
  summary,
  window,
}: {
  summary: ProjectSummary;
  window: TimeWindow;
}) {
  const query = useProjectOverviewQuery(summary.projectId, window);
  return (
    <ProjectHealthCard
      summary={summary}
      project={query.data?.project}
      error={query.error ?? undefined}
      onRetry={() => void query.refetch()}
      windowQuery={windowQuery(window)}
      status={
        <SnapshotStatus
          response={query.data}
          projectId={summary.projectId}
          computing={
            query.data === undefined && isComputingSnapshot(query.failureReason)
          }
        />
      }
    />
  );
}
