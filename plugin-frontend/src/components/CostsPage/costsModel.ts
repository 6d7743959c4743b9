import {
  addDays,
  type CostAnomaly,
  costPer1000Requests,
  dailyNet,
  dailyStack,
  daysInMonthOf,
  forecastMonthEnd,
  OTHER_KEY,
  selectDays,
  SKU_FAMILY_LABELS,
  toCsv,
  topMovers,
  totalsOf,
  utcDay,
  type BudgetLine,
  type CostDimension,
  type CostMover,
  type CostPerRequests,
  type CostReportResponse,
  type CostTotals,
  type MonthForecast,
  type SkuFamily,
  type StackedDay,
} from '@gcp-serverless/common';

/** One day of the month-to-date chart: cumulative net spend, and the forecast line from today on. */
export interface MonthToDatePoint {
  date: string;
  /** Cumulative net cost up to and including this day; absent after today. */
  actual?: number;
  /** Forecast cumulative cost; present from today to month end. */
  forecast?: number;
}

/** Everything the costs page draws, computed from the report and the filters (pure, so testable). */
export interface CostsView {
  currency: string;
  /** Every resource of the project, for the service filter. */
  resources: string[];
  range: CostTotals;
  previous: CostTotals;
  stack: { keys: string[]; days: StackedDay[] };
  /** Resources the stack's `other` key adds up (0 when the stack has none). */
  otherCount: number;
  movers: CostMover[];
  perRequests: CostPerRequests[];
  month: {
    totals: CostTotals;
    forecast: MonthForecast;
    points: MonthToDatePoint[];
    budget: BudgetLine | null;
  };
  /** Days of the range on which a service cost far more than its trend (complete days only), largest excess first. */
  anomalies: CostAnomaly[];
}

/** Filters of the costs page, held in the URL. */
export interface CostsFilters {
  /** Resource to show alone, or '' for all. */
  resource: string;
  dimension: CostDimension;
}

/** Legend label of a stack key: SKU families by their label, resources by name. */
export function stackKeyLabel(key: string, dimension: CostDimension): string {
  return dimension === 'skuFamily'
    ? SKU_FAMILY_LABELS[key as SkuFamily] ?? key
    : key;
}

/** A resource's totals of a period as a row keyed by its name (for movers and cost per 1,000 requests). */
const periodRows = (
  report: CostReportResponse,
  period: 'current' | 'previous',
) =>
  report.resources
    .filter(r => report.resource === null || r.resource === report.resource)
    .map(r => ({ resource: r.resource, ...r[period] }));

/**
 * The page's figures from the report the backend shaped for it (the resource filter is the
 * report's own): range vs previous range, daily stack, movers, cost per 1,000 requests, month to date.
 */
export function costsView(
  report: CostReportResponse,
  filters: Pick<CostsFilters, 'dimension'>,
): CostsView {
  const today = utcDay(Date.parse(report.asOf));
  const tomorrow = addDays(today, 1);
  const current = selectDays(report.skuDays, report.rangeStart, tomorrow);
  const previous = selectDays(
    report.skuDays,
    report.previousStart,
    report.rangeStart,
  );
  const monthRows = selectDays(report.skuDays, report.monthStart, tomorrow);
  const stack =
    filters.dimension === 'skuFamily'
      ? dailyStack(current, report.rangeStart, tomorrow, 'skuFamily')
      : dailyStack(
          report.byResource.rows,
          report.rangeStart,
          tomorrow,
          'resource',
          report.byResource.keys,
        );
  const movers =
    filters.dimension === 'skuFamily'
      ? topMovers(current, previous, 'skuFamily')
      : topMovers(
          periodRows(report, 'current'),
          periodRows(report, 'previous'),
          'resource',
        );

  // The run rate looks back a week, into last month early in a month.
  const forecast = forecastMonthEnd(
    dailyNet(
      selectDays(report.skuDays, addDays(report.monthStart, -7), tomorrow),
    ),
    today,
  );
  const points: MonthToDatePoint[] = [];
  const byDay = new Map(dailyNet(monthRows).map(d => [d.date, d.amount]));
  let sum = 0;
  for (let i = 0; i < daysInMonthOf(today); i++) {
    const date = addDays(report.monthStart, i);
    if (date <= today) {
      sum += byDay.get(date) ?? 0;
      points.push({
        date,
        actual: sum,
        ...(date === today ? { forecast: sum } : {}),
      });
    } else {
      // Straight line from today's actual to the forecast at month end.
      const left = forecast.remainingDays - 1;
      const done = Number(date.slice(8, 10)) - Number(today.slice(8, 10));
      points.push({
        date,
        forecast:
          sum +
          (forecast.forecast - forecast.monthToDate) *
            (left > 0 ? done / left : 1),
      });
    }
  }
  return {
    currency: report.currency,
    resources: report.resources.map(r => r.resource).sort(),
    range: totalsOf(current),
    previous: totalsOf(previous),
    stack,
    otherCount:
      filters.dimension === 'resource' ? report.byResource.otherCount : 0,
    movers,
    perRequests: costPer1000Requests(
      periodRows(report, 'current'),
      report.requests,
    ),
    month: {
      totals: totalsOf(monthRows),
      forecast,
      points,
      budget: report.budgets.find(b => b.calendarPeriod === 'MONTH') ?? null,
    },
    anomalies: report.anomalies,
  };
}

/**
 * The daily costs behind the page as CSV, one line per day and SKU family (or service: the largest
 * ones and the rest as one "Other (N)" line per day, as the chart shows them): gross cost, credits
 * and net, so every column sums to the figures on screen (the range's cost, credits and net; the
 * month's net over the month's days). Amounts keep 6 decimals: rounding each line to cents would
 * make the sum drift from the total by a few cents.
 */
export function dailyCostCsv(
  report: CostReportResponse,
  filters: Pick<CostsFilters, 'dimension'>,
  meta: { projectId: string },
): string {
  const tomorrow = addDays(utcDay(Date.parse(report.asOf)), 1);
  const rows: { date: string; key: string; cost: number; credits: number }[] =
    filters.dimension === 'skuFamily'
      ? selectDays(report.skuDays, report.rangeStart, tomorrow).map(r => ({
          ...r,
          key: r.skuFamily,
        }))
      : selectDays(report.byResource.rows, report.rangeStart, tomorrow).map(
          r => ({ ...r, key: r.resource }),
        );
  const lines = new Map<
    string,
    { date: string; key: string; cost: number; credits: number }
  >();
  for (const r of rows) {
    const id = `${r.date}\u0000${r.key}`;
    const line = lines.get(id) ?? {
      date: r.date,
      key: r.key,
      cost: 0,
      credits: 0,
    };
    line.cost += r.cost;
    line.credits += r.credits;
    lines.set(id, line);
  }
  const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
  const header = [
    'date',
    filters.dimension === 'resource' ? 'service' : 'sku_family',
    'gross_cost',
    'credits',
    'net_cost',
    'currency',
    'project',
    'filter',
  ];
  const label = (key: string) =>
    filters.dimension === 'resource' && key === OTHER_KEY
      ? `Other (${report.byResource.otherCount})`
      : stackKeyLabel(key, filters.dimension);
  const records = [...lines.values()]
    .sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key))
    .map(l => [
      l.date,
      label(l.key),
      round6(l.cost),
      round6(l.credits),
      round6(l.cost + l.credits),
      report.currency,
      meta.projectId,
      report.resource ?? 'all resources',
    ]);
  return toCsv(header, records);
}
