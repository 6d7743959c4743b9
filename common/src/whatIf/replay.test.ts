import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScalingSettings } from '../types/cloudRun';
import type { ObservedMinute } from './observedTraffic';
import { replayTraffic } from './replay';

const minute = (i: number, requests: number): ObservedMinute => ({
  startMs: i * 60_000,
  requests,
  refused: 0,
  meanLatencyMs: null,
  instances: null,
});

describe('replay (docs/what-if.md, hand-checked)', () => {
  // gryd-worker: concurrency 1, ~70 s per job. 12 jobs a minute need 12 ÷ 60 × 70 = 14 in flight.
  it('max 10 × concurrency 1 refuses 1 − 10 ÷ 14 of 12 jobs; max 30 refuses none', () => {
    const minutes = [minute(0, 12)];
    const at10 = replayTraffic(
      minutes,
      [70],
      { minInstances: 0, maxInstances: 10, concurrency: 1 },
      false,
    );
    expect(at10.minutes[0]!.inFlight).toBeCloseTo(14, 10);
    // The autoscaler wants ceil(14 ÷ (1 × 0.6)) = 24 instances and gets 10.
    expect(at10.minutes[0]!.instances).toBe(10);
    expect(at10.minutes[0]!.atMax).toBe(true);
    expect(at10.totals.refused).toBeCloseTo(12 * (1 - 10 / 14), 10);
    const at30 = replayTraffic(
      minutes,
      [70],
      { minInstances: 0, maxInstances: 30, concurrency: 1 },
      false,
    );
    expect(at30.minutes[0]!.instances).toBe(24);
    expect(at30.totals.refused).toBe(0);
    expect(at30.totals.minutesAtMax).toBe(0);
    // Instance-based billing: every instance, the whole minute.
    expect(at30.totals.busyInstanceSeconds).toBe(24 * 60);
  });

  it('counts cold starts as rises in instances, none in the first minute, and keeps min warm', () => {
    const settings = { minInstances: 1, maxInstances: 100, concurrency: 80 };
    // 0.2 s per request: 4,800 a minute = 16 in flight → ceil(16 ÷ 48) = 1; 48,000 → 160 → 4 instances.
    const replay = replayTraffic(
      [minute(0, 0), minute(1, 48_000), minute(2, 4_800), minute(3, 48_000)],
      [0.2, 0.2, 0.2, 0.2],
      settings,
      true,
    );
    expect(replay.minutes.map(m => m.instances)).toEqual([1, 4, 1, 4]);
    expect(replay.minutes.map(m => m.coldStarts)).toEqual([0, 3, 0, 3]);
    expect(replay.totals.coldStarts).toBe(6);
    expect(replay.totals.instanceHours).toBeCloseTo(10 / 60, 10);
    // The idle minute bills the warm min instance at the idle rate, nothing busy.
    expect(replay.minutes[0]!.idleInstanceSeconds).toBe(60);
    expect(replay.minutes[0]!.busyInstanceSeconds).toBe(0);
    // 16 in flight on 1 active instance: busy all but e^-16 of the minute.
    expect(replay.minutes[2]!.busyInstanceSeconds).toBeCloseTo(
      60 * (1 - Math.exp(-16)),
      10,
    );
  });
});

const settingsArb = fc
  .record({
    minInstances: fc.integer({ min: 0, max: 20 }),
    maxInstances: fc.integer({ min: 1, max: 120 }),
    concurrency: fc.integer({ min: 1, max: 1000 }),
  })
  .filter(s => s.minInstances <= s.maxInstances);

const weekArb = fc
  .array(
    fc.record({
      requests: fc.integer({ min: 0, max: 200_000 }),
      seconds: fc.double({ min: 0.001, max: 600, noNaN: true }),
    }),
    { minLength: 1, maxLength: 60 },
  )
  .map(rows => ({
    minutes: rows.map((r, i) => minute(i, r.requests)),
    seconds: rows.map(r => r.seconds),
  }));

const run = (
  week: { minutes: ObservedMinute[]; seconds: number[] },
  s: ScalingSettings,
  cpuIdle = true,
) => replayTraffic(week.minutes, week.seconds, s, cpuIdle).totals;

describe('replay properties (fast-check)', () => {
  it('raising max never increases refused requests and never lowers instance-hours', () => {
    fc.assert(
      fc.property(
        weekArb,
        settingsArb,
        fc.integer({ min: 0, max: 500 }),
        (week, s, extra) => {
          const before = run(week, s);
          const after = run(week, {
            ...s,
            maxInstances: s.maxInstances + extra,
          });
          expect(after.refused).toBeLessThanOrEqual(before.refused);
          expect(after.minutesAtMax).toBeLessThanOrEqual(before.minutesAtMax);
          expect(after.instanceHours).toBeGreaterThanOrEqual(
            before.instanceHours,
          );
        },
      ),
    );
  });

  it('raising min never adds cold starts, never lowers instance-hours, never changes refusals', () => {
    fc.assert(
      fc.property(
        weekArb,
        settingsArb,
        fc.integer({ min: 0, max: 50 }),
        (week, s, extra) => {
          const raised = {
            ...s,
            minInstances: Math.min(s.maxInstances, s.minInstances + extra),
          };
          const before = run(week, s);
          const after = run(week, raised);
          expect(after.coldStarts).toBeLessThanOrEqual(before.coldStarts);
          expect(after.instanceHours).toBeGreaterThanOrEqual(
            before.instanceHours,
          );
          expect(after.refused).toBe(before.refused);
        },
      ),
    );
  });

  it('raising concurrency never increases refused requests or instances', () => {
    fc.assert(
      fc.property(
        weekArb,
        settingsArb,
        fc.integer({ min: 0, max: 1000 }),
        (week, s, extra) => {
          const before = run(week, s);
          const after = run(week, { ...s, concurrency: s.concurrency + extra });
          expect(after.refused).toBeLessThanOrEqual(before.refused);
          expect(after.instanceHours).toBeLessThanOrEqual(before.instanceHours);
        },
      ),
    );
  });

  it('keeps instances within [min, max], refuses at most what arrives, none when max × concurrency holds the peak', () => {
    fc.assert(
      fc.property(weekArb, settingsArb, fc.boolean(), (week, s, cpuIdle) => {
        const replay = replayTraffic(week.minutes, week.seconds, s, cpuIdle);
        for (const m of replay.minutes) {
          expect(m.instances).toBeGreaterThanOrEqual(s.minInstances);
          expect(m.instances).toBeLessThanOrEqual(s.maxInstances);
          expect(m.refused).toBeGreaterThanOrEqual(0);
          expect(m.refused).toBeLessThanOrEqual(m.requests);
          expect(m.busyInstanceSeconds).toBeLessThanOrEqual(
            m.instances * 60 + 1e-9,
          );
        }
        const peak = Math.max(...replay.minutes.map(m => m.inFlight));
        if (s.maxInstances * s.concurrency >= peak)
          expect(replay.totals.refused).toBe(0);
      }),
    );
  });
});
