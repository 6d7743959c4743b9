/**
 * Load balancer metrics (docs/google-apis.md §7) on resource `https_lb_rule`, computed from the
 * load-balancer traffic model (compute/traffic/lbTrafficModel.ts): one resource per URL map × matched
 * path rule × backend, so `groupByFields: ["resource.labels.matched_url_path_rule"]` or
 * `["resource.labels.backend_target_name"]` answers per route or per backend in one call.
 * `request_count` carries response_code, response_code_class (200/300/400/500), cache_result and
 * protocol. Metric kinds follow Google's descriptors; the distributions' label sets are reduced
 * (total_latencies by cache_result only, backend_latencies without labels).
 */
import type { SandboxLoadBalancer } from '../../compute/computeTypes';
import {
  routesFor,
  type ClassRoute,
  type ClassTarget,
} from '../../compute/traffic/lbRouting';
import { lbMinute, type LbRow } from '../../compute/traffic/lbTrafficModel';
import {
  LATENCY_BUCKETS,
  logNormalDistribution,
  type Distribution,
} from '../../traffic/distribution';
import type { SandboxProject } from '../../world';
import { mergeDistributions } from '../aggregation/distributionMath';
import {
  NO_LABELS,
  labelSet,
  type MetricDefinition,
  type MetricLabelSet,
  type MetricPoint,
  type ResourceSource,
} from './metricTypes';

export const HTTPS_LB_RULE = 'https_lb_rule';

/** The resource labels of one (load balancer, route, target), as Google names them. */
function resourceLabels(
  project: SandboxProject,
  lb: SandboxLoadBalancer,
  route: ClassRoute,
  target: ClassTarget,
): Record<string, string> {
  return {
    project_id: project.projectId,
    region: 'global',
    url_map_name: lb.urlMap,
    forwarding_rule_name: lb.forwardingRule,
    target_proxy_name: lb.targetProxy,
    matched_url_path_rule: route.matchedUrlPathRule,
    backend_target_name: target.backendTargetName,
    backend_target_type: target.backendTargetType,
    backend_name: target.backendName,
    backend_type: target.backendType,
    backend_scope: target.backendScope,
    backend_scope_type: target.backendScope === 'global' ? 'GLOBAL' : 'REGION',
  };
}

const keyOf = (labels: Record<string, string>) =>
  Object.values(labels).join('\u0000');

/**
 * One source per resource that any configuration in the project's history produces (so a route
 * that existed only before an edit still has its past points). Minutes are computed once per query
 * and shared by all sources of the load balancer.
 */
function lbSources(
  project: SandboxProject,
  points: (rows: LbRow[]) => MetricPoint[],
): ResourceSource[] {
  const compute = project.compute;
  if (!compute) return [];
  const sources: ResourceSource[] = [];
  for (const lb of compute.loadBalancers) {
    const labelsByKey = new Map<string, Record<string, string>>();
    for (const snapshot of compute.history) {
      for (const route of routesFor(snapshot, lb)) {
        for (const target of route.targets) {
          const labels = resourceLabels(project, lb, route, target);
          if (!labelsByKey.has(keyOf(labels)))
            labelsByKey.set(keyOf(labels), labels);
        }
      }
    }
    const minutes = new Map<number, Map<string, LbRow[]>>();
    const rowsAt = (minuteStartMs: number): Map<string, LbRow[]> => {
      let byKey = minutes.get(minuteStartMs);
      if (!byKey) {
        byKey = new Map();
        for (const row of lbMinute(project, lb, minuteStartMs)) {
          const key = keyOf(resourceLabels(project, lb, row.route, row.target));
          byKey.set(key, [...(byKey.get(key) ?? []), row]);
        }
        minutes.set(minuteStartMs, byKey);
      }
      return byKey;
    };
    for (const [key, labels] of labelsByKey) {
      sources.push({
        fixedLabels: labels,
        minute: minuteStartMs => ({
          resourceLabels: labels,
          points: points(rowsAt(minuteStartMs).get(key) ?? []),
        }),
      });
    }
  }
  return sources;
}

const labelSets = new Map<string, MetricLabelSet>();
/** A label set shared by every point with the same labels (the object is the series identity). */
function sharedLabels(labels: Record<string, string>): MetricLabelSet {
  const key = keyOf(labels) + '\u0001' + Object.keys(labels).join(',');
  let set = labelSets.get(key);
  if (!set) {
    set = labelSet(labels);
    labelSets.set(key, set);
  }
  return set;
}

function requestCountPoints(rows: LbRow[]): MetricPoint[] {
  const sums = new Map<MetricLabelSet, number>();
  for (const row of rows) {
    const labels = sharedLabels({
      response_code: String(row.responseCode),
      response_code_class: String(Math.floor(row.responseCode / 100) * 100),
      cache_result: row.cacheResult,
      protocol: 'HTTP/2.0',
    });
    sums.set(labels, (sums.get(labels) ?? 0) + row.count);
  }
  return [...sums].map(([labels, value]) => ({ labelSet: labels, value }));
}

function latencyPoints(
  rows: LbRow[],
  pick: (row: LbRow) => { median: number; sigma: number } | null,
  labelsOf: (row: LbRow) => MetricLabelSet,
): MetricPoint[] {
  const groups = new Map<MetricLabelSet, Distribution[]>();
  for (const row of rows) {
    const latency = pick(row);
    if (!latency) continue;
    const labels = labelsOf(row);
    groups.set(labels, [
      ...(groups.get(labels) ?? []),
      logNormalDistribution(
        row.count,
        latency.median,
        latency.sigma,
        LATENCY_BUCKETS,
      ),
    ]);
  }
  return [...groups].map(([labels, values]) => ({
    labelSet: labels,
    value: mergeDistributions(values)!,
  }));
}

function lbMetric(
  name: string,
  valueType: 'INT64' | 'DISTRIBUTION',
  unit: string,
  points: (rows: LbRow[]) => MetricPoint[],
): MetricDefinition {
  return {
    type: `loadbalancing.googleapis.com/${name}`,
    resourceType: HTTPS_LB_RULE,
    metricKind: 'DELTA',
    valueType,
    unit,
    sources: project => lbSources(project, points),
  };
}

/** The load balancer metrics the sandbox serves, by metric type. */
export const LOAD_BALANCER_METRICS: ReadonlyMap<string, MetricDefinition> =
  new Map(
    [
      lbMetric('https/request_count', 'INT64', '1', requestCountPoints),
      lbMetric('https/total_latencies', 'DISTRIBUTION', 'ms', rows =>
        latencyPoints(
          rows,
          r => r.totalLatency,
          r => sharedLabels({ cache_result: r.cacheResult }),
        ),
      ),
      lbMetric('https/backend_latencies', 'DISTRIBUTION', 'ms', rows =>
        latencyPoints(
          rows,
          r => r.backendLatency,
          () => NO_LABELS,
        ),
      ),
    ].map(metric => [metric.type, metric]),
  );
