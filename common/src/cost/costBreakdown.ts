import {
  COST_RANGE_DAYS,
  COST_STACK_TOP_N,
  type CostAmounts,
  type CostAnomaly,
  type CostRange,
  type CostResourceDay,
  type CostRow,
  type CostSkuDay,
  type CostStackByResource,
  type ResourceCostTotals,
} from '../types/costs';
import { OTHER_KEY } from './chartScale';
import { costAnomalies } from './costAnomalies';
import { addDays, monthStartOf } from './dates';

/** The anomalies' look-back in days (costAnomalies' default): the costs page reads this much before its range. */
export const COST_ANOMALY_LOOKBACK_DAYS = 14;

/** The UTC days a costs page covers, `YYYY-MM-DD`; `toDay` is exclusive (tomorrow: today is partial). */
export interface CostReportDays {
  /** min(previousStart, monthStart): the first day of the SKU days and of the resources' history. */
  fromDay: string;
  previousStart: string;
  rangeStart: string;
  monthStart: string;
  /** rangeStart − the anomalies' look-back: the first day of the days per resource. */
  resourceDaysFrom: string;
  today: string;
  toDay: string;
}

/** The days of a costs page of `range` on the UTC day `today`. */
export function costReportDays(
  today: string,
  range: CostRange,
): CostReportDays {
  const days = COST_RANGE_DAYS[range];
  const rangeStart = addDays(today, -(days - 1));
  const previousStart = addDays(rangeStart, -days);
  const monthStart = monthStartOf(today);
  return {
    fromDay: previousStart < monthStart ? previousStart : monthStart,
    previousStart,
    rangeStart,
    monthStart,
    resourceDaysFrom: addDays(rangeStart, -COST_ANOMALY_LOOKBACK_DAYS),
    today,
    toDay: addDays(today, 1),
  };
}

/** A resource's totals in both ranges and the first day of its cost history from `fromDay`. */
export interface ResourceHistory extends ResourceCostTotals {
  /** `YYYY-MM-DD`: its first day with a cost line in [fromDay, toDay). */
  firstDay: string;
}

/**
 * What a cost source answers for a costs page: three grains, each added up where the rows are (the
 * billing export's own GROUP BY), so that a fleet's days × resources × SKUs never travel.
 */
export interface CostBreakdown {
  /** ISO 4217 code, e.g. "USD". */
  currency: string;
  /** Per day and SKU family over [fromDay, toDay), of the filtered resource or the whole project. */
  skuDays: CostSkuDay[];
  /** Every resource of the project (the filter never applies), any order. */
  resources: ResourceHistory[];
  /** Per day and resource over [resourceDaysFrom, toDay), of the filtered resource or every one. */
  resourceDays: CostResourceDay[];
}

const add = (into: CostAmounts, row: CostAmounts) => {
  into.cost += row.cost;
  into.credits += row.credits;
};

/** Adds a row's amounts to the line under `key` of a grain, or starts that line with `line()`. */
function addTo<T extends CostAmounts>(
  grain: Map<string, T>,
  key: string,
  row: CostAmounts,
  line: () => T,
): void {
  const existing = grain.get(key);
  if (existing) add(existing, row);
  else grain.set(key, line());
}

/**
 * The breakdown of full daily rows (per day, resource and SKU family), for a source that has them
 * (the estimate) and for tests: the same sums the billing export answers grouped.
 */
