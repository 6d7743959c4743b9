import {
  TIME_WINDOW_SECONDS,
  TIME_WINDOW_STEP_SECONDS,
  servicesWiredToQueue,
  type CloudRunService,
  type NamedSeries,
  type QueueListResponse,
  type QueueLiveSummary,
  type TimeWindow,
  type WiringOverride,
} from '@gcp-serverless/common';
import type { CloudRunGateway } from '../gateways/CloudRunGateway';
import type { CloudTasksGateway } from '../gateways/CloudTasksGateway';
import type { CapacityMetrics } from './CapacityMetrics';
import { settlePanels } from './panelErrors';
import type { ProjectAccess } from './ProjectAccess';
import type { Clock } from './ServiceCatalogService';

/** Depth "now" is the last aligned step; a gauge sampled per minute. */
const lastValue = (series: NamedSeries[] | undefined, key: string) =>
  series?.find(s => s.key === key)?.points.at(-1)?.value ?? null;
const meanValue = (series: NamedSeries[] | undefined, key: string) => {
  const points = series?.find(s => s.key === key)?.points ?? [];
  return points.length
    ? points.reduce((s, p) => s + p.value, 0) / points.length
    : null;
};

/**
 * The queues page: every queue of a project with state, depth now and over the window, dispatch rate
 * and failed attempts, and the Cloud Run services wired to it. One list call per region plus two
 * Monitoring calls for the whole project; Monitoring or Cloud Run failing leaves figures null or
 * wiring empty with a PanelError, Cloud Tasks failing fails the page (nothing to show without it).
 */
export class QueueService {
  private readonly deps: {
    access: ProjectAccess;
    tasks: CloudTasksGateway;
    cloudRun: CloudRunGateway;
    metrics: CapacityMetrics;
    overrides: WiringOverride[];
    now: Clock;
  };

  constructor(deps: {
    access: ProjectAccess;
    tasks: CloudTasksGateway;
    cloudRun: CloudRunGateway;
    metrics: CapacityMetrics;
    overrides: WiringOverride[];
    now: Clock;
  }) {
    this.deps = deps;
  }

  async listQueues(
    projectId: string,
    window: TimeWindow,
  ): Promise<QueueListResponse> {
    const project = this.deps.access.project(projectId);
    const endMs = this.deps.now();
    const stepSeconds = TIME_WINDOW_STEP_SECONDS[window];
    const w = {
      projectId,
      startMs: endMs - TIME_WINDOW_SECONDS[window] * 1000,
      endMs,
      stepSeconds,
    };
    const [queues, panels] = await Promise.all([
      Promise.all(
        project.regions.map(r => this.deps.tasks.listQueues(projectId, r)),
      ).then(l => l.flat()),
      settlePanels({
        wiring: Promise.all(
          project.regions.map(r =>
            this.deps.cloudRun.listServices(projectId, r),
          ),
        ).then((l): CloudRunService[] => l.flat()),
        depth: this.deps.metrics.queueDepth(w),
        attempts: this.deps.metrics.queueAttempts(w),
      }),
    ]);
    const { values, errors } = panels;
    const overrides = this.deps.overrides.filter(
      o => o.projectId === projectId,
    );
    const series: Record<string, NamedSeries[]> = {};
    const withSummary = queues
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(queue => {
        const depth = values.depth?.get(queue.name);
        const attempts = values.attempts?.get(queue.name);
        series[queue.name] = [...(depth ?? []), ...(attempts ?? [])];
        const summary: QueueLiveSummary = {
          depth: values.depth ? lastValue(depth, 'depth') ?? 0 : null,
          dispatchesPerSecond: values.attempts
            ? meanValue(attempts, 'dispatches') ?? 0
            : null,
          failedAttemptsPerSecond: values.attempts
            ? meanValue(attempts, 'failed') ?? 0
            : null,
        };
        const wiring = servicesWiredToQueue(
          { projectId, name: queue.name },
          (values.wiring as CloudRunService[] | null) ?? [],
          overrides,
        );
        return { ...queue, summary, ...wiring };
      });
    return {
      projectId,
      window,
      asOf: new Date(endMs).toISOString(),
      stepSeconds,
      queues: withSummary,
      series,
      errors,
    };
  }
}
