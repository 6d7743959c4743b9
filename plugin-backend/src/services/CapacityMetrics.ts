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
   */
  async redisConnectedMean(w: MetricsWindow): Promise<SeriesById> {
    return this.redisGauge(
      w,
      REDIS_METRICS.connected,
      'connected',
      'ALIGN_MEAN',
      'REDUCE_SUM',
      'mean connected Redis clients',
    );
  }

  /** Memory usage ratio 0..1 per instance (key "memory"). */
  async redisMemory(w: MetricsWindow): Promise<SeriesById> {
    return this.redisGauge(
      w,
      REDIS_METRICS.memoryUsage,
      'memory',
      'ALIGN_MEAN',
      'REDUCE_MAX',
      'Redis memory usage',
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
    const only =
      services && services.length > 0
        ? ` AND ${SERVICE_NAME_LABEL} = one_of(${services
            .map(quoteFilterValue)
            .join(',')})`
        : '';
    const series = await this.query(w, {
      filter: filter(RUN_METRICS.instanceCount, CLOUD_RUN_RESOURCE) + only,
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

  /** Median request latency per service, seconds (key "p50"), for task durations of queue workers. */
  async runMedianLatencySeconds(w: MetricsWindow): Promise<SeriesById> {
    const series = await this.query(w, {
      filter: filter(RUN_METRICS.requestLatencies, CLOUD_RUN_RESOURCE),
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
  ) {
    const series = await this.query(w, {
      filter: filter(metric, REDIS_RESOURCE),
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
