import { describe, expect, it } from 'vitest';
import type { ObservedMinute } from './observedTraffic';
import { estimateServiceTime, isSaturated } from './serviceTime';

const m = (
  requests: number,
  meanLatencyMs: number | null,
  instances: number | null,
  refused = 0,
): ObservedMinute => ({
  startMs: 0,
  requests,
  refused,
  meanLatencyMs,
  instances,
});

const settings = { minInstances: 0, maxInstances: 10, concurrency: 1 };

describe('service time (docs/what-if.md, "Service time")', () => {
  it('a minute is saturated with 429s or instances at max (half an instance of tolerance)', () => {
    expect(isSaturated(m(10, 100, 3, 1), 10)).toBe(true);
    expect(isSaturated(m(10, 100, 9.6), 10)).toBe(true);
    expect(isSaturated(m(10, 100, 9.4), 10)).toBe(false);
    expect(isSaturated(m(10, 100, null), 10)).toBe(false);
  });

  it('keeps unsaturated latencies and replaces saturated or missing ones by the median of the unsaturated', () => {
    const estimate = estimateServiceTime({
      settings,
      minutes: [
        m(10, 100, 2),
        m(10, 120, 3),
        m(10, 140, 4),
        // Queued at max: 3× slower, but the work per request did not change.
        m(10, 400, 10, 2),
        m(10, null, 5),
        m(0, null, 0),
      ],
    });
    expect(estimate.baselineMs).toBe(120);
    expect(estimate.secondsPerMinute).toEqual([
      0.1, 0.12, 0.14, 0.12, 0.12, 0.12,
    ]);
    // Only minutes with requests count as substituted.
    expect(estimate.substitutedMinutes).toBe(2);
  });

  it('falls back to the lowest latency when every minute was saturated, and to 0 without any', () => {
    expect(
      estimateServiceTime({
        settings,
        minutes: [m(10, 300, 10), m(10, 250, 10)],
      }).baselineMs,
    ).toBe(250);
    expect(estimateServiceTime({ settings, minutes: [m(0, null, 0)] })).toEqual(
      { secondsPerMinute: [0], baselineMs: null, substitutedMinutes: 0 },
    );
  });
});
