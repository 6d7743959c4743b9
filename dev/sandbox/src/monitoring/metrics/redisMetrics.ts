/**
 * Memorystore for Redis metrics (docs/google-apis.md §7) on resource `redis_instance` (labels project_id,
 * instance_id = the full instance name as Google writes it, node_id, region), computed from the Redis
 * model (redis/redisModel.ts). Every minute gets a point, zeros included. Kinds follow docs/google-apis.md; the
 * unit of usage_ratio is unverified.
 */
import { redisMinute, type RedisMinute } from '../../redis/redisModel';
import type { SandboxRedisInstance } from '../../redis/redisTypes';
import type { SandboxProject } from '../../world';
import {
  NO_LABELS,
  type MetricDefinition,
  type MetricKind,
  type MetricPoint,
  type ResourceSource,
  type ValueType,
} from './metricTypes';

export const REDIS_INSTANCE = 'redis_instance';

function instanceSource(
  project: SandboxProject,
  instance: SandboxRedisInstance,
  value: (m: RedisMinute) => number,
): ResourceSource {
  const resourceLabels = {
    project_id: project.projectId,
    instance_id: String(instance.resource['name']),
    node_id: 'node-0',
    region: instance.location,
  };
  const created = instance.history[0]!.effectiveFrom;
  return {
    fixedLabels: resourceLabels,
    minute(minuteStartMs: number) {
      if (minuteStartMs < created) return { resourceLabels, points: [] };
      const points: MetricPoint[] = [
        {
          labelSet: NO_LABELS,
          value: value(redisMinute(project, instance, minuteStartMs)),
        },
      ];
      return { resourceLabels, points };
    },
  };
}

function redisMetric(
  name: string,
  metricKind: MetricKind,
  valueType: ValueType,
  unit: string,
  value: (m: RedisMinute) => number,
): MetricDefinition {
  return {
    type: `redis.googleapis.com/${name}`,
    resourceType: REDIS_INSTANCE,
    metricKind,
    valueType,
    unit,
    sources: project =>
      [...(project.backing?.redisInstances.values() ?? [])].map(instance =>
        instanceSource(project, instance, value),
      ),
  };
}

/** The Memorystore metrics the sandbox serves, by metric type. */
export const REDIS_METRICS: ReadonlyMap<string, MetricDefinition> = new Map(
  [
    redisMetric(
      'clients/connected',
      'GAUGE',
      'INT64',
      '1',
      m => m.connectedClients,
    ),
    redisMetric(
      'stats/memory/usage_ratio',
      'GAUGE',
      'DOUBLE',
      '10^2.%',
      m => m.memoryUsageRatio,
    ),
    redisMetric(
      'stats/reject_connections_count',
      'DELTA',
      'INT64',
      '1',
      m => m.rejectedConnections,
    ),
  ].map(metric => [metric.type, metric]),
);
