import {
  cloudRunPricesFromCatalog,
  cloudRunUsageCost,
  costBreakdownOfRows,
  parseCpuLimit,
  parseMemoryGiB,
  projectDayCosts,
  utcDay,
  type CloudRunService,
  type CostBreakdown,
  type CostReportDays,
  type CostRow,
  type CostSourceInfo,
} from '@gcp-serverless/common';
import type { CloudRunGateway } from '../../gateways/CloudRunGateway';
import {
  CATALOG_SERVICE_NAMES,
  type CatalogGateway,
} from '../../gateways/billing/CatalogGateway';
import {
  quoteFilterValue,
  type MetricSeries,
  type MonitoringGateway,
} from '../../gateways/MonitoringGateway';
import type { ProjectAccess } from '../ProjectAccess';
import type { CostSource, DailyCosts, ProjectDailyCosts } from './CostSource';

const SERVICE = 'resource.labels.service_name';
const LOCATION = 'resource.labels.location';

/**
 * Estimated cost of Cloud Run services: Monitoring's billable instance time and request count per
 * service and UTC day × the Catalog's prices of the service's region and billing mode. An estimate:
 * no free tier, no credits, no rounding to 100 ms, and nothing but Cloud Run (CDN, Tasks and Redis
 * need the billing export). Costs 2 Monitoring calls per region for whole days plus 2 for today, and
 * one Cloud Run list per region — never a call per service.
 */
export class EstimatedCostSource implements CostSource {
  readonly info: CostSourceInfo = {
    kind: 'estimate',
    description:
      'Estimate: Cloud Monitoring usage (billable instance time, requests) × Cloud Billing Catalog prices, Cloud Run only, ' +
      'before free tiers and credits. Configure the billing export for billed cost.',
  };
  private readonly deps: {
    access: ProjectAccess;
    cloudRun: CloudRunGateway;
    monitoring: MonitoringGateway;
    catalog: CatalogGateway;
    now: () => number;
  };

  constructor(deps: {
    access: ProjectAccess;
    cloudRun: CloudRunGateway;
    monitoring: MonitoringGateway;
    catalog: CatalogGateway;
    now: () => number;
  }) {
    this.deps = deps;
  }

  /**
   * The costs page's grains from the estimate's rows (per service, SKU family and day; Monitoring
   * has no grouping by day that would spare them), added up here as the export adds them up.
   */
  async breakdown(
    projectId: string,
    days: CostReportDays,
    resource: string | null,
  ): Promise<CostBreakdown> {
    const { rows, currency } = await this.dailyCosts(
      [projectId],
      days.fromDay,
      days.toDay,
    );
    return costBreakdownOfRows(rows, currency, days, resource);
  }

  /** Estimated rows per project, Cloud Run service, SKU family and UTC day of [fromDay, toDay). */
  async dailyCosts(
    projectIds: readonly string[],
    fromDay: string,
    toDay: string,
  ): Promise<DailyCosts> {
    const skus = await this.deps.catalog.skusOf(CATALOG_SERVICE_NAMES.cloudRun);
    const perProject = await Promise.all(
      projectIds.map(id => this.projectRows(id, fromDay, toDay, skus)),
    );
    const currency = skus[0]?.currency ?? 'USD';
    return { rows: perProject.flat(), currency };
  }

  /** The estimate per resource, added up per project and day (Monitoring has no cheaper answer). */
  async projectDailyCosts(
    projectIds: readonly string[],
    fromDay: string,
    toDay: string,
  ): Promise<ProjectDailyCosts> {
    const { rows, currency } = await this.dailyCosts(
      projectIds,
      fromDay,
      toDay,
    );
    return { rows: projectDayCosts(rows), currency };
  }

