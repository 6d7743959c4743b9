import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retryAfter';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-06T09:00:00Z');

  it('reads delay-seconds and HTTP dates, a date in the past as 0', () => {
    expect(parseRetryAfter('5', now)).toBe(5);
    expect(parseRetryAfter(' 120 ', now)).toBe(120);
    expect(parseRetryAfter('Sun, 06 Dec 2026 09:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Sun, 06 Dec 2026 08:59:00 GMT', now)).toBe(0);
  });

  it('says nothing for an absent or unreadable header', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});
