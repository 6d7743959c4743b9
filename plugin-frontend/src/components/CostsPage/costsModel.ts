import {
  addDays,
  costPer1000Requests,
  dailyNet,
  dailyStack,
  daysInMonthOf,
  forecastMonthEnd,
  selectRows,
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
  /** Resources present in the report, for the service filter. */
  resources: string[];
  range: CostTotals;
  previous: CostTotals;
  stack: { keys: string[]; days: StackedDay[] };
  movers: CostMover[];
  perRequests: CostPerRequests[];
  month: { totals: CostTotals; forecast: MonthForecast; points: MonthToDatePoint[]; budget: BudgetLine | null };
}

/** Filters of the costs page, held in the URL. */
export interface CostsFilters {
  /** Resource to show alone, or '' for all. */
  resource: string;
  dimension: CostDimension;
}

/** Legend label of a stack key: SKU families by their label, resources by name. */
export function stackKeyLabel(key: string, dimension: CostDimension): string {
  return dimension === 'skuFamily' ? (SKU_FAMILY_LABELS[key as SkuFamily] ?? key) : key;
}

/** Builds the page's figures: range vs previous range, daily stack, movers, cost per 1,000 requests, month to date. */
export function costsView(report: CostReportResponse, filters: CostsFilters): CostsView {
  const only = filters.resource ? [filters.resource] : undefined;
  const today = utcDay(Date.parse(report.asOf));
  const tomorrow = addDays(today, 1);
  const current = selectRows(report.rows, report.rangeStart, tomorrow, only);
  const previous = selectRows(report.rows, report.previousStart, report.rangeStart, only);
  const monthRows = selectRows(report.rows, report.monthStart, tomorrow, only);
  const stack = dailyStack(current, report.rangeStart, tomorrow, filters.dimension);
  const requests = only ? report.requests.filter(r => r.resource === filters.resource) : report.requests;

  // The run rate looks back a week, into last month early in a month.
  const forecast = forecastMonthEnd(dailyNet(selectRows(report.rows, addDays(report.monthStart, -7), tomorrow, only)), today);
  const points: MonthToDatePoint[] = [];
  const byDay = new Map(dailyNet(monthRows).map(d => [d.date, d.amount]));
  let sum = 0;
  for (let i = 0; i < daysInMonthOf(today); i++) {
    const date = addDays(report.monthStart, i);
    if (date <= today) {
      sum += byDay.get(date) ?? 0;
      points.push({ date, actual: sum, ...(date === today ? { forecast: sum } : {}) });
    } else {
      // Straight line from today's actual to the forecast at month end.
      const left = forecast.remainingDays - 1;
      const done = Number(date.slice(8, 10)) - Number(today.slice(8, 10));
      points.push({ date, forecast: sum + (forecast.forecast - forecast.monthToDate) * (left > 0 ? done / left : 1) });
    }
  }
  return {
    currency: report.currency,
    resources: [...new Set(report.rows.map(r => r.resource))].sort(),
    range: totalsOf(current),
    previous: totalsOf(previous),
    stack,
    movers: topMovers(current, previous, filters.dimension),
    perRequests: costPer1000Requests(current, requests),
    month: { totals: totalsOf(monthRows), forecast, points, budget: report.budgets.find(b => b.calendarPeriod === 'MONTH') ?? null },
  };
}

/** The daily table exactly as the chart shows it: date, one column per key, total; amounts rounded to cents. */
export function dailyCostCsv(view: CostsView, dimension: CostDimension, meta: { projectId: string; resource: string }): string {
  const header = ['date', ...view.stack.keys.map(k => stackKeyLabel(k, dimension)), 'total', 'currency', 'project', 'filter'];
  const cents = (v: number) => Math.round(v * 100) / 100;
  const records = view.stack.days.map(d => [
    d.date,
    ...view.stack.keys.map(k => cents(d.values[k] ?? 0)),
    cents(d.total),
    view.currency,
    meta.projectId,
    meta.resource || 'all resources',
  ]);
  return toCsv(header, records);
}
