import { describe, expect, it } from 'vitest';
import { localTimeAt, utcOffsetMs } from './localTime';

describe('localTimeAt', () => {
  it('applies the zone offset', () => {
    // 2024-01-08T05:30Z is Monday 14:30 in Seoul (UTC+9) and Monday 00:30 in New York (UTC−5).
    const at = Date.UTC(2024, 0, 8, 5, 30);
    expect(localTimeAt('Asia/Seoul', at)).toEqual({ hour: 14.5, dayOfWeek: 1 });
    expect(localTimeAt('America/New_York', at)).toEqual({
      hour: 0.5,
      dayOfWeek: 1,
    });
    expect(localTimeAt('America/Los_Angeles', at)).toEqual({
      hour: 21.5,
      dayOfWeek: 0,
    });
  });

  it('follows daylight saving time', () => {
    expect(utcOffsetMs('America/New_York', Date.UTC(2024, 0, 15))).toBe(
      -5 * 3_600_000,
    );
    expect(utcOffsetMs('America/New_York', Date.UTC(2024, 6, 15))).toBe(
      -4 * 3_600_000,
    );
  });
});
