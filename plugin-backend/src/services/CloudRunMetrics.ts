import {
  TIME_WINDOW_SECONDS,
  TIME_WINDOW_STEP_SECONDS,
  type NamedSeries,
  type PanelError,
  type ProjectSummary,
  type ServiceLiveSummary,
  type TimeWindow,
} from '@gcp-serverless/common';
import {
  quoteFilterValue,
  type MetricSeries,
  type MonitoringGateway,
} from '../gateways/MonitoringGateway';
import {
  CLOUD_RUN_RESOURCE,
  RESPONSE_CLASS_LABEL,
  RESPONSE_CLASSES,
  RUN_METRICS,
  SERVICE_NAME_LABEL,
} from './cloudRunMetricNames';
import { settlePanels } from './panelErrors';

const LOCATION_LABEL = 'resource.labels.location';
/** "Instances now" = mean of the last 5 minutes: instance_count is sampled per minute and lags a little. */
const INSTANCES_NOW_SECONDS = 300;

/** Key of a service across regions. */
export const serviceKey = (region: string, name: string) => `${region}/${name}`;

export function cloudRunFilter(
  metricType: string,
  regions: string[],
  serviceName?: string,
): string {
  const parts = [
    `metric.type = ${quoteFilterValue(metricType)}`,
    `resource.type = ${quoteFilterValue(CLOUD_RUN_RESOURCE)}`,
  ];
  parts.push(
    regions.length === 1
      ? `${LOCATION_LABEL} = ${quoteFilterValue(regions[0]!)}`
      : `${LOCATION_LABEL} = one_of(${regions
          .map(quoteFilterValue)
          .join(',')})`,
  );
  if (serviceName)
    parts.push(`${SERVICE_NAME_LABEL} = ${quoteFilterValue(serviceName)}`);
  return parts.join(' AND ');
}

const lastValue = (s: MetricSeries | undefined) =>
  s?.points.at(-1)?.value ?? null;
const keyOf = (s: MetricSeries) =>
  serviceKey(
    s.labels[LOCATION_LABEL] ?? '',
    s.labels[SERVICE_NAME_LABEL] ?? '',
  );

/**
 * Cloud Run figures from Cloud Monitoring. Every method costs a fixed number of Monitoring calls,
 * whatever the number of services: one call per metric, grouped by service (docs/architecture.md).
 */
export class CloudRunMetrics {
  private readonly monitoring: MonitoringGateway;

  constructor(monitoring: MonitoringGateway) {
    this.monitoring = monitoring;
  }

  /**
   * Live summary of every service of a project: 4 Monitoring calls in parallel, each one point per
   * service (an alignment period as long as the window). The 5xx rate is its own call filtered on
   * the class rather than a series per service and response class: that is about three series per
   * service to decode instead of one, and one page instead of three at 1,000 services.
   */
  async summaries(
    project: ProjectSummary,
    window: TimeWindow,
    endMs: number,
  ): Promise<{
    byService: Map<string, ServiceLiveSummary>;
    errors: PanelError[];
  }> {
    const { projectId, regions } = project;
    const seconds = TIME_WINDOW_SECONDS[window];
    const startMs = endMs - seconds * 1000;
    const groupBy = [LOCATION_LABEL, SERVICE_NAME_LABEL];
    const rates = (only: string, purpose: string) =>
      this.monitoring.query({
        projectId,
        filter: cloudRunFilter(RUN_METRICS.requestCount, regions) + only,
        startMs,
        endMs,
        alignmentPeriodSeconds: seconds,
        aligner: 'ALIGN_RATE',
        reducer: 'REDUCE_SUM',
        groupByFields: groupBy,
        purpose,
      });
    const { values, errors } = await settlePanels({
      requests: Promise.all([
        rates('', `request rates of ${projectId}`),
        rates(
          ` AND ${RESPONSE_CLASS_LABEL} = ${quoteFilterValue('5xx')}`,
          `5xx rates of ${projectId}`,
        ),
      ]),
      latency: this.monitoring.query({
        projectId,
        filter: cloudRunFilter(RUN_METRICS.requestLatencies, regions),
        startMs,
        endMs,
        alignmentPeriodSeconds: seconds,
        aligner: 'ALIGN_DELTA',
        reducer: 'REDUCE_PERCENTILE_95',
        groupByFields: groupBy,
        purpose: `request latencies of ${projectId}`,
      }),
      instances: this.monitoring.query({
        projectId,
        filter: cloudRunFilter(RUN_METRICS.instanceCount, regions),
        startMs: endMs - INSTANCES_NOW_SECONDS * 1000,
        endMs,
        alignmentPeriodSeconds: INSTANCES_NOW_SECONDS,
        aligner: 'ALIGN_MEAN',
        reducer: 'REDUCE_SUM',
        groupByFields: groupBy,
        purpose: `instance counts of ${projectId}`,
      }),
    });

    const byService = new Map<string, ServiceLiveSummary>();
    const entry = (key: string) => {
      let s = byService.get(key);
      if (!s) {
        s = {
          instances: null,
          requestsPerSecond: null,
          errorRatio5xx: null,
          latencyP95Ms: null,
        };
        byService.set(key, s);
      }
      return s;
    };
    if (values.requests) {
      const [all, fiveXx] = values.requests;
      for (const series of all)
        entry(keyOf(series)).requestsPerSecond = lastValue(series) ?? 0;
      const fiveXxRate = new Map(
        fiveXx.map(series => [keyOf(series), lastValue(series) ?? 0]),
      );
      for (const [key, s] of byService) {
        s.errorRatio5xx = s.requestsPerSecond
          ? (fiveXxRate.get(key) ?? 0) / s.requestsPerSecond
          : 0;
      }
    }
    for (const series of values.latency ?? [])
      entry(keyOf(series)).latencyP95Ms = lastValue(series);
    for (const series of values.instances ?? [])
      entry(keyOf(series)).instances = lastValue(series);
    return { byService, errors };
  }

