import type { NamedSeries, SeriesPoint } from '@gcp-serverless/common';
import {
  quoteFilterValue,
  type MetricSeries,
  type MonitoringGateway,
  type TimeSeriesQuery,
} from '../gateways/MonitoringGateway';
import {
  INSTANCE_ID_LABEL,
  isSuccessCode,
  QUEUE_ID_LABEL,
  REDIS_METRICS,
  REDIS_RESOURCE,
  RESPONSE_CODE_LABEL,
  shortId,
  TASKS_METRICS,
  TASKS_RESOURCE,
} from './capacityMetricNames';
import {
  CLOUD_RUN_RESOURCE,
  RUN_METRICS,
  SERVICE_NAME_LABEL,
} from './cloudRunMetricNames';

/** A time range and step of a set of queries. */
export interface MetricsWindow {
  projectId: string;
  startMs: number;
  endMs: number;
  stepSeconds: number;
}

/** Series by resource short id, then by series key. */
export type SeriesById = Map<string, NamedSeries[]>;

const filter = (metric: string, resource: string) =>
  `metric.type = ${quoteFilterValue(
    metric,
  )} AND resource.type = ${quoteFilterValue(resource)}`;

/** Adds point values of equal times (series of several response codes or regions into one). */
export function sumSeries(series: readonly SeriesPoint[][]): SeriesPoint[] {
  const byTime = new Map<string, number>();
  for (const points of series)
    for (const p of points)
      byTime.set(p.time, (byTime.get(p.time) ?? 0) + p.value);
  return [...byTime.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([time, value]) => ({ time, value }));
}

/**
 * Names per `one_of` filter (docs/google-apis.md §7): longer lists are read in several calls, so a
 * filter stays short however many resources a caller names.
 */
export const MAX_FILTER_NAMES = 100;

/** ` AND label = one_of("a","b")`, or '' when no names restrict the read. */
const onlyNamed = (label: string, names: readonly string[] | undefined) =>
  names && names.length > 0
    ? ` AND ${label} = one_of(${names.map(quoteFilterValue).join(',')})`
    : '';

/**
 * Runs `read` once without a name filter (`names` undefined), or once per slice of at most
 * MAX_FILTER_NAMES names, in parallel, and joins the answers (each keyed by resource).
 */
async function perNameSlice(
  names: readonly string[] | undefined,
  read: (slice: readonly string[] | undefined) => Promise<SeriesById>,
): Promise<SeriesById> {
  if (!names || names.length <= MAX_FILTER_NAMES) return read(names);
  const slices: string[][] = [];
  for (let i = 0; i < names.length; i += MAX_FILTER_NAMES)
    slices.push(names.slice(i, i + MAX_FILTER_NAMES));
  const maps = await Promise.all(slices.map(read));
  return new Map(maps.flatMap(m => [...m]));
}

function group(
  series: MetricSeries[],
  label: string,
): Map<string, MetricSeries[]> {
  const out = new Map<string, MetricSeries[]>();
  for (const s of series) {
    const id = shortId(s.labels[label]);
    out.set(id, [...(out.get(id) ?? []), s]);
  }
  return out;
}

/**
 * Cloud Tasks, Memorystore and Cloud Run instance figures for the queues page, the Redis page and
 * the capacity guardrails: one Monitoring call per metric for a whole project, grouped by resource.
 */
export class CapacityMetrics {
  private readonly monitoring: MonitoringGateway;

  constructor(monitoring: MonitoringGateway) {
    this.monitoring = monitoring;
  }

  private query(
    w: MetricsWindow,
    q: Omit<
      TimeSeriesQuery,
      'projectId' | 'startMs' | 'endMs' | 'alignmentPeriodSeconds'
    >,
  ) {
    return this.monitoring.query({
      projectId: w.projectId,
      startMs: w.startMs,
      endMs: w.endMs,
      alignmentPeriodSeconds: w.stepSeconds,
      ...q,
    });
  }

  /** Queue depth per queue (key "depth"). */
  async queueDepth(w: MetricsWindow): Promise<SeriesById> {
    const series = await this.query(w, {
      filter: filter(TASKS_METRICS.depth, TASKS_RESOURCE),
      aligner: 'ALIGN_MEAN',
      reducer: 'REDUCE_SUM',
      groupByFields: [QUEUE_ID_LABEL],
      purpose: `queue depth of ${w.projectId}`,
    });
    return new Map(
      [...group(series, QUEUE_ID_LABEL)].map(([id, s]) => [
        id,
        [{ key: 'depth', points: sumSeries(s.map(x => x.points)) }],
      ]),
    );
  }

  /** Task attempts per second per queue: keys "dispatches" (all) and "failed" (non-2xx). */
  async queueAttempts(w: MetricsWindow): Promise<SeriesById> {
    const series = await this.query(w, {
      filter: filter(TASKS_METRICS.attempts, TASKS_RESOURCE),
      aligner: 'ALIGN_RATE',
      reducer: 'REDUCE_SUM',
      groupByFields: [QUEUE_ID_LABEL, RESPONSE_CODE_LABEL],
      purpose: `task attempts of ${w.projectId}`,
    });
    return new Map(
      [...group(series, QUEUE_ID_LABEL)].map(([id, s]) => [
        id,
        [
          { key: 'dispatches', points: sumSeries(s.map(x => x.points)) },
          {
            key: 'failed',
            points: sumSeries(
              s
                .filter(x => !isSuccessCode(x.labels[RESPONSE_CODE_LABEL]))
                .map(x => x.points),
            ),
          },
        ],
      ]),
    );
  }

