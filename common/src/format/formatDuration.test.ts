import { describe, expect, it } from 'vitest';
import { formatDuration, MISSING } from './formatDuration';

describe('formatDuration', () => {
  it('shows milliseconds below a second, whole', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(283)).toBe('283 ms');
    expect(formatDuration(283.4)).toBe('283 ms');
    expect(formatDuration(999.4)).toBe('999 ms');
  });

  it('shows seconds, minutes and hours with one decimal below 10', () => {
    expect(formatDuration(1_200)).toBe('1.2 s');
    expect(formatDuration(9_940)).toBe('9.9 s');
    expect(formatDuration(10_000)).toBe('10 s');
    expect(formatDuration(45_300)).toBe('45 s');
    expect(formatDuration(70_000)).toBe('1.2 min');
    expect(formatDuration(354_000)).toBe('5.9 min');
    expect(formatDuration(600_000)).toBe('10 min');
    expect(formatDuration(5_400_000)).toBe('1.5 h');
    expect(formatDuration(36 * 3_600_000)).toBe('36 h');
    expect(formatDuration(1_500 * 3_600_000)).toBe('1,500 h');
  });

  it('never shows 10,000 ms or more as milliseconds', () => {
    for (const ms of [10_000, 12_345, 86_000, 600_000, 3_600_000])
      expect(formatDuration(ms)).not.toMatch(/ms$/);
  });

  it('moves to the next unit when rounding reaches it', () => {
    expect(formatDuration(999.6)).toBe('1.0 s');
    expect(formatDuration(59_960)).toBe('1.0 min');
    expect(formatDuration(3_599_000)).toBe('1.0 h');
  });

  it('keeps the sign and shows missing values as a dash', () => {
    expect(formatDuration(-1_500)).toBe('-1.5 s');
    expect(formatDuration(null)).toBe(MISSING);
    expect(formatDuration(undefined)).toBe(MISSING);
    expect(formatDuration(Number.NaN)).toBe(MISSING);
  });
});
