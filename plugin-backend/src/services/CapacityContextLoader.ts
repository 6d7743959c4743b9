import type {
  PanelError,
  ProjectSummary,
  WiringOverride,
} from '@gcp-serverless/common';
import type { CloudRunGateway } from '../gateways/CloudRunGateway';
import type { CloudTasksGateway } from '../gateways/CloudTasksGateway';
import type { RedisGateway } from '../gateways/RedisGateway';
import { redisWiring, type CapacityContext } from './CapacityGuardrails';
import type { CapacityMetrics, MetricsWindow } from './CapacityMetrics';
import { settlePanels } from './panelErrors';

/** Look-back of the connections-per-instance estimate and task durations: one day of 5-minute steps. */
export const CAPACITY_LOOKBACK_SECONDS = 24 * 3600;
export const CAPACITY_STEP_SECONDS = 300;

/**
 * Past this many services wired to Redis, the Redis page reads every service's instance counts
 * rather than naming them in the filter (a filter stays short).
 */
const MAX_NAMED_SERVICES = 100;

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

  /**
   * The look-back window both loads read metrics over, and a helper that runs one list call per
   * configured region and joins the results.
   */
  private scope(project: ProjectSummary, endMs: number) {
    const w: MetricsWindow = {
      projectId: project.projectId,
      startMs: endMs - CAPACITY_LOOKBACK_SECONDS * 1000,
      endMs,
      stepSeconds: CAPACITY_STEP_SECONDS,
    };
    const perRegion = <T>(f: (region: string) => Promise<T[]>) =>
      Promise.all(project.regions.map(f)).then(lists => lists.flat());
    return { w, perRegion };
  }

  async load(
    project: ProjectSummary,
    endMs: number,
  ): Promise<{ context: CapacityContext; errors: PanelError[] }> {
    const { projectId } = project;
    const { w, perRegion } = this.scope(project, endMs);
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

  /**
   * What the Redis page's connection budgets need, and no more: the services and Redis instances,
   * connected clients, and the instance counts of only the services wired to Redis (a fleet's other
   * services' 24 h of 5-minute points would be hundreds of thousands of points read, parsed and
   * dropped each refresh). No queues and no latencies. Two rounds: the lists and connected clients
   * in parallel, then the wired services' instance counts.
   */
  async loadForRedisBudgets(
    project: ProjectSummary,
    endMs: number,
  ): Promise<{ context: CapacityContext; errors: PanelError[] }> {
    const { projectId } = project;
    const { w, perRegion } = this.scope(project, endMs);
    const first = await settlePanels({
      services: perRegion(r => this.deps.cloudRun.listServices(projectId, r)),
      redis: perRegion(r => this.deps.redis.listInstances(projectId, r)),
      connected: this.deps.metrics.redisConnectedMean(w),
    });
    const context: CapacityContext = {
      services: first.values.services ?? [],
      redis: first.values.redis ?? [],
      queues: [],
      connected: first.values.connected,
      runInstances: null,
      latencySeconds: null,
      overrides: this.deps.overrides.filter(o => o.projectId === projectId),
    };
    const wired = [
      ...new Set(
        context.redis.flatMap(i => redisWiring(context, i).map(x => x.service)),
      ),
    ];
    if (wired.length === 0) return { context, errors: first.errors };
    const second = await settlePanels({
      runInstances: this.deps.metrics.runInstances(
        w,
        wired.length <= MAX_NAMED_SERVICES ? wired : undefined,
      ),
    });
    return {
      context: { ...context, runInstances: second.values.runInstances },
      errors: [...first.errors, ...second.errors],
    };
  }
}
