import type { CostRow } from '../types/costs';
import { addDays } from './dates';

/** A day on which a resource cost far more than its trend. */
export interface CostAnomaly {
  resource: string;
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  /** Net cost of that day. */
  amount: number;
  /** Median net cost per day over the days before it (the trend). */
  trend: number;
  /** amount ÷ trend (Infinity when the trend is 0). */
  ratio: number;
}

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
 */
export function costAnomalies(
  rows: readonly CostRow[],
  from: string,
  to: string,
  options: CostAnomalyOptions = {},
): CostAnomaly[] {
  const lookback = options.lookbackDays ?? 14;
  const minRatio = options.minRatio ?? 2;
  const minExcess = options.minExcess ?? 5;
  const byResource = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const days = byResource.get(r.resource) ?? new Map<string, number>();
    days.set(r.date, (days.get(r.date) ?? 0) + r.cost + r.credits);
    byResource.set(r.resource, days);
  }
  const found: CostAnomaly[] = [];
  for (const [resource, days] of byResource) {
    const first = [...days.keys()].sort()[0]!;
    for (let date = from; date < to; date = addDays(date, 1)) {
      const history: number[] = [];
      for (let i = 1; i <= lookback; i++) {
        const d = addDays(date, -i);
        if (d < first) break;
        history.push(days.get(d) ?? 0);
      }
      if (history.length < 3) continue; // too little history to call anything a trend
      const amount = days.get(date) ?? 0;
      const trend = median(history);
      if (amount - trend >= minExcess && amount >= trend * minRatio) {
        found.push({
          resource,
          date,
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
