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
const WEEK_HOURS = RECOMMENDATION_DAYS * 24;
/** Hourly alignment (docs/recommendations.md, "What it reads"). */
const ALIGNMENT_SECONDS = 3600;
const LOCATION_LABEL = 'resource.labels.location';
const RESPONSE_CODE_LABEL = 'metric.labels.response_code';
const CPU_UTILISATION = 'run.googleapis.com/container/cpu/utilizations';
const MEMORY_UTILISATION = 'run.googleapis.com/container/memory/utilizations';

/**
 * A project's services' weeks, keyed by `region/service`: each service's hours are built when
 * asked for, so a fleet's week is held as a few numbers per hour and figure, and only the service
 * being looked at has its hours as objects (a week of hours as objects is about 34 MB per 1,000
 * services, 340 MB for 10,000, all live at once before; docs/performance.md, "Session 8, RSS").
 */
export interface FleetWeek {
  /** The service's hours, oldest first, from the first hour Monitoring has a point for. */
  get(key: string): ObservedHour[] | undefined;
}

export const fleetKey = (region: string, service: string) =>
  `${region}/${service}`;

/**
 * Per service (`region/service`), the week's values by hour from its start (NaN where Monitoring
 * has no point), summed over the series of a service: 168 numbers per service and figure, however
 * many series and pages the answer came in.
 */
type HourValues = Map<string, Float64Array>;

/** Adds a series (or a part of one) whose points end at their hour's end to `out`. */
function addByServiceHour(
  out: HourValues,
  s: MetricSeries,
  weekStartMs: number,
): void {
  const key = fleetKey(
    s.labels[LOCATION_LABEL] ?? '',
    s.labels[SERVICE_NAME_LABEL] ?? '',
  );
  let hours = out.get(key);
  if (!hours) {
    hours = new Float64Array(WEEK_HOURS).fill(NaN);
    out.set(key, hours);
  }
  for (const p of s.points) {
    const at = Math.floor(
      (Date.parse(p.time) - HOUR_MS - weekStartMs) / HOUR_MS,
    );
    if (at < 0 || at >= WEEK_HOURS) continue;
    hours[at] = Number.isNaN(hours[at]!) ? p.value : hours[at]! + p.value;
  }
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
      this.monitoring.fold(
        {
          projectId,
          filter: cloudRunFilter(metric, regions) + only,
          startMs: start,
          endMs: end,
          alignmentPeriodSeconds: ALIGNMENT_SECONDS,
          aligner,
          reducer,
          groupByFields: [SERVICE_NAME_LABEL, LOCATION_LABEL],
          purpose: `${what} of ${projectId}'s services per hour over 7 days`,
          bulk: true,
          distributions:
            aligner === 'ALIGN_DELTA' &&
            metric === RUN_METRICS.requestLatencies,
        },
        (): HourValues => new Map(),
        (out, series) => addByServiceHour(out, series, start),
      );
    const [
      total,
      refused,
      peak,
      meanLatency,
      peakInstances,
      cpuPeak,
      memoryPeak,
    ] = await Promise.all([
      query(RUN_METRICS.requestCount, 'ALIGN_DELTA', 'REDUCE_SUM', 'requests'),
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
    const keys = new Set([...total.keys(), ...peakInstances.keys()]);
    const hoursOf = (key: string): ObservedHour[] => {
      // The week starts at the first hour Monitoring has a point for (a newer service has fewer).
      const measured = [total.get(key), peakInstances.get(key)];
      const hasPoint = (i: number) =>
        measured.some(m => m !== undefined && !Number.isNaN(m[i]!));
      let first = 0;
      while (first < WEEK_HOURS && !hasPoint(first)) first++;
      const hours: ObservedHour[] = [];
      const at = (m: HourValues, i: number) => {
        const v = m.get(key)?.[i];
        return v === undefined || Number.isNaN(v) ? null : v;
      };
      const ratio = (v: number | null) =>
        v === null ? null : Math.min(1, Math.max(0, v));
      for (let i = first; i < WEEK_HOURS; i++) {
        const latencyMs = at(meanLatency, i);
        hours.push({
          startMs: start + i * HOUR_MS,
          requests: at(total, i) ?? 0,
          refused: at(refused, i) ?? 0,
          peakMinuteRequests: at(peak, i) ?? 0,
          meanLatencyMs: latencyMs !== null && latencyMs > 0 ? latencyMs : null,
          peakInstances: at(peakInstances, i),
          cpuPeak: ratio(at(cpuPeak, i)),
          memoryPeak: ratio(at(memoryPeak, i)),
        });
      }
      return hours;
    };
    return { get: key => (keys.has(key) ? hoursOf(key) : undefined) };
  }
}
