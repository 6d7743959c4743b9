import {
  TIME_WINDOW_SECONDS,
  type ProjectSummary,
  type TimeWindow,
} from '@gcp-serverless/common';
import {
  quoteFilterValue,
  type MonitoringGateway,
} from '../gateways/MonitoringGateway';
import {
  CLOUD_RUN_RESOURCE,
  RUN_METRICS,
  SERVICE_NAME_LABEL,
} from './cloudRunMetricNames';
import { serviceKey } from './CloudRunMetrics';

const LOCATION_LABEL = 'resource.labels.location';

/**
 * 429 responses of every Cloud Run service of a project: one Monitoring call grouped by service,
 * whatever the number of services (docs/architecture.md). Cloud Run answers 429 when a request
 * finds no instance to take it (max instances reached), so this is the "refusing requests" signal.
 */
export class ThrottleMetrics {
  private readonly monitoring: MonitoringGateway;

  constructor(monitoring: MonitoringGateway) {
    this.monitoring = monitoring;
  }

  /** 429 responses per second over the window by `region/service` (services without 429s absent). */
  async throttledPerSecond(
    project: ProjectSummary,
    window: TimeWindow,
    endMs: number,
  ): Promise<Map<string, number>> {
    const seconds = TIME_WINDOW_SECONDS[window];
    const regions = project.regions;
    const filter = [
      `metric.type = ${quoteFilterValue(RUN_METRICS.requestCount)}`,
      `resource.type = ${quoteFilterValue(CLOUD_RUN_RESOURCE)}`,
      regions.length === 1
        ? `${LOCATION_LABEL} = ${quoteFilterValue(regions[0]!)}`
        : `${LOCATION_LABEL} = one_of(${regions
            .map(quoteFilterValue)
            .join(',')})`,
      `metric.labels.response_code = ${quoteFilterValue('429')}`,
    ].join(' AND ');
    const series = await this.monitoring.query({
      projectId: project.projectId,
      filter,
      startMs: endMs - seconds * 1000,
      endMs,
      alignmentPeriodSeconds: seconds,
      aligner: 'ALIGN_RATE',
      reducer: 'REDUCE_SUM',
      groupByFields: [LOCATION_LABEL, SERVICE_NAME_LABEL],
      purpose: `429 responses of ${project.projectId}`,
    });
    const byService = new Map<string, number>();
    for (const s of series) {
      const key = serviceKey(
        s.labels[LOCATION_LABEL] ?? '',
        s.labels[SERVICE_NAME_LABEL] ?? '',
      );
      byService.set(
        key,
        (byService.get(key) ?? 0) + (s.points.at(-1)?.value ?? 0),
      );
    }
    return byService;
  }

  /**
   * Container starts per hour by `region/service`: the count of the startup_latencies distribution
   * (one sample per start), one Monitoring call for all services. Read over the window, at most the
   * last 6 h, as one aligned step per service: only the total is used, so a fleet's answer is one
   * point per service rather than one per 5 minutes.
   */
  async coldStartsPerHour(
    project: ProjectSummary,
    window: TimeWindow,
    endMs: number,
  ): Promise<Map<string, number>> {
    const seconds = Math.min(TIME_WINDOW_SECONDS[window], 6 * 3600);
    const regions = project.regions;
    const filter = [
      `metric.type = ${quoteFilterValue(RUN_METRICS.startupLatencies)}`,
      `resource.type = ${quoteFilterValue(CLOUD_RUN_RESOURCE)}`,
      regions.length === 1
        ? `${LOCATION_LABEL} = ${quoteFilterValue(regions[0]!)}`
        : `${LOCATION_LABEL} = one_of(${regions
            .map(quoteFilterValue)
            .join(',')})`,
    ].join(' AND ');
    const series = await this.monitoring.query({
      projectId: project.projectId,
      filter,
      startMs: endMs - seconds * 1000,
      endMs,
      alignmentPeriodSeconds: seconds,
      aligner: 'ALIGN_DELTA',
      reducer: 'REDUCE_SUM',
      distributionValue: 'count',
      distributions: true,
      groupByFields: [LOCATION_LABEL, SERVICE_NAME_LABEL],
      purpose: `container starts of ${project.projectId}`,
    });
    const byService = new Map<string, number>();
    for (const s of series) {
      const key = serviceKey(
        s.labels[LOCATION_LABEL] ?? '',
        s.labels[SERVICE_NAME_LABEL] ?? '',
      );
      const starts = s.points.reduce((sum, p) => sum + p.value, 0);
      byService.set(key, (byService.get(key) ?? 0) + (starts * 3600) / seconds);
    }
    return byService;
  }
}
