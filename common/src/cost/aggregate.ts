import type {
  CostAmounts,
  CostRow,
  ProjectDayCost,
  ResourceRequests,
  SkuFamily,
} from '../types/costs';
import { SKU_FAMILIES } from '../types/costs';
import { dayRange } from './dates';

/** What a stacked chart groups by. */
export type CostDimension = 'resource' | 'skuFamily';

/** Amounts keyed by a resource or a SKU family (a row, a day of one, a total of one). */
export type KeyedAmounts<D extends CostDimension> = CostAmounts & {
  [K in D]: string;
};

/** Gross cost, credits (≤ 0) and net (cost + credits). */
export interface CostTotals {
  cost: number;
  credits: number;
  net: number;
}

/** One day of a stacked chart: `date` plus the gross cost of each key. */
export interface StackedDay {
  date: string;
  values: Record<string, number>;
  total: number;
}

/** Rows of the days [from, to) and, if given, of the listed resources only. */
export function selectRows(
  rows: readonly CostRow[],
  from: string,
  to: string,
  resources?: readonly string[],
): CostRow[] {
  const only =
    resources && resources.length > 0 ? new Set(resources) : undefined;
  return rows.filter(
    r => r.date >= from && r.date < to && (!only || only.has(r.resource)),
  );
}

/** Rows of the days [from, to). */
export function selectDays<T extends { date: string }>(
  rows: readonly T[],
  from: string,
  to: string,
): T[] {
  return rows.filter(r => r.date >= from && r.date < to);
}

/** Totals of a set of rows. */
export function totalsOf(rows: readonly CostAmounts[]): CostTotals {
  let cost = 0;
  let credits = 0;
  for (const r of rows) {
    cost += r.cost;
    credits += r.credits;
  }
  return { cost, credits, net: cost + credits };
}

/** Totals per resource or SKU family, largest gross cost first. */
export function totalsBy<D extends CostDimension>(
  rows: readonly KeyedAmounts<D>[],
  dimension: D,
): { key: string; totals: CostTotals }[] {
  const groups = new Map<string, KeyedAmounts<D>[]>();
  for (const r of rows) {
    const key = r[dimension];
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.entries()]
    .map(([key, list]) => ({ key, totals: totalsOf(list) }))
    .sort(
      (a, b) => b.totals.cost - a.totals.cost || a.key.localeCompare(b.key),
    );
}

/**
 * Daily gross cost stacked by resource or SKU family for [from, to): every day present (0 where
 * nothing was billed), keys ordered by total cost (SKU families in their fixed order).
 */
export function dailyStack<D extends CostDimension>(
  rows: readonly (KeyedAmounts<D> & { date: string })[],
  from: string,
  to: string,
  dimension: D,
  /** The keys in stacking order, when the caller has them (e.g. the largest resources and `other`). */
  order?: readonly string[],
): { keys: string[]; days: StackedDay[] } {
  const selected = selectDays(rows, from, to);
  const totals = totalsBy(selected, dimension);
  let keys: string[] = totals.map(t => t.key);
  if (order) keys = [...order];
  else if (dimension === 'skuFamily')
    keys = SKU_FAMILIES.filter(f => totals.some(t => t.key === f));
  const days = new Map<string, StackedDay>(
    dayRange(from, to).map(date => [
      date,
      { date, values: Object.fromEntries(keys.map(k => [k, 0])), total: 0 },
    ]),
  );
  for (const r of selected) {
    const day = days.get(r.date)!;
    day.values[r[dimension]] = (day.values[r[dimension]] ?? 0) + r.cost;
    day.total += r.cost;
  }
  return { keys: keys as string[], days: [...days.values()] };
}

/** A resource whose cost moved between the previous and the current period. */
export interface CostMover {
  key: string;
  current: number;
  previous: number;
  /** current − previous (net). */
  change: number;
  /** change ÷ previous, or null when there was nothing before. */
  changeRatio: number | null;
}

/** Net cost per key in the current vs the previous period, biggest absolute change first. */
export function topMovers<D extends CostDimension>(
  current: readonly KeyedAmounts<D>[],
  previous: readonly KeyedAmounts<D>[],
  dimension: D,
  limit = 5,
): CostMover[] {
  const now = new Map(
    totalsBy(current, dimension).map(t => [t.key, t.totals.net]),
  );
  const before = new Map(
    totalsBy(previous, dimension).map(t => [t.key, t.totals.net]),
  );
  const keys = new Set([...now.keys(), ...before.keys()]);
  return [...keys]
    .map(key => {
      const c = now.get(key) ?? 0;
      const p = before.get(key) ?? 0;
      return {
        key,
        current: c,
        previous: p,
        change: c - p,
        changeRatio: p !== 0 ? (c - p) / Math.abs(p) : null,
      };
    })
    .filter(m => Math.abs(m.change) >= 0.005)
    .sort(
      (a, b) =>
        Math.abs(b.change) - Math.abs(a.change) || a.key.localeCompare(b.key),
    )
    .slice(0, limit);
}

/** Cost per 1,000 requests of a resource over a period. */
export interface CostPerRequests {
  resource: string;
  /** Net cost over the period. */
  cost: number;
  requests: number;
  /** cost ÷ requests × 1,000, or null without requests. */
  per1000: number | null;
}

/** Net cost ÷ requests × 1,000 per resource that served requests (Cloud Run services, backends). */
export function costPer1000Requests(
  rows: readonly KeyedAmounts<'resource'>[],
  requests: readonly ResourceRequests[],
): CostPerRequests[] {
  const net = new Map(
    totalsBy(rows, 'resource').map(t => [t.key, t.totals.net]),
  );
  return requests
    .map(r => {
      const cost = net.get(r.resource) ?? 0;
      return {
        resource: r.resource,
        cost,
        requests: r.requests,
        per1000: r.requests > 0 ? (cost / r.requests) * 1000 : null,
      };
    })
    .sort(
      (a, b) =>
        (b.per1000 ?? -1) - (a.per1000 ?? -1) ||
        a.resource.localeCompare(b.resource),
    );
}

/** Net cost per day for the forecast. */
export function dailyNet(
  rows: readonly (CostAmounts & { date: string })[],
): { date: string; amount: number }[] {
  const byDay = new Map<string, number>();
  for (const r of rows)
    byDay.set(r.date, (byDay.get(r.date) ?? 0) + r.cost + r.credits);
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, amount]) => ({ date, amount }));
}

/** The families present in rows, in their fixed order. */
export function familiesOf(rows: readonly CostRow[]): SkuFamily[] {
  const present = new Set(rows.map(r => r.skuFamily));
  return SKU_FAMILIES.filter(f => present.has(f));
}

/** Rows added up per UTC day and project (every resource and SKU family together), by day then project. */
export function projectDayCosts(
  rows: readonly ProjectDayCost[],
): ProjectDayCost[] {
  const byKey = new Map<string, ProjectDayCost>();
  for (const r of rows) {
    const key = `${r.date}|${r.projectId}`;
    const sum = byKey.get(key);
    if (sum) {
      sum.cost += r.cost;
      sum.credits += r.credits;
    } else
      byKey.set(key, {
        date: r.date,
        projectId: r.projectId,
        cost: r.cost,
        credits: r.credits,
      });
  }
  return [...byKey.values()].sort(
    (a, b) =>
      a.date.localeCompare(b.date) || a.projectId.localeCompare(b.projectId),
  );
}
