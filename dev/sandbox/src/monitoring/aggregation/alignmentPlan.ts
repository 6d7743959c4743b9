/**
 * Which minutes of the traffic model feed which output point. Periods are aligned to the end of the
 * interval and go back in steps of the alignment period, newest first, never past sandbox now.
 *
 * Sampling: for periods of an hour or more not every minute is computed. A fixed subset — the minute in
 * the middle of every step (10 min for 1 h periods, 60 min from 6 h on), counted from the epoch so
 * every query samples the same minutes — stands for the whole period, each sampled minute weighted by
 * minutes ÷ samples, so sums, rates and counts keep their totals; means are weighted the same way;
 * MIN/MAX see only the sampled minutes. This keeps a week of a 1,000-service fleet at 1 h alignment to
 * about a million model evaluations (~1 s), and a single 7-day period to 168 per service.
 *
 * A request that would still evaluate more minutes than the sandbox's budget (a day of 5-minute periods
 * of 10,000 services is 14.4 M) samples shorter periods too, with the smallest step that fits
 * ({@link budgetStepMinutes}); at most one minute per period. Fleets up to 1,000 services stay exact.
 */

const MINUTE_MS = 60_000;

/** One output point's share of time and the model minutes that fill it. */
export interface AlignmentPeriod {
  /** Interval of the output point, epoch ms. */
  startMs: number;
  endMs: number;
  /** Start of each model minute to compute, epoch ms. */
  minuteStarts: number[];
  /** How many raw one-minute points each computed minute stands for (1 when not sampled). */
  weight: number;
}

export interface AlignmentPlan {
  /** Length of a period in seconds (60 for raw points). */
  periodSeconds: number;
  /** Periods newest first. */
  periods: AlignmentPeriod[];
}

/** Minutes between sampled minutes for a period of `periodSeconds`: 1 below an hour, then the longest step (≤ 60) leaving ≥ 6 samples. */
export function samplingStepMinutes(periodSeconds: number): number {
  const periodMinutes = periodSeconds / 60;
  if (periodMinutes < 60) return 1;
  const steps = [60, 30, 15, 10, 5];
  return steps.find(step => periodMinutes / step >= 6) ?? 1;
}

/**
 * Raw points (no aligner): one period per minute whose end lies in (start, end], newest first; when
 * start equals end, the last minute ending at or before it (the latest value, as gauges are read).
 */
export function planRaw(
  startMs: number,
  endMs: number,
  nowMs: number,
): AlignmentPlan {
  const lastEnd = Math.floor(Math.min(endMs, nowMs) / MINUTE_MS) * MINUTE_MS;
  const periods: AlignmentPeriod[] = [];
  for (
    let end = lastEnd;
    end > startMs || (startMs === endMs && end === lastEnd);
    end -= MINUTE_MS
  ) {
    periods.push({
      startMs: end - MINUTE_MS,
      endMs: end,
      minuteStarts: [end - MINUTE_MS],
      weight: 1,
    });
    if (startMs === endMs) break;
  }
  return { periodSeconds: 60, periods };
}

/**
 * Aligned periods of `periodSeconds` ending at min(end, now), back to the first one that reaches
 * `startMs` (at least one). A period (e − P, e] holds the minutes whose end lies in it.
 */
export function planAligned(
  startMs: number,
  endMs: number,
  nowMs: number,
  periodSeconds: number,
  minStepMinutes = 1,
): AlignmentPlan {
  const periodMs = periodSeconds * 1000;
  const lastEnd = Math.min(endMs, nowMs);
  if (lastEnd < startMs) return { periodSeconds, periods: [] };
  const count = Math.max(1, Math.ceil((lastEnd - startMs) / periodMs));
  const step = Math.min(
    Math.max(samplingStepMinutes(periodSeconds), minStepMinutes),
    Math.max(1, Math.floor(periodSeconds / 60)),
  );
  const periods: AlignmentPeriod[] = [];
  for (let k = 0; k < count; k++) {
    const end = lastEnd - k * periodMs;
    const start = end - periodMs;
    // Minute indexes whose minute ends inside (start, end]: minute i ends at (i + 1) × 60 s.
    const first = Math.floor(start / MINUTE_MS);
    const last = Math.floor(end / MINUTE_MS) - 1;
    if (last < first) continue;
    const minuteStarts: number[] = [];
    // The middle minute of each step (hh:30 for hourly steps) is not biased towards step boundaries.
    const offset = Math.floor(step / 2);
    for (
      let i = Math.ceil((first - offset) / step) * step + offset;
      i <= last;
      i += step
    )
      minuteStarts.push(i * MINUTE_MS);
    if (minuteStarts.length === 0)
      minuteStarts.push(Math.floor((first + last) / 2) * MINUTE_MS);
    periods.push({
      startMs: start,
      endMs: end,
      minuteStarts,
      weight: (last - first + 1) / minuteStarts.length,
    });
  }
  return { periodSeconds, periods };
}

/** Model minutes one request may evaluate before its periods are sampled more sparsely (sandbox budget). */
export const MINUTE_BUDGET = 2_000_000;

const BUDGET_STEPS = [1, 2, 3, 5, 10, 15, 20, 30, 60];

/**
 * The sampling step (minutes) for a request whose plan at its usual step `baseStep` evaluates
 * `minutesPerSource` minutes of each of `sources` resources: the usual step when that fits in
 * {@link MINUTE_BUDGET}, else the smallest step that does (a request never samples less than one minute per period).
 */
export function budgetStepMinutes(
  baseStep: number,
  minutesPerSource: number,
  sources: number,
): number {
  const factor = Math.ceil((minutesPerSource * sources) / MINUTE_BUDGET);
  if (factor <= 1) return baseStep;
  return (
    BUDGET_STEPS.find(step => step >= baseStep * factor) ??
    BUDGET_STEPS[BUDGET_STEPS.length - 1]!
  );
}

/** Model minutes a plan evaluates per resource (its rows in minuteColumns.ts). */
export function minutesPerSource(plan: AlignmentPlan): number {
  let minutes = 0;
  for (const period of plan.periods) minutes += period.minuteStarts.length;
  return minutes;
}

/**
 * The plan of an aligned request over `sources` resources: {@link planAligned} at the usual sampling,
 * or sampled more sparsely when that would evaluate more than {@link MINUTE_BUDGET} minutes
 * ({@link budgetStepMinutes}). A request's answer and the sandbox's warm-up (warmWeekColumns.ts)
 * both plan with it, so that the warmed minutes are the ones a request over that many resources asks for.
 */
export function planAlignedWithinBudget(
  startMs: number,
  endMs: number,
  nowMs: number,
  periodSeconds: number,
  sources: number,
): AlignmentPlan {
  const plan = planAligned(startMs, endMs, nowMs, periodSeconds);
  const usual = samplingStepMinutes(periodSeconds);
  const step = budgetStepMinutes(usual, minutesPerSource(plan), sources);
  return step > usual
    ? planAligned(startMs, endMs, nowMs, periodSeconds, step)
    : plan;
}
