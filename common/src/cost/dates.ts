/** UTC calendar-day helpers on `YYYY-MM-DD` strings (billing export days are UTC here). */

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an epoch ms in UTC. */
export function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** Adds whole days to a `YYYY-MM-DD` date. */
export function addDays(day: string, days: number): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
}

/** Days from `a` to `b` (b − a), both `YYYY-MM-DD`. */
export function daysBetween(a: string, b: string): number {
  return Math.round(
    (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS,
  );
}

/** First day of the month of `day`. */
export function monthStartOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** Number of days in the month of `day`. */
export function daysInMonthOf(day: string): number {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Every day from `from` (inclusive) to `to` (exclusive). */
export function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d < to; d = addDays(d, 1)) out.push(d);
  return out;
}