  private async projectRows(
    projectId: string,
    fromDay: string,
    toDay: string,
    skus: Awaited<ReturnType<CatalogGateway['skusOf']>>,
  ): Promise<CostRow[]> {
    const project = this.deps.access.project(projectId);
    const rows: CostRow[] = [];
    await Promise.all(
      project.regions.map(async region => {
        const [services, billable, requests] = await Promise.all([
          this.deps.cloudRun.listServices(projectId, region),
          this.daily(
            projectId,
            region,
            'run.googleapis.com/container/billable_instance_time',
            fromDay,
            toDay,
          ),
          this.daily(
            projectId,
            region,
            'run.googleapis.com/request_count',
            fromDay,
            toDay,
          ),
        ]);
        const prices = cloudRunPricesFromCatalog(skus, region);
        const byName = new Map<string, CloudRunService>(
          services.map(s => [s.name, s]),
        );
        const requestsAt = new Map<string, number>();
        for (const [name, day, value] of requests)
          requestsAt.set(`${name}/${day}`, value);
        for (const [name, day, seconds] of billable) {
          const service = byName.get(name);
          // A service deleted since keeps its usage; price it as Cloud Run's defaults (1 vCPU, 512 MiB, request-based).
          const cost = cloudRunUsageCost(
            {
              billableInstanceSeconds: seconds,
              requests: requestsAt.get(`${name}/${day}`) ?? 0,
              cpu: parseCpuLimit(service?.cpu),
              memoryGiB: parseMemoryGiB(service?.memory),
              cpuIdle: service?.cpuIdle ?? true,
            },
            prices,
          );
          for (const family of ['cpu', 'memory', 'requests'] as const) {
            if (cost[family] > 0)
              rows.push({
                date: day,
                projectId,
                resource: name,
                resourceKind: 'cloud-run',
                skuFamily: family,
                cost: cost[family],
                credits: 0,
              });
          }
        }
      }),
    );
    return rows;
  }

  /**
   * Daily sums of a DELTA metric per service: whole UTC days with 1-day periods ending at midnight,
   * plus today so far in one period (Monitoring's periods end at the query's end time).
   */
  private async daily(
    projectId: string,
    region: string,
    metric: string,
    fromDay: string,
    toDay: string,
  ): Promise<[string, string, number][]> {
    const nowMs = this.deps.now();
    const today = utcDay(nowMs);
    const midnight = Date.parse(`${today}T00:00:00Z`);
    const endDay = toDay < today ? toDay : today;
    const filter = `metric.type = ${quoteFilterValue(
      metric,
    )} AND resource.type = "cloud_run_revision" AND ${LOCATION} = ${quoteFilterValue(
      region,
    )}`;
    const base = {
      projectId,
      filter,
      aligner: 'ALIGN_DELTA' as const,
      reducer: 'REDUCE_SUM' as const,
      groupByFields: [SERVICE],
    };
    const queries: Promise<MetricSeries[]>[] = [];
    if (fromDay < endDay) {
      queries.push(
        this.deps.monitoring.query({
          ...base,
          startMs: Date.parse(`${fromDay}T00:00:00Z`),
          endMs: Date.parse(`${endDay}T00:00:00Z`),
          alignmentPeriodSeconds: 86_400,
          purpose: `daily ${metric
            .split('/')
            .pop()} of ${projectId} in ${region}`,
        }),
      );
    }
    if (toDay > today && nowMs - midnight >= 60_000) {
      queries.push(
        this.deps.monitoring.query({
          ...base,
          startMs: midnight,
          endMs: nowMs,
          alignmentPeriodSeconds: Math.floor((nowMs - midnight) / 1000),
          purpose: `today's ${metric
            .split('/')
            .pop()} of ${projectId} in ${region}`,
        }),
      );
    }
    const out: [string, string, number][] = [];
    for (const series of (await Promise.all(queries)).flat()) {
      const name = series.labels[SERVICE] ?? '';
      // A point's end time closes its day: the day is the one that ends there (today's point is partial).
      for (const p of series.points)
        out.push([name, utcDay(Date.parse(p.time) - 1), p.value]);
    }
    return out.filter(([, day]) => day >= fromDay && day < toDay);
  }
}
