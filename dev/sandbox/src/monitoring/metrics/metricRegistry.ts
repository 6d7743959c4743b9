import { CLOUD_RUN_METRICS } from './cloudRunMetrics';
import { LOAD_BALANCER_METRICS } from './loadBalancerMetrics';
import { CLOUD_TASKS_METRICS } from './cloudTasksMetrics';
import { REDIS_METRICS } from './redisMetrics';
import type { MetricDefinition } from './metricTypes';

/**
 * Every metric family the sandbox computes, by metric type. A new family (load balancer, Cloud
 * Tasks, Memorystore) writes its definitions in its own file and adds its map here.
 */
const FAMILIES: ReadonlyMap<string, MetricDefinition>[] = [CLOUD_RUN_METRICS];
FAMILIES.push(CLOUD_TASKS_METRICS, REDIS_METRICS);
FAMILIES.push(LOAD_BALANCER_METRICS);

export const METRIC_REGISTRY: ReadonlyMap<string, MetricDefinition> = new Map(
  FAMILIES.flatMap(family => [...family]),
);
