import { describe, expect, it } from 'vitest';
import { calendarWeek, windowTimesIn, windowsOnDay } from './calendarWeek';
import type { ScheduledChange } from './scheduledChange';

const entry = (startsAt: string, endsAt: string) =>
  ({ id: startsAt, startsAt, endsAt } as ScheduledChange);

describe('the calendar week', () => {
  it('runs Monday to Sunday in the zone shown, with the daylight-saving day 23 hours long', () => {
    // Wed 10 Mar 2027 in New York; clocks go forward on Sun 14 Mar.
    const week = calendarWeek(Date.UTC(2027, 2, 10, 15), 'America/New_York');
    expect(week.map(d => d.label)).toEqual([
      'Mon 8 Mar',
      'Tue 9 Mar',
      'Wed 10 Mar',
      'Thu 11 Mar',
      'Fri 12 Mar',
      'Sat 13 Mar',
      'Sun 14 Mar',
    ]);
    expect(new Date(week[0]!.startMs).toISOString()).toBe(
      '2027-03-08T05:00:00.000Z',
    );
    expect((week[6]!.endMs - week[6]!.startMs) / 3_600_000).toBe(23);
    expect(
      calendarWeek(Date.UTC(2027, 2, 10, 15), 'America/New_York', 1)[0]!.date,
    ).toBe('2027-03-15');
  });

  it('puts a window on every day it overlaps, and shows its times in the zone of the calendar', () => {
    const sale = entry('2026-12-11T08:00:00.000Z', '2026-12-11T14:00:00.000Z');
    const seoul = calendarWeek(Date.UTC(2026, 11, 9), 'Asia/Seoul');
    expect(seoul.map(d => windowsOnDay([sale], d).length)).toEqual([
      0, 0, 0, 0, 1, 0, 0,
    ]);
    expect(windowTimesIn(sale, 'Asia/Seoul')).toBe('17:00–23:00');
    // In Los Angeles the same window crosses midnight: Thu 00:00 to 06:00 — one day — then shown as is.
    expect(windowTimesIn(sale, 'America/Los_Angeles')).toBe('00:00–06:00');
    expect(windowTimesIn(sale, 'Europe/London')).toBe('08:00–14:00');
    const overnight = entry(
      '2026-12-11T14:00:00.000Z',
      '2026-12-11T18:00:00.000Z',
    );
    expect(windowTimesIn(overnight, 'Asia/Seoul')).toBe(
      'Fri 23:00 – Sat 03:00',
    );
    expect(seoul.map(d => windowsOnDay([overnight], d).length)).toEqual([
      0, 0, 0, 0, 1, 1, 0,
    ]);
  });
});