  /** Chart series of one service over a window: 5 Monitoring calls in parallel. */
  async detail(
    projectId: string,
    region: string,
    serviceName: string,
    window: TimeWindow,
    endMs: number,
  ): Promise<{
    requestsByClass: NamedSeries[];
    latency: NamedSeries[];
    instances: NamedSeries[];
    errors: PanelError[];
  }> {
    const step = TIME_WINDOW_STEP_SECONDS[window];
    const startMs = endMs - TIME_WINDOW_SECONDS[window] * 1000;
    const base = {
      projectId,
      startMs,
      endMs,
      alignmentPeriodSeconds: step,
      groupByFields: [] as string[],
    };
    const latencyQuery = (p: 50 | 95 | 99) =>
      this.monitoring.query({
        ...base,
        filter: cloudRunFilter(
          RUN_METRICS.requestLatencies,
          [region],
          serviceName,
        ),
        aligner: 'ALIGN_DELTA',
        reducer: `REDUCE_PERCENTILE_${p}`,
        purpose: `p${p} latency of ${serviceName}`,
      });
    const { values, errors } = await settlePanels({
      requests: this.monitoring.query({
        ...base,
        filter: cloudRunFilter(RUN_METRICS.requestCount, [region], serviceName),
        aligner: 'ALIGN_RATE',
        reducer: 'REDUCE_SUM',
        groupByFields: [RESPONSE_CLASS_LABEL],
        purpose: `request rates of ${serviceName}`,
      }),
      p50: latencyQuery(50),
      p95: latencyQuery(95),
      p99: latencyQuery(99),
      instances: this.monitoring.query({
        ...base,
        filter: cloudRunFilter(
          RUN_METRICS.instanceCount,
          [region],
          serviceName,
        ),
        aligner: 'ALIGN_MEAN',
        reducer: 'REDUCE_SUM',
        purpose: `instance count of ${serviceName}`,
      }),
    });
    const requestsByClass = values.requests
      ? RESPONSE_CLASSES.map(cls => ({
          key: cls,
          points:
            values.requests!.find(s => s.labels[RESPONSE_CLASS_LABEL] === cls)
              ?.points ?? [],
        }))
      : [];
    const latency = (['p50', 'p95', 'p99'] as const)
      .filter(k => values[k])
      .map(k => ({ key: k, points: values[k]![0]?.points ?? [] }));
    const instances = values.instances
      ? [{ key: 'instances', points: values.instances[0]?.points ?? [] }]
      : [];
    return { requestsByClass, latency, instances, errors };
  }

  /**
   * Peak concurrent requests over the last 24 h by Little's law: request rate × median latency per
   * 5-minute step. The median understates the mean of a skewed latency distribution, so this is a
   * conservative (low) estimate: a warning based on it is never a false alarm.
   */
  async peakConcurrentRequests24h(
    projectId: string,
    region: string,
    serviceName: string,
    endMs: number,
  ): Promise<number> {
    const base = {
      projectId,
      startMs: endMs - 24 * 3600 * 1000,
      endMs,
      alignmentPeriodSeconds: 300,
      groupByFields: [] as string[],
    };
    const [rates, latencies] = await Promise.all([
      this.monitoring.query({
        ...base,
        filter: cloudRunFilter(RUN_METRICS.requestCount, [region], serviceName),
        aligner: 'ALIGN_RATE',
        reducer: 'REDUCE_SUM',
        purpose: `24 h request rate of ${serviceName}`,
      }),
      this.monitoring.query({
        ...base,
        filter: cloudRunFilter(
          RUN_METRICS.requestLatencies,
          [region],
          serviceName,
        ),
        aligner: 'ALIGN_DELTA',
        reducer: 'REDUCE_PERCENTILE_50',
        purpose: `24 h median latency of ${serviceName}`,
      }),
    ]);
    const latencyAt = new Map(
      (latencies[0]?.points ?? []).map(p => [p.time, p.value]),
    );
    let peak = 0;
    for (const p of rates[0]?.points ?? []) {
      const ms = latencyAt.get(p.time);
      if (ms !== undefined) peak = Math.max(peak, (p.value * ms) / 1000);
    }
    return peak;
  }
}
