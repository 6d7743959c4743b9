import {
  estimateConnectionsPerInstance,
  queueWorkerBudget,
  REDIS_CONNECTIONS_LABEL,
  redisConnectionBudget,
  resolveConnectionsPerInstance,
  servicesWiredToQueue,
  servicesWiredToRedis,
  type CloudRunService,
  type CloudTasksQueue,
  type QueueWorkerBudget,
  type RedisConnectionBudget,
  type RedisInstance,
  type ScalingSettings,
  type SeriesPoint,
  type WiringEvidence,
  type WiringOverride,
} from '@gcp-serverless/common';
import type { SeriesById } from './CapacityMetrics';

/** Everything the guardrails read about one project; gathered by {@link CapacityContextLoader}. */
export interface CapacityContext {
  services: CloudRunService[];
  redis: RedisInstance[];
  queues: CloudTasksQueue[];
  /** Connected clients per instance id over the look-back (key "connected"), or null if unreadable. */
  connected: SeriesById | null;
  /** Cloud Run instances per service over the same steps (key "instances"), or null. */
  runInstances: SeriesById | null;
  /** Median latency per service in seconds (key "p50"), or null. */
  latencySeconds: SeriesById | null;
  overrides: WiringOverride[];
}

const pointsOf = (
  m: SeriesById | null,
  id: string,
  key: string,
): SeriesPoint[] => m?.get(id)?.find(s => s.key === key)?.points ?? [];

/**
 * Connections per Cloud Run instance for a Redis instance, from metrics: at the step where connected
 * clients peaked, the connections of services with a known figure (config or label) are taken out
 * and the rest divided by the other wired services' instances at that step. One figure for those
 * services (metrics cannot tell them apart); labels or config refine it per service.
 */
export function estimatedConnectionsPerInstance(
  ctx: CapacityContext,
  instance: string,
  wired: readonly string[],
  known: ReadonlyMap<string, number> = new Map(),
): number | null {
  const connected = pointsOf(ctx.connected, instance, 'connected');
  if (connected.length === 0 || !ctx.runInstances) return null;
  const peak = connected.reduce((best, p) => (p.value > best.value ? p : best));
  const instancesAt = (s: string) =>
    pointsOf(ctx.runInstances, s, 'instances').find(p => p.time === peak.time)
      ?.value ?? 0;
  const knownConnections = wired
    .filter(s => known.has(s))
    .reduce((sum, s) => sum + known.get(s)! * instancesAt(s), 0);
  const unknownInstances = wired
    .filter(s => !known.has(s))
    .reduce((sum, s) => sum + instancesAt(s), 0);
  return estimateConnectionsPerInstance(
    Math.max(0, peak.value - knownConnections),
    unknownInstances,
  );
}

/** Services wired to a Redis instance (env, label, config). */
export function redisWiring(
  ctx: CapacityContext,
  instance: RedisInstance,
): WiringEvidence[] {
  return servicesWiredToRedis(
    {
      projectId: instance.projectId,
      name: instance.name,
      hosts: [instance.host],
    },
    ctx.services,
    ctx.overrides,
  );
}

/**
 * The worst-case connection budget of a Redis instance; `scalingOverride` replaces one service's
 * scaling (the proposed one of a scaling preview).
 */
export function redisBudgetOf(
  ctx: CapacityContext,
  instance: RedisInstance,
  scalingOverride?: { service: string; scaling: ScalingSettings },
): RedisConnectionBudget {
  const wired = redisWiring(ctx, instance).map(
    w => ctx.services.find(s => s.name === w.service)!,
  );
  const configured = (service: CloudRunService) =>
    resolveConnectionsPerInstance({
      config: ctx.overrides.find(
        o => o.projectId === service.projectId && o.service === service.name,
      )?.redisConnectionsPerInstance,
      label: service.labels[REDIS_CONNECTIONS_LABEL],
    });
  const known = new Map(
    wired
      .map(s => [s.name, configured(s)] as const)
      .filter(([, c]) => c.connectionsSource !== 'default')
      .map(([n, c]) => [n, c.connectionsPerInstance]),
  );
  const estimate = estimatedConnectionsPerInstance(
    ctx,
    instance.name,
    wired.map(s => s.name),
    known,
  );
  return redisConnectionBudget(
    instance.name,
    wired.map(service => {
      const scaling =
        scalingOverride?.service === service.name
          ? scalingOverride.scaling
          : service.scaling;
      const own = configured(service);
      return {
        service: service.name,
        maxInstances: scaling.maxInstances,
        ...(own.connectionsSource !== 'default'
          ? own
          : resolveConnectionsPerInstance({ estimated: estimate })),
      };
    }),
  );
}

/** Targets and producers of a queue. */
export function queueWiring(ctx: CapacityContext, queue: CloudTasksQueue) {
  return servicesWiredToQueue(
    { projectId: queue.projectId, name: queue.name },
    ctx.services,
    ctx.overrides,
  );
}

/** Mean of a service's median latency over the look-back, seconds, or null. */
function taskSeconds(ctx: CapacityContext, service: string): number | null {
  const points = pointsOf(ctx.latencySeconds, service, 'p50').filter(
    p => p.value > 0,
  );
  return points.length
    ? points.reduce((s, p) => s + p.value, 0) / points.length
    : null;
}

/**
 * Budgets of a queue against each worker it targets. `rates` overrides the queue's limits (a queue
 * preview), `scalingOverride` a worker's scaling (a scaling preview).
 */
export function queueBudgetsOf(
  ctx: CapacityContext,
  queue: CloudTasksQueue,
  options: {
    rates?: { maxDispatchesPerSecond: number; maxConcurrentDispatches: number };
    scalingOverride?: { service: string; scaling: ScalingSettings };
  } = {},
): QueueWorkerBudget[] {
  const rates = options.rates ?? queue.rateLimits;
  return queueWiring(ctx, queue).targets.flatMap(t => {
    const worker = ctx.services.find(s => s.name === t.service);
    if (!worker) return [];
    const scaling =
      options.scalingOverride?.service === worker.name
        ? options.scalingOverride.scaling
        : worker.scaling;
    return [
      queueWorkerBudget({
        queue: queue.name,
        worker: worker.name,
        maxInstances: scaling.maxInstances,
        concurrency: scaling.concurrency,
        maxConcurrentDispatches: rates.maxConcurrentDispatches,
        maxDispatchesPerSecond: rates.maxDispatchesPerSecond,
        taskSeconds: taskSeconds(ctx, worker.name),
      }),
    ];
  });
}
