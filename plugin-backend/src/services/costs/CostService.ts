import {
  costReportDays,
  costReportFigures,
  utcDay,
  type Budget,
  type BudgetLine,
  type CostRange,
  type CostReportResponse,
  type ResourceRequests,
} from '@gcp-serverless/common';
import type { BudgetsGateway } from '../../gateways/billing/BudgetsGateway';
import {
  quoteFilterValue,
  type MonitoringGateway,
} from '../../gateways/MonitoringGateway';
import { settlePanels } from '../panelErrors';
import type { ProjectAccess } from '../ProjectAccess';
import type { CostSource } from './CostSource';

/**
 * The costs page of a project, or of one resource of it: the cost source's breakdown of the range,
 * the previous range and month to date (the billing export's three grains), requests per service for
 * cost per 1,000 requests (one Monitoring call per region) and the budgets covering the project (one
 * Budget API call) — all in parallel, each failing on its own panel. The answer is what the page
 * draws (costReportFigures), not the rows behind it.
 */
export class CostService {
  private readonly deps: {
    access: ProjectAccess;
    source: CostSource;
    monitoring: MonitoringGateway;
    budgets?: BudgetsGateway;
    now: () => number;
  };

  constructor(deps: {
    access: ProjectAccess;
    source: CostSource;
    monitoring: MonitoringGateway;
    budgets?: BudgetsGateway;
    now: () => number;
  }) {
    this.deps = deps;
  }

  async report(
    projectId: string,
    range: CostRange,
    resource: string | null = null,
  ): Promise<CostReportResponse> {
    const project = this.deps.access.project(projectId);
    const nowMs = this.deps.now();
    const days = costReportDays(utcDay(nowMs), range);
    const { rangeStart, previousStart, monthStart } = days;

    const requests: Promise<ResourceRequests[]> = Promise.all(
      project.regions.map(region =>
        this.requests(
          projectId,
          region,
          Date.parse(`${rangeStart}T00:00:00Z`),
          nowMs,
        ),
      ),
    ).then(lists => lists.flat());
    const budgetList: Promise<Budget[]> = this.deps.budgets
      ? this.deps.budgets.listBudgets(projectId)
      : Promise.resolve([]);
    const { values, errors } = await settlePanels({
      costs: this.deps.source.breakdown(projectId, days, resource),
      requests,
      budgets: budgetList,
    });
    const budgets: BudgetLine[] = (values.budgets ?? [])
      .filter(b => b.period !== 'CUSTOM')
      .sort(
        (a, b) => Number(b.period === 'MONTH') - Number(a.period === 'MONTH'),
      )
      .map(b => ({
        budgetId: b.budgetId,
        displayName: b.displayName,
        amount: b.amount,
        currency: b.currency,
        calendarPeriod: b.period,
        thresholds: b.thresholds,
      }));
    const figures = values.costs
      ? costReportFigures(values.costs, days)
      : {
          skuDays: [],
          resources: [],
          byResource: { keys: [], otherCount: 0, rows: [] },
          anomalies: [],
        };
    const requested = values.requests ?? [];
    return {
      projectId,
      range,
      resource,
      currency: values.costs?.currency ?? budgets[0]?.currency ?? 'USD',
      source: this.deps.source.info,
      asOf: new Date(nowMs).toISOString(),
      rangeStart,
      previousStart,
      monthStart,
      ...figures,
      requests:
        resource === null
          ? requested
          : requested.filter(r => r.resource === resource),
      budgets,
      errors,
    };
  }

  /** Requests per Cloud Run service over [startMs, endMs): one Monitoring call per region, grouped by service. */
  private async requests(
    projectId: string,
    region: string,
    startMs: number,
    endMs: number,
  ): Promise<ResourceRequests[]> {
    const series = await this.deps.monitoring.query({
      projectId,
      filter: `metric.type = "run.googleapis.com/request_count" AND resource.type = "cloud_run_revision" AND resource.labels.location = ${quoteFilterValue(
        region,
      )}`,
      startMs,
      endMs,
      alignmentPeriodSeconds: Math.max(
        60,
        Math.floor((endMs - startMs) / 1000),
      ),
      aligner: 'ALIGN_DELTA',
      reducer: 'REDUCE_SUM',
      groupByFields: ['resource.labels.service_name'],
      purpose: `requests per service of ${projectId} in ${region}`,
    });
    return series.map(s => ({
      resource: s.labels['resource.labels.service_name'] ?? '',
      requests: s.points.reduce((sum, p) => sum + p.value, 0),
    }));
  }
}
