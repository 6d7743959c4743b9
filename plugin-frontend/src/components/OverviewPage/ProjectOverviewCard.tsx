import type { ProjectSummary, TimeWindow } from '@gcp-serverless/common';
import { windowQuery } from '../../hooks/useTimeWindow';
import { useProjectOverviewQuery } from '../../queries/reads';
import { SnapshotStatus } from '../SnapshotStatus/SnapshotStatus';
import { ProjectHealthCard } from './ProjectHealthCard';

/** A project's card on the index, filled by its own `GET /projects/:projectId/overview` as soon as that answers. */
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
        <SnapshotStatus response={query.data} projectId={summary.projectId} />
      }
    />
  );
}
