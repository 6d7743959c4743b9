import type {
  PanelError,
  ProjectSummary,
  WiringOverride,
} from '@gcp-serverless/common';
import type { CloudRunGateway } from '../gateways/CloudRunGateway';
import type { CloudTasksGateway } from '../gateways/CloudTasksGateway';
import type { RedisGateway } from '../gateways/RedisGateway';
import type { CapacityContext } from './CapacityGuardrails';
import type { CapacityMetrics } from './CapacityMetrics';
import { settlePanels } from './panelErrors';

/** Look-back of the connections-per-instance estimate and task durations: one day of 5-minute steps. */
export const CAPACITY_LOOKBACK_SECONDS = 24 * 3600;
export const CAPACITY_STEP_SECONDS = 300;

/** The dependencies of the loader. */
export interface CapacityContextDeps {
  cloudRun: CloudRunGateway;
  tasks: CloudTasksGateway;
  redis: RedisGateway;
  metrics: CapacityMetrics;
  overrides: WiringOverride[];
}

/**
 * Gathers what the capacity guardrails need for one project, every call in parallel and each one
 * best effort: a failing API leaves its part empty and adds a PanelError, so a preview still shows
 * the rest (one list call per region per API, one Monitoring call per metric).
 */
export class CapacityContextLoader {
  private readonly deps: CapacityContextDeps;

  constructor(deps: CapacityContextDeps) {
    this.deps = deps;
  }

  async load(
    project: ProjectSummary,
    endMs: number,
  ): Promise<{ context: CapacityContext; errors: PanelError[] }> {
    const { projectId, regions } = project;
    const w = {
      projectId,
      startMs: endMs - CAPACITY_LOOKBACK_SECONDS * 1000,
      endMs,
      stepSeconds: CAPACITY_STEP_SECONDS,
    };
    const perRegion = <T>(f: (region: string) => Promise<T[]>) =>
      Promise.all(regions.map(f)).then(lists => lists.flat());
    const { values, errors } = await settlePanels({
      services: perRegion(r => this.deps.cloudRun.listServices(projectId, r)),
      redis: perRegion(r => this.deps.redis.listInstances(projectId, r)),
      queues: perRegion(r => this.deps.tasks.listQueues(projectId, r)),
      connected: this.deps.metrics.redisConnectedMean(w),
      runInstances: this.deps.metrics.runInstances(w),
      latencySeconds: this.deps.metrics.runMedianLatencySeconds(w),
    });
    return {
      context: {
        services: values.services ?? [],
        redis: values.redis ?? [],
        queues: values.queues ?? [],
        connected: values.connected,
        runInstances: values.runInstances,
        latencySeconds: values.latencySeconds,
        overrides: this.deps.overrides.filter(o => o.projectId === projectId),
      },
      errors,
    };
  }
}
