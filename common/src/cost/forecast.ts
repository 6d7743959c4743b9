import { addDays, daysInMonthOf, monthStartOf } from './dates';

/** Net cost of one day (cost + credits), `date` as `YYYY-MM-DD`. */
export interface DailyAmount {
  date: string;
  amount: number;
}

/** Month-end forecast and how it was made. Amounts in the billing currency. */
export interface MonthForecast {
  /** Month to date including today's partial day. */
  monthToDate: number;
  /** Forecast spend for the whole month. */
  forecast: number;
  /** Run rate used for the rest of the month, per day. */
  dailyRate: number;
  /** Complete days of the month before today. */
  completeDays: number;
  /** Days the rate is applied to: today and the rest of the month. */
  remainingDays: number;
  /** Days the rate is averaged over. */
  rateDays: number;
  /** One sentence saying how the forecast was made. */
  method: string;
}

/**
 * Forecast to month end: the complete days of the month so far plus a run rate × the days left
 * (today included, since today is still partial). The run rate is the mean net cost of the last
 * `lookbackDays` complete days (reaching into last month early in a month); days without rows count as 0.
 * Linear, so a spike late in the month moves it quickly; say so where it is shown.
 */
export function forecastMonthEnd(daily: readonly DailyAmount[], today: string, lookbackDays = 7): MonthForecast {
  const byDay = new Map<string, number>();
  for (const d of daily) byDay.set(d.date, (byDay.get(d.date) ?? 0) + d.amount);
  const amount = (day: string) => byDay.get(day) ?? 0;
  const monthStart = monthStartOf(today);
  const completeDays = Number(today.slice(8, 10)) - 1;
  let completeSum = 0;
  for (let i = 0; i < completeDays; i++) completeSum += amount(addDays(monthStart, i));
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
  const remainingDays = daysInMonthOf(today) - completeDays;
  const forecast = completeSum + dailyRate * remainingDays;
  return {
    monthToDate: completeSum + amount(today),
    forecast,
    dailyRate,
    completeDays,
    remainingDays,
    rateDays,
    method:
      `${completeDays} complete day(s) of the month so far plus the mean of the last ${rateDays} complete day(s) ` +
      `× ${remainingDays} day(s) left including today (a linear run rate, UTC days).`,
  };
}
