import type { CostAnomaly, CostRow } from '../types/costs';
import { addDays, dayRange } from './dates';

/** How far above its trend a day must be to count. */
export interface CostAnomalyOptions {
  /** Days before the day that make the trend. Default 14. */
  lookbackDays?: number;
  /** Minimum amount ÷ trend. Default 2 (twice the usual). */
  minRatio?: number;
  /** Minimum excess over the trend in currency units, so cents never alarm. Default 5. */
  minExcess?: number;
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * Days far above their trend, per resource: for each complete day in [from, to), the net cost against
 * the median of the `lookbackDays` days before it (a median, so one earlier spike does not hide the
 * next). Flags when amount ≥ trend × minRatio and amount − trend ≥ minExcess. Largest excess first.
 * A resource's history starts at its first row, or at `firstDays` of it when the rows given start
 * later than its history (the costs page reads only the look-back before the range).
 */
export function costAnomalies(
  rows: readonly Pick<CostRow, 'resource' | 'date' | 'cost' | 'credits'>[],
  from: string,
  to: string,
  options: CostAnomalyOptions & {
    /** First day of each resource's cost history, `YYYY-MM-DD`. */
    firstDays?: ReadonlyMap<string, string>;
  } = {},
): CostAnomaly[] {
  const lookback = options.lookbackDays ?? 14;
  const minRatio = options.minRatio ?? 2;
  const minExcess = options.minExcess ?? 5;
  // Days by index, once: a fleet's 1,000 resources × 30 days × 14 look-back days stay array reads.
  const days = dayRange(addDays(from, -lookback), to);
  const indexOf = new Map(days.map((d, i) => [d, i]));
  const byResource = new Map<string, { net: Float64Array; first: string }>();
  for (const r of rows) {
    let entry = byResource.get(r.resource);
    if (!entry) {
      entry = { net: new Float64Array(days.length), first: r.date };
      byResource.set(r.resource, entry);
    }
    if (r.date < entry.first) entry.first = r.date;
    const i = indexOf.get(r.date);
    if (i !== undefined) entry.net[i]! += r.cost + r.credits;
  }
  const found: CostAnomaly[] = [];
  for (const [resource, { net, first: firstRow }] of byResource) {
    const first = options.firstDays?.get(resource) ?? firstRow;
    for (let at = lookback; at < days.length; at++) {
      let count = 0;
      let lowest = Infinity;
      while (count < lookback && days[at - count - 1]! >= first) {
        lowest = Math.min(lowest, net[at - count - 1]!);
        count++;
      }
      if (count < 3) continue; // too little history to call anything a trend
      const amount = net[at]!;
      // The median is at least the lowest day, so a day not far above the lowest is not far above
      // the median either: most days of a fleet stop here, before any sort.
      if (amount - lowest < minExcess || amount < lowest * minRatio) continue;
      const trend = median(Array.from(net.subarray(at - count, at)));
      if (amount - trend >= minExcess && amount >= trend * minRatio) {
        found.push({
          resource,
          date: days[at]!,
          amount,
          trend,
          ratio: trend > 0 ? amount / trend : Infinity,
        });
      }
    }
  }
  return found.sort(
    (a, b) =>
      b.amount - b.trend - (a.amount - a.trend) ||
      a.resource.localeCompare(b.resource),
  );
}
