import { describe, expect, it } from 'vitest';
import { CLOUD_RUN_LIST_PRICES_USD as LIST } from '../cost/prices';
import type { ObservedMinute, ObservedTraffic } from './observedTraffic';
import { whatIfReport } from './whatIfReport';

const HOUR = 3_600_000;

/** gryd-worker-like: 2 vCPU, 4 GiB, instance-based, concurrency 1, max 10; 70 s jobs. */
function workerWeek(peakJobsPerMinute: number): ObservedTraffic {
  const minutes: ObservedMinute[] = [];
  for (let i = 0; i < 120; i++) {
    // One quiet hour (3 jobs a minute = 3.5 in flight → 6 instances), one peak hour at max.
    const peak = i >= 60;
    const requests = peak ? peakJobsPerMinute : 3;
    minutes.push({
      startMs: 10 * HOUR + i * 60_000,
      requests,
      refused: peak ? 2 : 0,
      meanLatencyMs: peak ? 200_000 : 70_000,
      instances: peak ? 10 : 6,
    });
  }
  return {
    settings: { minInstances: 0, maxInstances: 10, concurrency: 1 },
    cpu: 2,
    memoryGiB: 4,
    cpuIdle: false,
    minutes,
  };
}

describe('what-if report', () => {
  it('raising gryd-worker’s max from 10 to 30 removes the peak’s 429s and prices the extra instances (hand-checked)', () => {
    const report = whatIfReport(
      workerWeek(12),
      { minInstances: 0, maxInstances: 30, concurrency: 1 },
      LIST,
    );
    // The queued 200 s latency of the peak is replaced by the 70 s baseline: 14 in flight, not 40.
    expect(report.serviceTime).toEqual({
      baselineMs: 70_000,
      substitutedMinutes: 60,
    });
    // Current: 60 minutes at 6 instances, 60 at max 10 refusing 1 − 10/14 of 12.
    expect(report.current.totals.refused).toBeCloseTo(60 * 12 * (4 / 14), 8);
    expect(report.current.totals.minutesAtMax).toBe(60);
    expect(report.current.totals.instanceHours).toBeCloseTo(16, 10);
    // Proposed: 24 instances at the peak, nothing refused.
    expect(report.proposed.totals.refused).toBe(0);
    expect(report.proposed.worstEpisode).toBeNull();
    expect(report.proposed.totals.instanceHours).toBeCloseTo(30, 10);
    expect(report.change.refused).toBeCloseTo(-60 * 12 * (4 / 14), 8);
    expect(report.change.coldStarts).toBe(14);
    // 14 more instance-hours in 2 h × $0.000044 per instance-second (2 × $0.000018 + 4 × $0.000002),
    // scaled to 730 h: 14 × 3,600 × 0.000044 × 365 = $809.424 per month.
    expect(report.change.monthlyCost).toBeCloseTo(
      14 * 3600 * 0.000044 * 365,
      6,
    );
    expect(report.currency).toBe('USD');
    expect(report.measured.instanceHours).toBeCloseTo(16, 10);
    expect(report.measured).toMatchObject({
      requests: 60 * 3 + 60 * 12,
      refused: 120,
      peakInstances: 10,
      minutesSaturated: 60,
    });
  });

  it('names the worst episode of a proposal that still refuses, and charts it hourly', () => {
    const report = whatIfReport(
      workerWeek(12),
      { minInstances: 0, maxInstances: 12, concurrency: 1 },
      LIST,
    );
    expect(report.proposed.worstEpisode).toMatchObject({
      startMs: 11 * HOUR,
      minutes: 60,
    });
    expect(report.proposed.worstEpisode!.refusedShare).toBeCloseTo(2 / 14, 10);
    expect(report.chart).toHaveLength(2);
    expect(report.chart[1]).toMatchObject({
      time: new Date(11 * HOUR).toISOString(),
      observedCapacity: 10,
      proposedCapacity: 12,
      observedRefused: 120,
    });
    expect(report.chart[1]!.demand).toBeCloseTo(14, 10);
    expect(report.chart[1]!.proposedRefused).toBeCloseTo(60 * 12 * (2 / 14), 8);
  });
});

describe('what-if of a queue target (refusals retried)', () => {
  it('takes the served requests as the demand: the 429s were attempts at work that came back', () => {
    const week = { ...workerWeek(12), refusalsRetried: true };
    const report = whatIfReport(
      week,
      { minInstances: 0, maxInstances: 30, concurrency: 1 },
      LIST,
    );
    expect(report.demand).toBe('served');
    // The peak served 12 − 2 = 10 jobs a minute: 10 ÷ 60 × 70 s ≈ 11.7 in flight → 20 instances.
    expect(report.proposed.totals.instanceHours).toBeCloseTo(6 + 20, 10);
    expect(report.proposed.totals.refused).toBe(0);
    // The measured 429s stay in view beside the replay.
    expect(report.measured.refused).toBe(120);
  });
});