export function costBreakdownOfRows(
  rows: readonly CostRow[],
  currency: string,
  days: CostReportDays,
  resource: string | null,
): CostBreakdown {
  const skuDays = new Map<string, CostSkuDay>();
  const resourceDays = new Map<string, CostResourceDay>();
  const resources = new Map<string, ResourceHistory>();
  for (const r of rows) {
    if (r.date < days.fromDay || r.date >= days.toDay) continue;
    let totals = resources.get(r.resource);
    if (!totals) {
      totals = {
        resource: r.resource,
        resourceKind: r.resourceKind,
        current: { cost: 0, credits: 0 },
        previous: { cost: 0, credits: 0 },
        firstDay: r.date,
      };
      resources.set(r.resource, totals);
    }
    if (r.date < totals.firstDay) totals.firstDay = r.date;
    if (r.date >= days.rangeStart) add(totals.current, r);
    else if (r.date >= days.previousStart) add(totals.previous, r);
    if (resource !== null && r.resource !== resource) continue;
    addTo(skuDays, `${r.date}|${r.skuFamily}`, r, () => ({
      date: r.date,
      skuFamily: r.skuFamily,
      cost: r.cost,
      credits: r.credits,
    }));
    if (r.date < days.resourceDaysFrom) continue;
    addTo(resourceDays, `${r.date}|${r.resource}`, r, () => ({
      date: r.date,
      resource: r.resource,
      cost: r.cost,
      credits: r.credits,
    }));
  }
  return {
    currency,
    skuDays: [...skuDays.values()],
    resources: [...resources.values()],
    resourceDays: [...resourceDays.values()],
  };
}

/** What the costs page draws beyond the SKU days and the totals: computed once, where the rows are. */
export interface CostReportFigures {
  skuDays: CostSkuDay[];
  resources: ResourceCostTotals[];
  byResource: CostStackByResource;
  anomalies: CostAnomaly[];
}

/**
 * The page's figures from a breakdown: resources largest current gross first, the daily stack by
 * resource as the chart shows it (the COST_STACK_TOP_N largest of the range and the rest summed as
 * OTHER_KEY per day), and the days far above trend (complete days of the range; the look-back before
 * it from the resource days, each resource's history from its first day).
 */
export function costReportFigures(
  b: CostBreakdown,
  days: CostReportDays,
): CostReportFigures {
  const inRange = b.resourceDays.filter(
    r => r.date >= days.rangeStart && r.date < days.toDay,
  );
  const gross = new Map<string, number>();
  for (const r of inRange)
    gross.set(r.resource, (gross.get(r.resource) ?? 0) + r.cost);
  const ranked = [...gross.entries()]
    .sort(([a, x], [b2, y]) => y - x || a.localeCompare(b2))
    .map(([k]) => k);
  const split = ranked.length > COST_STACK_TOP_N + 1;
  const kept = new Set(split ? ranked.slice(0, COST_STACK_TOP_N) : ranked);
  const stack = new Map<string, CostResourceDay>();
  for (const r of inRange) {
    const key = kept.has(r.resource) ? r.resource : OTHER_KEY;
    const id = `${r.date}|${key}`;
    const row = stack.get(id);
    if (row) add(row, r);
    else
      stack.set(id, {
        date: r.date,
        resource: key,
        cost: r.cost,
        credits: r.credits,
      });
  }
  const byResource: CostStackByResource = {
    keys: split ? [...kept, OTHER_KEY] : ranked,
    otherCount: split ? ranked.length - COST_STACK_TOP_N : 0,
    rows: [...stack.values()].sort(
      (a, b2) =>
        a.date.localeCompare(b2.date) || a.resource.localeCompare(b2.resource),
    ),
  };
  const anomalies = costAnomalies(
    b.resourceDays.filter(r => r.date < days.today),
    days.rangeStart,
    days.today,
    {
      lookbackDays: COST_ANOMALY_LOOKBACK_DAYS,
      firstDays: new Map(b.resources.map(r => [r.resource, r.firstDay])),
    },
  );
  const resources: ResourceCostTotals[] = b.resources
    .map(({ resource, resourceKind, current, previous }) => ({
      resource,
      resourceKind,
      current,
      previous,
    }))
    .sort(
      (x, y) =>
        y.current.cost - x.current.cost || x.resource.localeCompare(y.resource),
    );
  const skuDays = [...b.skuDays].sort(
    (x, y) =>
      x.date.localeCompare(y.date) || x.skuFamily.localeCompare(y.skuFamily),
  );
  return { skuDays, resources, byResource, anomalies };
}
