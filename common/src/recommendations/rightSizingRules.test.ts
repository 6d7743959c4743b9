import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CLOUD_RUN_LIST_PRICES_USD as prices } from '../cost/prices';
import { recommendScaling } from './rightSizingRules';
import {
  recommendationTotals,
  sortRecommendations,
} from './recommendationList';
import type { ObservedHour, ServiceWeek } from './serviceWeek';

const HOUR = 3_600_000;

function week(
  over: Partial<ServiceWeek>,
  hour: (i: number) => Partial<ObservedHour> = () => ({}),
): ServiceWeek {
  return {
    projectId: 'p',
    region: 'us-central1',
    service: 's',
    settings: { minInstances: 0, maxInstances: 10, concurrency: 80 },
    cpu: 1,
    memoryGiB: 0.5,
    cpuIdle: true,
    refusalsRetried: false,
    redis: null,
    hours: Array.from({ length: 168 }, (_, i) => ({
      startMs: i * HOUR,
      requests: 36_000,
      refused: 0,
      peakMinuteRequests: 900,
      meanLatencyMs: 100,
      peakInstances: 1,
      cpuPeak: 0.5,
      memoryPeak: 0.4,
      ...hour(i),
    })),
    ...over,
  };
}

describe('recommendScaling', () => {
  it('leaves a service whose settings fit its week alone', () => {
    const w = week({
      settings: { minInstances: 0, maxInstances: 3, concurrency: 80 },
    });
    expect(recommendScaling(w, prices)).toBeNull();
  });

  it('idle min: a min the quiet hours do not need goes to 0 and saves its idle time', () => {
    // Nights without traffic: min 2 keeps two idle instances 12 hours a day.
    const w = week(
      { settings: { minInstances: 2, maxInstances: 10, concurrency: 80 } },
      i =>
        i % 24 < 12
          ? { requests: 0, peakMinuteRequests: 0, meanLatencyMs: null }
          : {},
    );
    const r = recommendScaling(w, prices)!;
    expect(r.suggested.minInstances).toBe(0);
    expect(r.reasons.map(x => x.rule)).toContain('idle-min');
    // 84 idle hours × 2 instances at the idle rate (1 vCPU + 0.5 GiB) and one instance's idle-rate
    // share of the 84 busy hours, per week → per month.
    const idlePerSecond = 0.0000025 + 0.5 * 0.0000025;
    const weekly =
      84 * 3600 * 2 * idlePerSecond + 84 * 3600 * 1 * idlePerSecond;
    expect(r.monthlySaving).toBeCloseTo((weekly * 730) / 168, 6);
  });

  it('idle min: a min the traffic always exceeds is flagged with no saving', () => {
    const w = week({
      settings: { minInstances: 1, maxInstances: 10, concurrency: 80 },
    });
    const r = recommendScaling(w, prices)!;
    expect(r.reasons[0]!.rule).toBe('idle-min');
    expect(r.suggested.minInstances).toBe(0);
    expect(r.monthlySaving).toBeCloseTo(0, 9);
  });

  it('at max: raises max over the busiest minute and says what it costs', () => {
    // 6,000 requests a minute at 1 s = 100 in flight; concurrency 10 wants 17 instances; max 5.
    const w = week(
      { settings: { minInstances: 0, maxInstances: 5, concurrency: 10 } },
      () => ({
        peakMinuteRequests: 6_000,
        requests: 300_000,
        meanLatencyMs: 1000,
        refused: 100,
        peakInstances: 5,
      }),
    );
    const r = recommendScaling(w, prices)!;
    expect(r.reasons.map(x => x.rule)).toEqual(['at-max']);
    expect(r.suggested.maxInstances).toBe(Math.ceil(17 * 1.25));
    expect(r.monthlySaving).toBeLessThan(0);
    expect(r.risk.suggested.hoursAtMax).toBe(0);
    expect(r.risk.current.refusedAtPeaks).toBeGreaterThan(0);
  });

  it('max far above the peak comes down to twice the peak', () => {
    const w = week({
      settings: { minInstances: 0, maxInstances: 100, concurrency: 80 },
    });
    const r = recommendScaling(w, prices)!;
    expect(r.suggested.maxInstances).toBe(2);
    expect(r.reasons.map(x => x.rule)).toEqual(['max-above-peak']);
    expect(r.monthlySaving).toBeCloseTo(0, 9);
    expect(r.worstCaseHourlyChange).toBeLessThan(0);
  });

  it("Redis-unsafe max: caps max within the instance's connection limit", () => {
    const w = week(
      {
        settings: { minInstances: 0, maxInstances: 1000, concurrency: 80 },
        redis: {
          instance: 'chat-redis',
          connectionsPerInstance: 80,
          otherConnections: 2000,
          limit: 65_000,
        },
      },
      () => ({
        peakMinuteRequests: 2_400_000,
        requests: 100_000_000,
        meanLatencyMs: 500,
      }),
    );
    const r = recommendScaling(w, prices)!;
    expect(r.reasons.map(x => x.rule)).toContain('redis-unsafe-max');
    expect(r.suggested.maxInstances).toBe(787);
    expect(
      r.reasons.find(x => x.rule === 'redis-unsafe-max')!.message,
    ).toContain('82,000 of 65,000');
  });

  it('idle CPU: raises concurrency when CPU idles at the concurrency target', () => {
    const w = week(
      {
        settings: { minInstances: 0, maxInstances: 50, concurrency: 10 },
        cpuIdle: false,
      },
      () => ({
        peakMinuteRequests: 6_000,
        requests: 300_000,
        meanLatencyMs: 1000,
        cpuPeak: 0.15,
        memoryPeak: 0.2,
        peakInstances: 17,
      }),
    );
    const r = recommendScaling(w, prices)!;
    expect(r.reasons[0]!.rule).toBe('idle-cpu');
    expect(r.suggested.concurrency).toBe(40);
    expect(r.monthlySaving).toBeGreaterThan(0);
  });
});

