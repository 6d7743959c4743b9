import { describe, expect, it } from 'vitest';
import {
  budgetStepMinutes,
  MINUTE_BUDGET,
  minutesPerSource,
  planAligned,
  planAlignedWithinBudget,
  planRaw,
  samplingStepMinutes,
} from './alignmentPlan';

const T = Date.UTC(2024, 0, 8, 12); // 12:00 UTC
const MIN = 60_000;

describe('planAligned', () => {
  it('aligns periods to the end of the interval, newest first, with the minutes ending inside each', () => {
    const plan = planAligned(T - 10 * MIN, T, T, 300);
    expect(plan.periods.map(p => [p.startMs, p.endMs])).toEqual([
      [T - 5 * MIN, T],
      [T - 10 * MIN, T - 5 * MIN],
    ]);
    expect(plan.periods[0]!.minuteStarts).toEqual(
      [1, 2, 3, 4, 5].map(i => T - i * MIN).reverse(),
    );
    expect(plan.periods[0]!.weight).toBe(1);
  });

  it('never goes past now and keeps a partial oldest period', () => {
    const plan = planAligned(T - 7 * MIN, T + 60 * MIN, T, 300);
    expect(plan.periods.map(p => p.endMs)).toEqual([T, T - 5 * MIN]);
    expect(planAligned(T + MIN, T + 2 * MIN, T, 60).periods).toEqual([]);
  });

  it('keeps the boundaries of an end that is not on a minute', () => {
    const end = T + 30_000;
    const plan = planAligned(end - 2 * MIN, end, end, 60);
    expect(plan.periods.map(p => p.endMs)).toEqual([end, end - MIN]);
    expect(plan.periods.map(p => p.minuteStarts)).toEqual([
      [T - MIN],
      [T - 2 * MIN],
    ]);
  });

  it('samples long periods and weights each sample by the minutes it stands for', () => {
    expect(samplingStepMinutes(300)).toBe(1);
    expect(samplingStepMinutes(3600)).toBe(10);
    expect(samplingStepMinutes(3 * 3600)).toBe(30);
    expect(samplingStepMinutes(86_400)).toBe(60);
    const plan = planAligned(T - 3 * 3_600_000, T, T, 3600);
    expect(plan.periods).toHaveLength(3);
    for (const period of plan.periods) {
      expect(period.minuteStarts).toHaveLength(6);
      expect(period.weight).toBe(10);
    }
    // Minutes :05, :15, … :55 of each hour: the middle of each 10-minute step.
    expect(
      plan.periods[0]!.minuteStarts.map(m => new Date(m).getUTCMinutes()),
    ).toEqual([5, 15, 25, 35, 45, 55]);
  });
});

describe('budgetStepMinutes', () => {
  it('keeps the usual step within the budget and samples just enough beyond it, one minute per period at most', () => {
    expect(budgetStepMinutes(1, 1440, 1000)).toBe(1); // a day of 1,000 services: exact
    expect(budgetStepMinutes(1, 1440, 10_000)).toBe(10); // 14.4 M minutes → ×8 → the next step, 10
    expect(budgetStepMinutes(10, 1008, 10_000)).toBe(60); // a week at 1 h of 10,000 services
    expect((1440 / 10) * 10_000).toBeLessThanOrEqual(MINUTE_BUDGET);
    const plan = planAligned(T - 24 * 3_600_000, T, T, 300, 10);
    expect(plan.periods).toHaveLength(288);
    expect(
      plan.periods.every(p => p.minuteStarts.length === 1 && p.weight === 5),
    ).toBe(true);
  });
});

describe('planAlignedWithinBudget', () => {
  const HOUR = 3_600_000;
  const week = (sources: number) =>
    planAlignedWithinBudget(T - 168 * HOUR, T, T, 3600, sources);

  it('is the usual plan while the sources fit the budget', () => {
    expect(week(1000)).toEqual(planAligned(T - 168 * HOUR, T, T, 3600));
    expect(minutesPerSource(week(1000))).toBe(1008); // a minute in 10
  });

  it("samples a larger fleet's week more sparsely, within the budget", () => {
    // 2,000 services at a minute in 10 would be 2.016 M minutes: a minute in 20.
    expect(minutesPerSource(week(2000))).toBe(504);
    // 10,000 services: one minute an hour, at hh:30, standing for the hour.
    const plan = week(10_000);
    expect(minutesPerSource(plan)).toBe(168);
    expect(
      plan.periods.every(
        p =>
          p.minuteStarts.length === 1 &&
          p.minuteStarts[0] === p.startMs + 30 * MIN &&
          p.weight === 60,
      ),
    ).toBe(true);
    expect(minutesPerSource(plan) * 10_000).toBeLessThanOrEqual(MINUTE_BUDGET);
  });
});

describe('planRaw', () => {
  it('has one period per minute ending in (start, end], and the latest minute when start = end', () => {
    expect(planRaw(T - 3 * MIN, T, T).periods.map(p => p.endMs)).toEqual([
      T,
      T - MIN,
      T - 2 * MIN,
    ]);
    expect(
      planRaw(T + 20_000, T + 20_000, T + 50_000).periods.map(p => p.endMs),
    ).toEqual([T]);
    expect(
      planRaw(T - 3 * MIN, T + 10 * MIN, T - 90_000).periods.map(p => p.endMs),
    ).toEqual([T - 2 * MIN]);
  });
});
