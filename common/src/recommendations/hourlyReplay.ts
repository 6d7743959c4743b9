/**
 * The week of a service replayed at hourly grain under given scaling settings (docs/recommendations.md,
 * "The saving model"), with the what-if's own functions (common/src/whatIf): the hour's mean minute
 * prices the week, the hour's busiest minute judges capacity.
 */
import type { CloudRunPrices } from '../cost/prices';
import type { ScalingSettings } from '../types/cloudRun';
import type { ObservedMinute } from '../whatIf/observedTraffic';
import { replayTraffic } from '../whatIf/replay';
import { replayCost } from '../whatIf/replayCost';
import { estimateServiceTime } from '../whatIf/serviceTime';
import type { ObservedHour, ServiceWeek } from './serviceWeek';

/** What a week looks like under some settings (the risk and cost figures of a recommendation). */
export interface HourlyReplayFigures {
  /** Cost of the week's traffic under the settings, per 730-hour month, in the prices' currency. */
  monthlyCost: number;
  /** Σ hours × instances the hour's mean minute keeps. */
  instanceHours: number;
  /** Hours whose busiest minute wanted max instances or more. */
  hoursAtMax: number;
  /** Requests refused (429) in the hours' busiest minutes, summed: a lower bound of the week's 429s. */
  refusedAtPeaks: number;
  /** Largest share of a busiest minute's requests refused, 0..1. */
  worstPeakRefusedShare: number;
  /** Most instances a busiest minute keeps. */
  peakInstances: number;
  /** Instances started from one hour's mean to the next, summed (an hourly view of cold starts). */
  hourlyScaleUps: number;
}

/** One replay input per hour: the requests `pick` takes, the hour's latency and peak instances. */
function minutesOf(
  week: ServiceWeek,
  pick: (h: ObservedHour) => { requests: number; refused: number },
): ObservedMinute[] {
  return week.hours.map(h => ({
    startMs: h.startMs,
    ...pick(h),
    meanLatencyMs: h.meanLatencyMs,
    instances: h.peakInstances,
  }));
}

/** The hour's mean minute; for a queue target the served requests (its 429s come back as retries). */
export function meanMinutes(week: ServiceWeek): ObservedMinute[] {
  return minutesOf(week, h => {
    const requests = week.refusalsRetried
      ? Math.max(0, h.requests - h.refused)
      : h.requests;
    return {
      requests: requests / 60,
      refused: week.refusalsRetried ? 0 : h.refused / 60,
    };
  });
}

/** The hour's busiest minute, served share only for a queue target. */
export function peakMinutes(week: ServiceWeek): ObservedMinute[] {
  return minutesOf(week, h => {
    const servedShare =
      week.refusalsRetried && h.requests > 0
        ? Math.max(0, 1 - h.refused / h.requests)
        : 1;
    return { requests: h.peakMinuteRequests * servedShare, refused: 0 };
  });
}

/**
 * Seconds a request holds an instance, per hour: the what-if's service time (the hour's mean latency,
 * the week's baseline for saturated hours), judged against the settings in force.
 */
export function hourlyServiceSeconds(week: ServiceWeek): number[] {
  return estimateServiceTime({
    minutes: meanMinutes(week),
    settings: week.settings,
  }).secondsPerMinute;
}

/** Replays the week under `settings` on `prices`. */
export function replayWeekHourly(
  week: ServiceWeek,
  settings: ScalingSettings,
  prices: CloudRunPrices,
  serviceSeconds: readonly number[] = hourlyServiceSeconds(week),
): HourlyReplayFigures {
  // One replayed "minute" per hour: its totals are per-minute averages, which replayCost scales to
  // a month the same way (window ÷ minutes), so the monthly cost is the week's.
  const mean = replayTraffic(
    meanMinutes(week),
    serviceSeconds,
    settings,
    week.cpuIdle,
  );
  const peak = replayTraffic(
    peakMinutes(week),
    serviceSeconds,
    settings,
    week.cpuIdle,
  );
  let worst = 0;
  for (const m of peak.minutes)
    if (m.requests > 0) worst = Math.max(worst, m.refused / m.requests);
  return {
    monthlyCost: replayCost(mean.totals, week, prices).monthly,
    instanceHours: mean.totals.instanceHours * 60,
    hoursAtMax: peak.totals.minutesAtMax,
    refusedAtPeaks: peak.totals.refused,
    worstPeakRefusedShare: worst,
    peakInstances: peak.totals.peakInstances,
    hourlyScaleUps: mean.totals.coldStarts,
  };
}
