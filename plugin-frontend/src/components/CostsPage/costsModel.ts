import {
  addDays,
  costAnomalies,
  type CostAnomaly,
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

/** Builds the page's figures: range vs previous range, daily stack, movers, cost per 1,000 requests, month to date. */
export function costsView(
  report: CostReportResponse,
  filters: CostsFilters,
): CostsView {
  const only = filters.resource ? [filters.resource] : undefined;
  const today = utcDay(Date.parse(report.asOf));
  const tomorrow = addDays(today, 1);
  const current = selectRows(report.rows, report.rangeStart, tomorrow, only);
  const previous = selectRows(
    report.rows,
    report.previousStart,
    report.rangeStart,
    only,
  );
  const monthRows = selectRows(report.rows, report.monthStart, tomorrow, only);
  const stack = dailyStack(
    current,
    report.rangeStart,
    tomorrow,
    filters.dimension,
  );
  const requests = only
    ? report.requests.filter(r => r.resource === filters.resource)
    : report.requests;

  // The run rate looks back a week, into last month early in a month.
  const forecast = forecastMonthEnd(
    dailyNet(
      selectRows(report.rows, addDays(report.monthStart, -7), tomorrow, only),
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
    resources: [...new Set(report.rows.map(r => r.resource))].sort(),
    range: totalsOf(current),
    previous: totalsOf(previous),
    stack,
    movers: topMovers(current, previous, filters.dimension),
    perRequests: costPer1000Requests(current, requests),
    month: {
      totals: totalsOf(monthRows),
      forecast,
      points,
      budget: report.budgets.find(b => b.calendarPeriod === 'MONTH') ?? null,
    },
    // Today is partial, so it is never compared with whole days; the earlier rows make the trend.
    anomalies: costAnomalies(
      selectRows(
        report.rows,
        report.previousStart < report.monthStart
          ? report.previousStart
          : report.monthStart,
        today,
        only,
      ),
      report.rangeStart,
      today,
    ),
  };
}

/**
 * The daily costs behind the page as CSV, one line per day and service (or SKU family): gross cost,
 * credits and net, so every column sums to the figures on screen (the range's cost, credits and net;
 * the month's net over the month's days). Amounts keep 6 decimals: rounding each line to cents would
 * make the sum drift from the total by a few cents.
 */
export function dailyCostCsv(
  report: CostReportResponse,
  filters: CostsFilters,
  meta: { projectId: string },
): string {
  const only = filters.resource ? [filters.resource] : undefined;
  const tomorrow = addDays(utcDay(Date.parse(report.asOf)), 1);
  const rows = selectRows(report.rows, report.rangeStart, tomorrow, only);
  const lines = new Map<
    string,
    { date: string; key: string; cost: number; credits: number }
  >();
  for (const r of rows) {
    const key = r[filters.dimension];
    const id = `${r.date}\u0000${key}`;
    const line = lines.get(id) ?? { date: r.date, key, cost: 0, credits: 0 };
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
  const records = [...lines.values()]
    .sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key))
    .map(l => [
      l.date,
      stackKeyLabel(l.key, filters.dimension),
      round6(l.cost),
      round6(l.credits),
      round6(l.cost + l.credits),
      report.currency,
      meta.projectId,
      filters.resource || 'all resources',
    ]);
  return toCsv(header, records);
}
