import { formatNumber } from './numberFormat';

/** Shown where a figure is unknown (no data, or its read failed). */
export const MISSING = '—';

/**
 * Units a duration is shown in: the largest whose rounded value is below its limit. Long requests
 * (generation jobs of 70 s, WebSocket sessions of 10 min) read better as "1.2 min" than "70,000 ms".
 */
const UNITS: ReadonlyArray<{ unit: string; ms: number; below: number }> = [
  { unit: 'ms', ms: 1, below: 1_000 },
  { unit: 's', ms: 1_000, below: 60_000 },
  { unit: 'min', ms: 60_000, below: 3_600_000 },
  { unit: 'h', ms: 3_600_000, below: Infinity },
];

/**
 * The one duration format of the portal (home page, problems, services list, charts): a duration
 * given in milliseconds as a short human text: whole milliseconds below a second
 * ("283 ms"), then seconds, minutes and hours with one decimal below 10 and none above ("1.2 s",
 * "45 s", "5.9 min", "1.5 h", "36 h"). A value that rounds up to the next unit moves there
 * (59,960 ms is "1.0 min", not "60 s"). Null, undefined and non-finite values are {@link MISSING}.
 */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return MISSING;
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  for (const { unit, ms: size, below } of UNITS) {
    const value = abs / size;
    const digits = unit === 'ms' || value >= 10 ? 0 : 1;
    const rounded = Number(value.toFixed(digits));
    if (rounded * size >= below) continue;
    const text = formatNumber(rounded, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    return `${sign}${text} ${unit}`;
  }
  return MISSING; // unreachable: the last unit has no limit
}
