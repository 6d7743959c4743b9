import type { ObservedHour } from '@gcp-serverless/common';
import {
  quoteFilterValue,
  type Aligner,
  type MetricSeries,
  type MonitoringGateway,
  type Reducer,
} from '../../gateways/MonitoringGateway';
import { cloudRunFilter } from '../CloudRunMetrics';
import { RUN_METRICS, SERVICE_NAME_LABEL } from '../cloudRunMetricNames';

/** How far back the recommendations look: the what-if's 7 days (docs/recommendations.md). */
export const RECOMMENDATION_DAYS = 7;
const HOUR_MS = 3_600_000;
/** Hourly alignment (docs/recommendations.md, "What it reads"). */
const ALIGNMENT_SECONDS = 3600;
const LOCATION_LABEL = 'resource.labels.location';
const RESPONSE_CODE_LABEL = 'metric.labels.response_code';
const CPU_UTILISATION = 'run.googleapis.com/container/cpu/utilizations';
const MEMORY_UTILISATION = 'run.googleapis.com/container/memory/utilizations';

/** A project's services' weeks, keyed by `region/service`. */
export type FleetWeek = Map<string, ObservedHour[]>;

export const fleetKey = (region: string, service: string) =>
  `${region}/${service}`;

/** Hour start (epoch ms) → value, from series whose points end at their hour's end, summed by key. */
type HourValues = Map<string, Map<number, number>>;

function byServiceHour(series: MetricSeries[]): HourValues {
  const out: HourValues = new Map();
  for (const s of series) {
    const key = fleetKey(
      s.labels[LOCATION_LABEL] ?? '',
      s.labels[SERVICE_NAME_LABEL] ?? '',
    );
    const hours = out.get(key) ?? new Map<number, number>();
    for (const p of s.points) {
      const start = Date.parse(p.time) - HOUR_MS;
      hours.set(start, (hours.get(start) ?? 0) + p.value);
    }
    out.set(key, hours);
  }
  return out;
}

/**
 * Reads a whole project's last 7 days for the right-sizing rules (docs/recommendations.md, "What it
 * reads"): one `timeSeries.list` call per figure for every service of the project, grouped by
 * service and region, at hourly alignment — a week per minute of a 200-service fleet would be two
 * million points per metric. Per-minute peaks survive the hourly grain through `ALIGN_MAX`, which
 * keeps each hour's largest one-minute point. Requests are read as one series per service and the
 * 429s as a second query filtered on the code, not as a series per service and response code: that
 * is 168 points per service and code a week, three times the points for the same two figures.
 */
export class FleetWeekReader {
  private readonly monitoring: MonitoringGateway;

  constructor(monitoring: MonitoringGateway) {
    this.monitoring = monitoring;
  }

  /** The 7 days before `endMs` floored to the hour, per service, oldest hour first. */
  async readProject(
    projectId: string,
    regions: string[],
    endMs: number,
  ): Promise<FleetWeek> {
    const end = Math.floor(endMs / HOUR_MS) * HOUR_MS;
    const start = end - RECOMMENDATION_DAYS * 24 * HOUR_MS;
    const query = (
      metric: string,
      aligner: Aligner,
      reducer: Reducer,
      what: string,
      only = '',
    ) =>
      this.monitoring.query({
        projectId,
        filter: cloudRunFilter(metric, regions) + only,
        startMs: start,
        endMs: end,
        alignmentPeriodSeconds: ALIGNMENT_SECONDS,
        aligner,
        reducer,
        groupByFields: [SERVICE_NAME_LABEL, LOCATION_LABEL],
        purpose: `${what} of ${projectId}'s services per hour over 7 days`,
      });
    const [requests, throttled, peaks, latency, instances, cpu, memory] =
      await Promise.all([
        query(
          RUN_METRICS.requestCount,
          'ALIGN_DELTA',
          'REDUCE_SUM',
          'requests',
        ),
        // Only services that refused requests have a series here (docs/google-apis.md §7: filters on metric labels).
        query(
          RUN_METRICS.requestCount,
          'ALIGN_DELTA',
          'REDUCE_SUM',
          '429 responses',
          ` AND ${RESPONSE_CODE_LABEL} = ${quoteFilterValue('429')}`,
        ),
        // The largest one-minute point of each series in the hour, summed over response codes and
        // revisions: at least the busiest minute's requests (an upper bound when codes peak apart).
        query(
          RUN_METRICS.requestCount,
          'ALIGN_MAX',
          'REDUCE_SUM',
          'busiest minutes',
        ),
        query(
          RUN_METRICS.requestLatencies,
          'ALIGN_DELTA',
          'REDUCE_SUM',
          'latency',
        ),
        query(
          RUN_METRICS.instanceCount,
          'ALIGN_MAX',
          'REDUCE_SUM',
          'peak instances',
        ),
        query(
          CPU_UTILISATION,
          'ALIGN_PERCENTILE_99',
          'REDUCE_MAX',
          'CPU utilisation',
        ),
        query(
          MEMORY_UTILISATION,
          'ALIGN_PERCENTILE_99',
          'REDUCE_MAX',
          'memory utilisation',
        ),
      ]);
    const total = byServiceHour(requests);
    const refused = byServiceHour(throttled);
    const peak = byServiceHour(peaks);
    const meanLatency = byServiceHour(latency);
    const peakInstances = byServiceHour(instances);
    const cpuPeak = byServiceHour(cpu);
    const memoryPeak = byServiceHour(memory);
    const week: FleetWeek = new Map();
    const keys = new Set([...total.keys(), ...peakInstances.keys()]);
    for (const key of keys) {
      const all = [total, peakInstances].flatMap(m => [
        ...(m.get(key)?.keys() ?? []),
      ]);
      // The week starts at the first hour Monitoring has a point for (a newer service has fewer).
      const first = Math.max(start, Math.min(...all));
      const hours: ObservedHour[] = [];
      const at = (m: HourValues, t: number) => m.get(key)?.get(t) ?? null;
      const ratio = (v: number | null) =>
        v === null ? null : Math.min(1, Math.max(0, v));
      for (let t = first; t < end; t += HOUR_MS) {
        const latencyMs = at(meanLatency, t);
        hours.push({
          startMs: t,
          requests: at(total, t) ?? 0,
          refused: at(refused, t) ?? 0,
          peakMinuteRequests: at(peak, t) ?? 0,
          meanLatencyMs: latencyMs !== null && latencyMs > 0 ? latencyMs : null,
          peakInstances: at(peakInstances, t),
          cpuPeak: ratio(at(cpuPeak, t)),
          memoryPeak: ratio(at(memoryPeak, t)),
        });
      }
      week.set(key, hours);
    }
    return week;
  }
}
