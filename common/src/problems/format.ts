import { formatNumber } from '../format/numberFormat';

/** Percent with at most one decimal, e.g. 0.123 → "12.3 %". */
export function pct(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10} %`;
}

/** Integer with thousands separators, e.g. 82000 → "82,000". */
export function int(n: number): string {
  return formatNumber(Math.round(n));
}

/** Rounds to 3 decimals for evidence values, so the JSON stays readable. */
export function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
