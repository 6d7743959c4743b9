import type {
  CloudRunService,
  CloudTasksQueue,
  PanelError,
  ProjectSummary,
  RedisInstance,
  WiringOverride,
} from '@gcp-serverless/common';
import type { CloudRunGateway } from '../gateways/CloudRunGateway';
import type { CloudTasksGateway } from '../gateways/CloudTasksGateway';
import type { RedisGateway } from '../gateways/RedisGateway';
import {
  queueWiring,
  redisWiring,
  type CapacityContext,
} from './CapacityGuardrails';
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

/** The resource a preview changes: its capacity context is read for it alone. */
export type CapacityFocus =
  /** A scaling change of this service (as just read). */
  | { service: CloudRunService }
  /** A change of this Memorystore instance. */
  | { redisInstance: RedisInstance }
  /** A change of this Cloud Tasks queue. */
  | { queue: CloudTasksQueue };

/**
 * The series a focused preview reads: the Redis instances it touches (connected clients), the
 * services whose instance counts their connection estimate divides by, the queue workers whose
 * task durations (median latency) it needs.
 */
function focusedSeries(
  ctx: CapacityContext,
  focus: CapacityFocus,
): {
  redisInstances: string[];
  instanceServices: string[];
  latencyServices: string[];
} {
  let instances: RedisInstance[] = [];
  let latency: string[] = [];
  if ('redisInstance' in focus) instances = [focus.redisInstance];
  if ('queue' in focus)
    latency = queueWiring(ctx, focus.queue).targets.map(t => t.service);
  if ('service' in focus) {
    const name = focus.service.name;
    instances = ctx.redis.filter(i =>
      redisWiring(ctx, i).some(w => w.service === name),
    );
    if (
      ctx.queues.some(q =>
        queueWiring(ctx, q).targets.some(t => t.service === name),
      )
    )
      latency = [name];
  }
  const unique = (names: string[]) => [...new Set(names)].sort();
  return {
    // Google's instance_id label is the full instance name (docs/google-apis.md §7).
    redisInstances: unique(instances.map(i => i.resourceName)),
    instanceServices: unique(
      instances.flatMap(i => redisWiring(ctx, i).map(w => w.service)),
    ),
    latencyServices: unique(latency),
  };
}

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

  /**
   * What the preview of one change needs, and no more (docs/performance.md, "Session 7, costs and
   * previews"): the lists, then the Monitoring series of only the resources the change touches, each
   * query filtered on their names — a scaling preview reads the Redis instances wired to the service,
   * the instance counts of the services sharing them and the service's own latency if a queue targets
   * it; a Redis preview the instance and its wired services; a queue preview its workers' latencies.
   * A fleet's other services' 24 h of 5-minute series (576,000 points at 1,000 services) are never
   * read. Series left unread are empty maps: nothing the preview looks at is in them. Two rounds:
   * the lists, then the focused series in parallel.
   */
  async loadFor(
    project: ProjectSummary,
    endMs: number,
    focus: CapacityFocus,
  ): Promise<{ context: CapacityContext; errors: PanelError[] }> {
    const { projectId } = project;
    const { w, perRegion } = this.scope(project, endMs);
    const first = await settlePanels({
      services: perRegion(r => this.deps.cloudRun.listServices(projectId, r)),
      redis: perRegion(r => this.deps.redis.listInstances(projectId, r)),
      queues: perRegion(r => this.deps.tasks.listQueues(projectId, r)),
    });
    const listed = first.values.services ?? [];
    const fresh = 'service' in focus ? focus.service : undefined;
    const context: CapacityContext = {
      // The service as just read is the truth for its own wiring and scaling.
      services: fresh
        ? [
            ...listed.filter(
              s => s.name !== fresh.name || s.region !== fresh.region,
            ),
            fresh,
          ]
        : listed,
      redis: first.values.redis ?? [],
      queues: first.values.queues ?? [],
      connected: new Map(),
      runInstances: new Map(),
      latencySeconds: new Map(),
      overrides: this.deps.overrides.filter(o => o.projectId === projectId),
    };
    const need = focusedSeries(context, focus);
    const second = await settlePanels({
      ...(need.redisInstances.length > 0
        ? {
            connected: this.deps.metrics.redisConnectedMean(
              w,
              need.redisInstances,
            ),
          }
        : {}),
      ...(need.instanceServices.length > 0
        ? {
            runInstances: this.deps.metrics.runInstances(
              w,
              need.instanceServices,
            ),
          }
        : {}),
      ...(need.latencyServices.length > 0
        ? {
            latencySeconds: this.deps.metrics.runMedianLatencySeconds(
              w,
              need.latencyServices,
            ),
          }
        : {}),
    });
    const read = second.values as Partial<
      Pick<CapacityContext, 'connected' | 'runInstances' | 'latencySeconds'>
    >;
    return {
      context: {
        ...context,
        ...('connected' in read ? { connected: read.connected ?? null } : {}),
        ...('runInstances' in read
          ? { runInstances: read.runInstances ?? null }
          : {}),
        ...('latencySeconds' in read
          ? { latencySeconds: read.latencySeconds ?? null }
          : {}),
      },
      errors: [...first.errors, ...second.errors],
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
