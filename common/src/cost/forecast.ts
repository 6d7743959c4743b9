import { addDays, daysBetween, daysInMonthOf, monthStartOf } from './dates';

/** Net cost of one day (cost + credits), `date` as `YYYY-MM-DD`. */
export interface DailyAmount {
  date: string;
  amount: number;
}

/** Period-end forecast and how it was made. Amounts in the billing currency. */
export interface MonthForecast {
  /** Period (month) to date including today's partial day. */
  monthToDate: number;
  /** Forecast spend for the whole period. */
  forecast: number;
  /** Run rate used for the rest of the period, per day. */
  dailyRate: number;
  /** Complete days of the period before today. */
  completeDays: number;
  /** Days the rate is applied to: today and the rest of the period. */
  remainingDays: number;
  /** Days the rate is averaged over. */
  rateDays: number;
  /** One sentence saying how the forecast was made. */
  method: string;
}

/**
 * Forecast to the end of a period [periodStart, periodEnd): the complete days of the period so far
 * plus a run rate × the days left (today included, since today is still partial). The run rate is the
 * mean net cost of the last `lookbackDays` complete days (reaching before the period early on, as far
 * as the data goes); days without rows count as 0. Linear, so a late spike moves it quickly.
 */
export function forecastPeriodEnd(
  daily: readonly DailyAmount[],
  today: string,
  periodStart: string,
  periodEnd: string,
  lookbackDays = 7,
): MonthForecast {
  const byDay = new Map<string, number>();
  for (const d of daily) byDay.set(d.date, (byDay.get(d.date) ?? 0) + d.amount);
  const amount = (day: string) => byDay.get(day) ?? 0;
  const completeDays = Math.max(0, daysBetween(periodStart, today));
  let completeSum = 0;
  for (let i = 0; i < completeDays; i++)
    completeSum += amount(addDays(periodStart, i));
  const earliest = [...byDay.keys()].sort()[0] ?? today;
  let rateSum = 0;
  let rateDays = 0;
  for (let i = 1; i <= lookbackDays; i++) {
    const day = addDays(today, -i);
    if (day < earliest) break;
    rateSum += amount(day);
    rateDays++;
  }
  const dailyRate = rateDays > 0 ? rateSum / rateDays : amount(today);
  const remainingDays = daysBetween(today, periodEnd);
  return {
    monthToDate: completeSum + amount(today),
    forecast: completeSum + dailyRate * remainingDays,
    dailyRate,
    completeDays,
    remainingDays,
    rateDays,
    method:
      `${completeDays} complete day(s) of the period so far plus the mean of the last ${rateDays} complete day(s) ` +
      `× ${remainingDays} day(s) left including today (a linear run rate, UTC days).`,
  };
}

/** {@link forecastPeriodEnd} for the calendar month of `today`. */
export function forecastMonthEnd(
  daily: readonly DailyAmount[],
  today: string,
  lookbackDays = 7,
): MonthForecast {
  const start = monthStartOf(today);
  return forecastPeriodEnd(
    daily,
    today,
    start,
    addDays(start, daysInMonthOf(today)),
    lookbackDays,
  );
}

/** First day of the budget period containing `today` and the first day after it (MONTH, QUARTER, YEAR). */
export function budgetPeriodBounds(
  period: 'MONTH' | 'QUARTER' | 'YEAR',
  today: string,
): { start: string; end: string } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const iso = (y: number, m: number) =>
    `${y + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(
      2,
      '0',
    )}-01`;
  if (period === 'YEAR')
    return { start: `${year}-01-01`, end: `${year + 1}-01-01` };
  if (period === 'QUARTER') {
    const first = month - ((month - 1) % 3);
    return { start: iso(year, first), end: iso(year, first + 3) };
  }
  return { start: iso(year, month), end: iso(year, month + 1) };
}
