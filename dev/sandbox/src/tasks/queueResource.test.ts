import { describe, expect, it } from 'vitest';
import {
  burstSizeFor,
  completeQueue,
  formatDuration,
  meanRetryIntervalSeconds,
  settingsFromQueue,
} from './queueResource';

describe('queue resource', () => {
  it('averages the documented backoff: doublings, then linear steps, capped at maxBackoff', () => {
    // Cloud Tasks' example: 10 s, 300 s, 3 doublings → 10, 20, 40, 80, 160, 240, 300, 300, 300, 300.
    expect(
      meanRetryIntervalSeconds({
        minBackoff: '10s',
        maxBackoff: '300s',
        maxDoublings: 3,
      }),
    ).toBe(175);
    // Defaults (0.1 s … 3600 s, 16 doublings): 0.1 × 2^k for the first ten retries.
    expect(meanRetryIntervalSeconds({})).toBeCloseTo(10.23, 2);
  });

  it('fills defaults, derives the burst size and writes durations as Google does', () => {
    const queue = completeQueue(
      {
        name: 'projects/p/locations/l/queues/q',
        retryConfig: { minBackoff: '1.5s' },
      },
      'PAUSED',
      undefined,
    );
    expect(queue).toEqual({
      name: 'projects/p/locations/l/queues/q',
      rateLimits: {
        maxDispatchesPerSecond: 500,
        maxBurstSize: 100,
        maxConcurrentDispatches: 1000,
      },
      retryConfig: {
        maxAttempts: 100,
        minBackoff: '1.500s',
        maxBackoff: '3600s',
        maxDoublings: 16,
      },
      state: 'PAUSED',
    });
    expect(burstSizeFor(5)).toBe(1);
    expect(formatDuration(0.1)).toBe('0.100s');
    expect(settingsFromQueue(queue)).toMatchObject({
      state: 'PAUSED',
      maxDispatchesPerSecond: 500,
      maxConcurrentDispatches: 1000,
    });
  });
});