const hourArb = fc.record({
  requests: fc.integer({ min: 0, max: 2_000_000 }),
  refusedShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
  peakFactor: fc.double({ min: 1, max: 3, noNaN: true }),
  meanLatencyMs: fc.option(fc.double({ min: 1, max: 120_000, noNaN: true }), {
    nil: null,
  }),
  peakInstances: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
  cpuPeak: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  memoryPeak: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), {
    nil: null,
  }),
});
const weekArb = fc
  .record({
    min: fc.integer({ min: 0, max: 20 }),
    max: fc.integer({ min: 1, max: 1000 }),
    concurrency: fc.integer({ min: 1, max: 1000 }),
    cpuIdle: fc.boolean(),
    refusalsRetried: fc.boolean(),
    hours: fc.array(hourArb, { minLength: 1, maxLength: 48 }),
    redis: fc.option(
      fc.record({
        connectionsPerInstance: fc.integer({ min: 1, max: 200 }),
        otherConnections: fc.integer({ min: 0, max: 70_000 }),
      }),
      { nil: null },
    ),
  })
  .map(
    ({
      min,
      max,
      concurrency,
      cpuIdle,
      refusalsRetried,
      hours,
      redis,
    }): ServiceWeek => ({
      projectId: 'p',
      region: 'r',
      service: 's',
      settings: {
        minInstances: Math.min(min, max),
        maxInstances: max,
        concurrency,
      },
      cpu: 1,
      memoryGiB: 1,
      cpuIdle,
      refusalsRetried,
      redis: redis && { instance: 'redis', limit: 65_000, ...redis },
      hours: hours.map((h, i) => {
        const refused = Math.floor(h.requests * h.refusedShare);
        return {
          startMs: i * HOUR,
          requests: h.requests,
          refused,
          peakMinuteRequests: (h.requests / 60) * h.peakFactor,
          meanLatencyMs: h.meanLatencyMs,
          peakInstances: h.peakInstances,
          cpuPeak: h.cpuPeak,
          memoryPeak: h.memoryPeak,
        };
      }),
    }),
  );

describe('recommendScaling properties', () => {
  it('suggests valid Cloud Run settings, and its saving is the replayed costs’ difference', () => {
    fc.assert(
      fc.property(weekArb, w => {
        const r = recommendScaling(w, prices);
        if (!r) return;
        const s = r.suggested;
        expect(s.minInstances).toBeGreaterThanOrEqual(0);
        expect(s.minInstances).toBeLessThanOrEqual(s.maxInstances);
        expect(s.maxInstances).toBeGreaterThanOrEqual(1);
        expect(s.concurrency).toBeGreaterThanOrEqual(1);
        expect(s.concurrency).toBeLessThanOrEqual(1000);
        expect(r.reasons.length).toBeGreaterThan(0);
        expect(r.monthlySaving).toBeCloseTo(
          r.risk.current.monthlyCost - r.risk.suggested.monthlyCost,
          9,
        );
        expect(Number.isFinite(r.monthlySaving)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a Redis-unsafe max always comes back within the limit (when one instance fits)', () => {
    fc.assert(
      fc.property(weekArb, w => {
        const r = recommendScaling(w, prices);
        const redis = w.redis;
        if (
          !r ||
          !redis ||
          redis.otherConnections + redis.connectionsPerInstance > redis.limit
        )
          return;
        expect(
          redis.otherConnections +
            r.suggested.maxInstances * redis.connectionsPerInstance,
        ).toBeLessThanOrEqual(redis.limit);
      }),
      { numRuns: 300 },
    );
  });

  it('lowering only min or max never costs more in the replay', () => {
    fc.assert(
      fc.property(weekArb, w => {
        const r = recommendScaling(w, prices);
        if (!r) return;
        const s = r.suggested;
        if (
          s.concurrency === w.settings.concurrency &&
          s.maxInstances <= w.settings.maxInstances &&
          s.minInstances <= w.settings.minInstances
        )
          expect(r.monthlySaving).toBeGreaterThanOrEqual(-1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it('totals add the positive savings and the costs apart; sorting puts the largest saving first', () => {
    fc.assert(
      fc.property(fc.array(weekArb, { maxLength: 6 }), weeks => {
        const list = weeks
          .map((w, i) => recommendScaling({ ...w, service: `s${i}` }, prices))
          .filter(r => r !== null);
        const totals = recommendationTotals(list);
        const sorted = sortRecommendations(list);
        expect(totals.monthlySaving).toBeCloseTo(
          list.reduce((s, r) => s + Math.max(0, r.monthlySaving), 0),
          9,
        );
        for (let i = 1; i < sorted.length; i++)
          expect(sorted[i - 1]!.monthlySaving).toBeGreaterThanOrEqual(
            sorted[i]!.monthlySaving,
          );
      }),
      { numRuns: 100 },
    );
  });
});
