import { describe, expect, it } from 'vitest';
import {
  instantOfLocalTime,
  scheduleWindowSchema,
  windowInstants,
  windowTimingErrors,
} from './scheduleWindow';

describe('schedule windows in IANA zones', () => {
  it('converts wall-clock times to instants, daylight saving included', () => {
    expect(
      windowInstants({
        timeZone: 'Asia/Seoul',
        start: '2026-12-11T17:00',
        end: '2026-12-11T23:00',
      }),
    ).toEqual({
      startMs: Date.UTC(2026, 11, 11, 8),
      endMs: Date.UTC(2026, 11, 11, 14),
    });
    // New York: EST (UTC−5) before 14 March 2027, EDT (UTC−4) after; the window spans the change.
    const { startMs, endMs } = windowInstants({
      timeZone: 'America/New_York',
      start: '2027-03-13T20:00',
      end: '2027-03-14T08:00',
    });
    expect(new Date(startMs).toISOString()).toBe('2027-03-14T01:00:00.000Z');
    expect(new Date(endMs).toISOString()).toBe('2027-03-14T12:00:00.000Z');
    // 11 wall-clock hours, 12 minus the hour the clocks skip.
    expect((endMs - startMs) / 3_600_000).toBe(11);
  });

  it('refuses a time the clocks skip, and takes the first of a time they pass twice', () => {
    expect(instantOfLocalTime('2027-03-14T02:30', 'America/New_York')).toEqual({
      error:
        'does not exist in America/New_York: the clocks skip it (daylight saving time starts)',
    });
    // 01:30 on 7 November 2027 happens in EDT and again in EST: the EDT one (05:30 UTC).
    expect(instantOfLocalTime('2027-11-07T01:30', 'America/New_York')).toEqual({
      ms: Date.UTC(2027, 10, 7, 5, 30),
    });
  });

  it('names the field of each mistake', () => {
    const issues = (w: unknown) => {
      const r = scheduleWindowSchema.safeParse(w);
      return r.success
        ? []
        : r.error.issues.map(i => `${i.path.join('.')}: ${i.message}`);
    };
    expect(
      issues({
        timeZone: 'Asia/Seoul',
        start: '2026-12-11T23:00',
        end: '2026-12-11T17:00',
      }),
    ).toEqual(['end: must be after start']);
    expect(
      issues({
        timeZone: 'Mars/Olympus',
        start: '2026-12-11T17:00',
        end: '2026-12-11T23:00',
      }),
    ).toEqual(['timeZone: must be an IANA time zone such as Asia/Seoul']);
    expect(
      issues({
        timeZone: 'UTC',
        start: '2026-12-11 17:00',
        end: '2026-12-11T23:00',
      }),
    ).toEqual([
      'start: must be a local date and time such as 2026-12-11T17:00',
    ]);
    expect(
      issues({
        timeZone: 'UTC',
        start: '2026-12-01T00:00',
        end: '2026-12-09T00:00',
      }),
    ).toEqual(['end: must be within 168 hours (7 days) of start']);
  });

  it('refuses a window that started or ended already', () => {
    const w = {
      timeZone: 'Asia/Seoul',
      start: '2026-12-11T17:00',
      end: '2026-12-11T23:00',
    };
    expect(windowTimingErrors(w, Date.UTC(2026, 11, 11, 0))).toEqual([]);
    expect(
      windowTimingErrors(w, Date.UTC(2026, 11, 11, 9)).map(e => e.path),
    ).toEqual(['window.start']);
    expect(
      windowTimingErrors(w, Date.UTC(2026, 11, 12, 0)).map(e => e.message),
    ).toEqual(['is in the past (now is 2026-12-12T09:00 in Asia/Seoul)']);
  });
});
