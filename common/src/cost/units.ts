import { formatNumber } from '../format/numberFormat';
/**
 * A Cloud Run memory limit in GiB: "512Mi" → 0.5, "4Gi" → 4, "1G" → 0.931 (decimal gigabytes),
 * "536870912" → 0.5 (bytes). Unset or unreadable counts as 0.5 (Cloud Run's default 512Mi).
 */
export function parseMemoryGiB(memory: string | null | undefined): number {
  const m = /^\s*([0-9.]+)\s*([KMGT]i?)?\s*$/.exec(memory ?? '');
  if (!m) return 0.5;
  const n = Number(m[1]);
  if (!Number.isFinite(n) || n <= 0) return 0.5;
  const factors: Record<string, number> = {
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    K: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
  };
  return (n * (m[2] ? factors[m[2]]! : 1)) / 2 ** 30;
}

/** Formats a number for a formula: thousands separators, at most `digits` decimals ("3,600", "0.5"). */
export function formulaNumber(value: number, digits = 4): string {
  return formatNumber(value, { maximumFractionDigits: digits });
}
