import { DateTime } from 'luxon';
import type { ScheduledChange } from './scheduledChange';

// Labels in English like the rest of the plugin's UI, whatever the browser's locale.

/** One day of the calendar's week, in the zone the calendar is shown in. */
export interface CalendarDay {
  /** `2026-12-11`. */
  date: string;
  /** `Fri 11 Dec`. */
  label: string;
  /** The day's start and end (next midnight), epoch ms; 23 or 25 hours long on a daylight-saving day. */
  startMs: number;
  endMs: number;
}

/**
 * The week (Monday to Sunday, days from midnight to midnight in `timeZone`) that holds `ms`, moved by
 * `offsetWeeks`.
 */
export function calendarWeek(
  ms: number,
  timeZone: string,
  offsetWeeks = 0,
): CalendarDay[] {
  const monday = DateTime.fromMillis(ms, { zone: timeZone, locale: 'en' })
    .startOf('week')
    .plus({ weeks: offsetWeeks });
  return Array.from({ length: 7 }, (_, i) => {
    const day = monday.plus({ days: i });
    return {
      date: day.toFormat('yyyy-MM-dd'),
      label: day.toFormat('ccc d LLL'),
      startMs: day.toMillis(),
      endMs: day.plus({ days: 1 }).toMillis(),
    };
  });
}

/** The windows that overlap a day, by start. */
export function windowsOnDay(
  entries: readonly ScheduledChange[],
  day: CalendarDay,
): ScheduledChange[] {
  return entries
    .filter(
      e =>
        Date.parse(e.startsAt) < day.endMs &&
        Date.parse(e.endsAt) > day.startMs,
    )
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}

/**
 * A window's times as a calendar in `timeZone` shows them: `17:00–23:00`, with the dates when it
 * spans days (`Fri 17:00 – Sat 02:00`).
 */
export function windowTimesIn(
  entry: Pick<ScheduledChange, 'startsAt' | 'endsAt'>,
  timeZone: string,
): string {
  const start = DateTime.fromISO(entry.startsAt, {
    zone: timeZone,
    locale: 'en',
  });
  const end = DateTime.fromISO(entry.endsAt, { zone: timeZone, locale: 'en' });
  if (start.hasSame(end, 'day'))
    return `${start.toFormat('HH:mm')}–${end.toFormat('HH:mm')}`;
  return `${start.toFormat('ccc HH:mm')} – ${end.toFormat('ccc HH:mm')}`;
}

/** The runtime's own IANA zone (the browser's), `UTC` when it has none. */
export function localTimeZone(): string {
  try {
    return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
