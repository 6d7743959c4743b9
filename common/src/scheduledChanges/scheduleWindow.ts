import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import type { FieldError } from '../errors/errors';

/** Longest window one scheduled change may hold: longer than a week is a change, not a window. */
export const MAX_WINDOW_HOURS = 7 * 24;
/** How far ahead a window may start. */
export const MAX_SCHEDULE_AHEAD_DAYS = 366;

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** Whether `name` is an IANA time zone this runtime knows (`Asia/Seoul`, `America/New_York`, `UTC`). */
export function isIanaTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/**
 * The instant of a wall-clock time in an IANA zone, or a reason it has none: a time the clocks skip
 * at the start of daylight saving (02:30 on a spring-forward night) does not exist. A time the
 * clocks pass twice (the autumn hour) is taken at its first occurrence, the earlier instant.
 */
export function instantOfLocalTime(
  local: string,
  timeZone: string,
): { ms: number } | { error: string } {
  if (!LOCAL_DATE_TIME.test(local))
    return { error: 'must be a local date and time such as 2026-12-11T17:00' };
  const at = DateTime.fromISO(local, { zone: timeZone });
  if (!at.isValid) return { error: `is not a valid date and time` };
  // Luxon moves a skipped wall time forward; reading it back shows the gap.
  if (at.toFormat("yyyy-MM-dd'T'HH:mm") !== local)
    return {
      error: `does not exist in ${timeZone}: the clocks skip it (daylight saving time starts)`,
    };
  // A wall time passed twice: the first time the clocks show it (DST shifts are an hour, or half).
  for (const minutes of [60, 30]) {
    const earlier = at.minus({ minutes });
    if (earlier.toFormat("yyyy-MM-dd'T'HH:mm") === local)
      return { ms: earlier.toMillis() };
  }
  return { ms: at.toMillis() };
}

/** The wall-clock form (`2026-12-11T17:00`) of an instant in an IANA zone. */
export function localTimeOf(ms: number, timeZone: string): string {
  return DateTime.fromMillis(ms, { zone: timeZone }).toFormat(
    "yyyy-MM-dd'T'HH:mm",
  );
}

/**
 * A window in local time of an IANA zone, e.g. Fri 17:00 to 23:00 Asia/Seoul:
 * `{ timeZone: 'Asia/Seoul', start: '2026-12-11T17:00', end: '2026-12-11T23:00' }`. Wall-clock
 * times, so a window across a daylight-saving change still starts and ends at the times written.
 */
export const scheduleWindowSchema = z
  .object({
    timeZone: z
      .string({ required_error: 'timeZone is required' })
      .min(1, 'timeZone is required')
      .max(64, 'timeZone is too long')
      .refine(isIanaTimeZone, {
        message: 'must be an IANA time zone such as Asia/Seoul',
      }),
    start: z
      .string({ required_error: 'start is required' })
      .regex(
        LOCAL_DATE_TIME,
        'must be a local date and time such as 2026-12-11T17:00',
      ),
    end: z
      .string({ required_error: 'end is required' })
      .regex(
        LOCAL_DATE_TIME,
        'must be a local date and time such as 2026-12-11T23:00',
      ),
  })
  .strict()
  .superRefine((w, ctx) => {
    // Format and zone errors are the fields' own; these checks need both right.
    if (
      !isIanaTimeZone(w.timeZone) ||
      !LOCAL_DATE_TIME.test(w.start) ||
      !LOCAL_DATE_TIME.test(w.end)
    )
      return;
    const start = instantOfLocalTime(w.start, w.timeZone);
    const end = instantOfLocalTime(w.end, w.timeZone);
    if ('error' in start)
      ctx.addIssue({ code: 'custom', path: ['start'], message: start.error });
    if ('error' in end)
      ctx.addIssue({ code: 'custom', path: ['end'], message: end.error });
    if (!('ms' in start) || !('ms' in end)) return;
    if (end.ms <= start.ms)
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: 'must be after start',
      });
    else if (end.ms - start.ms > MAX_WINDOW_HOURS * 3_600_000)
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `must be within ${MAX_WINDOW_HOURS} hours (7 days) of start`,
      });
  });

/** A parsed window. */
export type ScheduleWindow = z.infer<typeof scheduleWindowSchema>;

/** The UTC instants of a valid window, epoch ms. */
export function windowInstants(w: ScheduleWindow): {
  startMs: number;
  endMs: number;
} {
  const start = instantOfLocalTime(w.start, w.timeZone);
  const end = instantOfLocalTime(w.end, w.timeZone);
  if (!('ms' in start) || !('ms' in end))
    throw new RangeError('windowInstants of an invalid window');
  return { startMs: start.ms, endMs: end.ms };
}

/**
 * What is wrong with a (schema-valid) window at `nowMs`: one that has started or ended already, or
 * starts too far ahead. Field paths under `prefix` (the request's `window`).
 */
export function windowTimingErrors(
  w: ScheduleWindow,
  nowMs: number,
  prefix = 'window',
): FieldError[] {
  const { startMs, endMs } = windowInstants(w);
  if (endMs <= nowMs)
    return [
      {
        path: `${prefix}.end`,
        message: `is in the past (now is ${localTimeOf(nowMs, w.timeZone)} in ${
          w.timeZone
        })`,
      },
    ];
  if (startMs <= nowMs)
    return [
      {
        path: `${prefix}.start`,
        message: `is in the past (now is ${localTimeOf(nowMs, w.timeZone)} in ${
          w.timeZone
        })`,
      },
    ];
  if (startMs - nowMs > MAX_SCHEDULE_AHEAD_DAYS * 86_400_000)
    return [
      {
        path: `${prefix}.start`,
        message: `must be within ${MAX_SCHEDULE_AHEAD_DAYS} days from now`,
      },
    ];
  return [];
}
