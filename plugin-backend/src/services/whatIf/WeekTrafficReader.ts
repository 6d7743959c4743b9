import type { ObservedMinute } from '@gcp-serverless/common';
import {
  quoteFilterValue,
  type MetricSeries,
  type MonitoringGateway,
} from '../../gateways/MonitoringGateway';
import { cloudRunFilter } from '../CloudRunMetrics';
import { RUN_METRICS } from '../cloudRunMetricNames';

/** How far back the what-if looks: 7 days (docs/what-if.md). */
export const WHAT_IF_DAYS = 7;
const MINUTE_MS = 60_000;
/** Monitoring's shortest alignment period (docs/google-apis.md §7): the replay's grain. */
const ALIGNMENT_SECONDS = 60;
const RESPONSE_CODE_LABEL = 'metric.labels.response_code';

/** A Cloud Run service by project, region and name. */
export interface ServiceLocation {
  projectId: string;
  region: string;
  name: string;
}

/** Minute start (epoch ms) → value, from a series whose points end at their minute's end. */
function byMinute(series: MetricSeries | undefined): Map<number, number> {
  const values = new Map<number, number>();
  for (const p of series?.points ?? [])
    values.set(Date.parse(p.time) - MINUTE_MS, p.value);
  return values;
}

/**
 * Reads a service's last 7 days per minute for the what-if (docs/what-if.md, "What it reads"): four
 * `timeSeries.list` reads in parallel — request count, its 429s, merged latency distribution,
 * instance count — at Monitoring's 60 s minimum alignment. A week is 10,080 points per series, read
 * in a few pages each (MonitoringGateway sizes pages so that one decodes in tens of ms).
 */
export class WeekTrafficReader {
  private readonly monitoring: MonitoringGateway;

  constructor(monitoring: MonitoringGateway) {
    this.monitoring = monitoring;
  }

  /**
   * The minutes of the 7 days before `endMs` (floored to the minute), oldest first, from the first
   * minute Monitoring has a point for (a newer service has a shorter week). Minutes without a
   * request point count zero requests.
   */
  async readWeek(
    service: ServiceLocation,
    endMs: number,
  ): Promise<ObservedMinute[]> {
    const end = Math.floor(endMs / MINUTE_MS) * MINUTE_MS;
    const start = end - WHAT_IF_DAYS * 24 * 60 * MINUTE_MS;
    const base = {
      projectId: service.projectId,
      startMs: start,
      endMs: end,
      alignmentPeriodSeconds: ALIGNMENT_SECONDS,
    };
    const filter = (metric: string) =>
      cloudRunFilter(metric, [service.region], service.name);
    const [requests, throttled, latency, instances] = await Promise.all([
      this.monitoring.query({
        ...base,
        filter: filter(RUN_METRICS.requestCount),
        aligner: 'ALIGN_DELTA',
        reducer: 'REDUCE_SUM',
        groupByFields: [],
        purpose: `requests per minute of ${service.name} over 7 days`,
      }),
      // The 429s on their own (a series per response code would be a week of minutes per code).
      this.monitoring.query({
        ...base,
        filter: `${filter(
          RUN_METRICS.requestCount,
        )} AND ${RESPONSE_CODE_LABEL} = ${quoteFilterValue('429')}`,
        aligner: 'ALIGN_DELTA',
        reducer: 'REDUCE_SUM',
        groupByFields: [],
        purpose: `429 responses per minute of ${service.name} over 7 days`,
      }),
      this.monitoring.query({
        ...base,
        filter: filter(RUN_METRICS.requestLatencies),
        aligner: 'ALIGN_DELTA',
        reducer: 'REDUCE_SUM',
        groupByFields: [],
        purpose: `latency per minute of ${service.name} over 7 days`,
        distributions: true,
      }),
      this.monitoring.query({
        ...base,
        filter: filter(RUN_METRICS.instanceCount),
        aligner: 'ALIGN_MEAN',
        reducer: 'REDUCE_SUM',
        groupByFields: [],
        purpose: `instances per minute of ${service.name} over 7 days`,
      }),
    ]);
    const total = byMinute(requests[0]);
    const refused = byMinute(throttled[0]);
    const latencyByMinute = byMinute(latency[0]);
    const instancesByMinute = byMinute(instances[0]);
    const first = Math.min(
      ...[total, latencyByMinute, instancesByMinute].flatMap(m => [
        ...m.keys(),
      ]),
    );
    const minutes: ObservedMinute[] = [];
    if (!Number.isFinite(first)) return minutes;
    for (let t = Math.max(first, start); t < end; t += MINUTE_MS) {
      minutes.push({
        startMs: t,
        requests: total.get(t) ?? 0,
        refused: refused.get(t) ?? 0,
        meanLatencyMs: latencyByMinute.get(t) ?? null,
        instances: instancesByMinute.get(t) ?? null,
      });
    }
    return minutes;
  }
}