  /** Connected clients per instance (key "connected"). */
  async redisConnected(w: MetricsWindow): Promise<SeriesById> {
    return this.redisGauge(
      w,
      REDIS_METRICS.connected,
      'connected',
      'ALIGN_MAX',
      'REDUCE_SUM',
      'connected Redis clients',
    );
  }

  /**
   * Connected clients per instance, mean per step (key "connected"): the same aligner as
   * {@link runInstances}, so the ratio of the two at a step is connections per Cloud Run instance.
   * Every instance of the project, or only `instances` (full names, `projects/P/locations/L/instances/I`:
   * the `instance_id` label holds them).
   */
  async redisConnectedMean(
    w: MetricsWindow,
    instances?: readonly string[],
  ): Promise<SeriesById> {
    return perNameSlice(instances, slice =>
      this.redisGauge(
        w,
        REDIS_METRICS.connected,
        'connected',
        'ALIGN_MEAN',
        'REDUCE_SUM',
        'mean connected Redis clients',
        slice,
      ),
    );
  }

  /** Memory usage ratio 0..1 per instance (key "memory"): every instance, or only `instances` (full names). */
  async redisMemory(
    w: MetricsWindow,
    instances?: readonly string[],
  ): Promise<SeriesById> {
    return perNameSlice(instances, slice =>
      this.redisGauge(
        w,
        REDIS_METRICS.memoryUsage,
        'memory',
        'ALIGN_MEAN',
        'REDUCE_MAX',
        'Redis memory usage',
        slice,
      ),
    );
  }

  /** Rejected connections per step per instance (key "rejected"). */
  async redisRejected(w: MetricsWindow): Promise<SeriesById> {
    return this.redisGauge(
      w,
      REDIS_METRICS.rejected,
      'rejected',
      'ALIGN_DELTA',
      'REDUCE_SUM',
      'rejected Redis connections',
    );
  }

  /**
   * Cloud Run instances per service (key "instances"), all services of the project in one call, or
   * only `services` (a `one_of` filter, docs/google-apis.md §7) when the caller needs a few of them.
   */
  async runInstances(
    w: MetricsWindow,
    services?: readonly string[],
  ): Promise<SeriesById> {
    return perNameSlice(services, slice => this.runInstancesOf(w, slice));
  }

  private async runInstancesOf(
    w: MetricsWindow,
    services: readonly string[] | undefined,
  ): Promise<SeriesById> {
    const series = await this.query(w, {
      filter:
        filter(RUN_METRICS.instanceCount, CLOUD_RUN_RESOURCE) +
        onlyNamed(SERVICE_NAME_LABEL, services),
      aligner: 'ALIGN_MEAN',
      reducer: 'REDUCE_SUM',
      groupByFields: [SERVICE_NAME_LABEL],
      purpose: `Cloud Run instance counts of ${w.projectId}`,
    });
    return new Map(
      [...group(series, SERVICE_NAME_LABEL)].map(([id, s]) => [
        id,
        [{ key: 'instances', points: sumSeries(s.map(x => x.points)) }],
      ]),
    );
  }

  /**
   * Median request latency per service, seconds (key "p50"), for task durations of queue workers:
   * every service of the project, or only `services`.
   */
  async runMedianLatencySeconds(
    w: MetricsWindow,
    services?: readonly string[],
  ): Promise<SeriesById> {
    return perNameSlice(services, slice => this.runMedianLatencyOf(w, slice));
  }

  private async runMedianLatencyOf(
    w: MetricsWindow,
    services: readonly string[] | undefined,
  ): Promise<SeriesById> {
    const series = await this.query(w, {
      filter:
        filter(RUN_METRICS.requestLatencies, CLOUD_RUN_RESOURCE) +
        onlyNamed(SERVICE_NAME_LABEL, services),
      aligner: 'ALIGN_DELTA',
      reducer: 'REDUCE_PERCENTILE_50',
      groupByFields: [SERVICE_NAME_LABEL],
      purpose: `Cloud Run median latencies of ${w.projectId}`,
    });
    return new Map(
      [...group(series, SERVICE_NAME_LABEL)].map(([id, s]) => [
        id,
        [
          {
            key: 'p50',
            points: s[0]!.points.map(p => ({
              time: p.time,
              value: p.value / 1000,
            })),
          },
        ],
      ]),
    );
  }

  private async redisGauge(
    w: MetricsWindow,
    metric: string,
    key: string,
    aligner: TimeSeriesQuery['aligner'],
    reducer: TimeSeriesQuery['reducer'],
    what: string,
    instances?: readonly string[],
  ): Promise<SeriesById> {
    const series = await this.query(w, {
      filter:
        filter(metric, REDIS_RESOURCE) +
        onlyNamed(INSTANCE_ID_LABEL, instances),
      aligner,
      reducer,
      groupByFields: [INSTANCE_ID_LABEL],
      purpose: `${what} of ${w.projectId}`,
    });
    return new Map(
      [...group(series, INSTANCE_ID_LABEL)].map(([id, s]) => [
        id,
        [{ key, points: sumSeries(s.map(x => x.points)) }],
      ]),
    );
  }
}
