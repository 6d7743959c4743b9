/**
 * The what-if of a scaling change (docs/what-if.md): the measured week replayed under the current
 * and the proposed settings, side by side, with the change in refused requests, time at max, cold
 * starts, instance-hours and monthly cost. Both sides go through the same model, so its biases
 * largely cancel in the change; the measured figures are kept beside them for reference.
 */
import type { CloudRunPrices } from '../cost/prices';
import type { ScalingSettings } from '../types/cloudRun';
import { isSaturated, estimateServiceTime } from './serviceTime';
import type { ObservedMinute, ObservedTraffic } from './observedTraffic';
import { replayTraffic, type ReplayTotals } from './replay';
import { replayCost, type ReplayCost } from './replayCost';
import { refusalEpisodes, type RefusalEpisode } from './refusalEpisodes';
import { whatIfChart, type WhatIfChartPoint } from './whatIfChart';

/** One side of the comparison: settings replayed over the week. */
export interface WhatIfSide {
  settings: ScalingSettings;
  totals: ReplayTotals;
  cost: ReplayCost;
  /** The episode with the most refused requests, if any. */
  worstEpisode: RefusalEpisode | null;
}

/** What Monitoring measured over the window, for reference beside the model. */
export interface MeasuredWeek {
  requests: number;
  /** Requests answered 429. */
  refused: number;
  /** Σ measured instances × 1 min, in hours. */
  instanceHours: number;
  peakInstances: number;
  /** Minutes with instances at max or 429s. */
  minutesSaturated: number;
}

/** The what-if of a scaling change over the measured window. */
export interface WhatIfReport {
  /** Replayed window, epoch ms, and its length in minutes. */
  window: { startMs: number; endMs: number; minutes: number };
  measured: MeasuredWeek;
  current: WhatIfSide;
  proposed: WhatIfSide;
  /** proposed − current. */
  change: {
    refused: number;
    minutesAtMax: number;
    coldStarts: number;
    instanceHours: number;
    /** In `currency` per 730-hour month. */
    monthlyCost: number;
  };
  /** ISO 4217 code of every amount. */
  currency: string;
  /** The unit prices every cost was computed with (Catalog or list prices). */
  prices: CloudRunPrices;
  /** Episodes of refused requests under the proposal, most refused first (at most 5). */
  proposedEpisodes: RefusalEpisode[];
  /** Whether refused requests were taken as retries and the served ones as the demand. */
  demand: 'arrivals' | 'served';
  /** How the service time was estimated (serviceTime.ts). */
  serviceTime: { baselineMs: number | null; substitutedMinutes: number };
  /** Hourly chart of demand against measured and proposed capacity. */
  chart: WhatIfChartPoint[];
}

/** The minutes with the refused (retried) attempts taken out of the demand. */
function servedAsDemand(minutes: readonly ObservedMinute[]): ObservedMinute[] {
  return minutes.map(m => ({
    ...m,
    requests: Math.max(0, m.requests - m.refused),
    refused: 0,
  }));
}

/** Replays `traffic` under its current settings and under `proposed`, priced on `prices`. */
export function whatIfReport(
  traffic: ObservedTraffic,
  proposed: ScalingSettings,
  prices: CloudRunPrices,
): WhatIfReport {
  const { minutes, settings, cpuIdle } = traffic;
  const time = estimateServiceTime(traffic);
  const demand = traffic.refusalsRetried ? servedAsDemand(minutes) : minutes;
  const side = (s: ScalingSettings): WhatIfSide => {
    const replay = replayTraffic(demand, time.secondsPerMinute, s, cpuIdle);
    return {
      settings: s,
      totals: replay.totals,
      cost: replayCost(replay.totals, traffic, prices),
      worstEpisode: refusalEpisodes(replay.minutes)[0] ?? null,
    };
  };
  const current = side(settings);
  const proposedReplay = replayTraffic(
    demand,
    time.secondsPerMinute,
    proposed,
    cpuIdle,
  );
  const episodes = refusalEpisodes(proposedReplay.minutes);
  const proposedSide: WhatIfSide = {
    settings: proposed,
    totals: proposedReplay.totals,
    cost: replayCost(proposedReplay.totals, traffic, prices),
    worstEpisode: episodes[0] ?? null,
  };
  const measured: MeasuredWeek = {
    requests: 0,
    refused: 0,
    instanceHours: 0,
    peakInstances: 0,
    minutesSaturated: 0,
  };
  for (const m of minutes) {
    measured.requests += m.requests;
    measured.refused += m.refused;
    measured.instanceHours += (m.instances ?? 0) / 60;
    measured.peakInstances = Math.max(measured.peakInstances, m.instances ?? 0);
    if (isSaturated(m, settings.maxInstances)) measured.minutesSaturated++;
  }
  const startMs = minutes[0]?.startMs ?? 0;
  return {
    window: {
      startMs,
      endMs: (minutes.at(-1)?.startMs ?? startMs - 60_000) + 60_000,
      minutes: minutes.length,
    },
    measured,
    current,
    proposed: proposedSide,
    change: {
      refused: proposedSide.totals.refused - current.totals.refused,
      minutesAtMax:
        proposedSide.totals.minutesAtMax - current.totals.minutesAtMax,
      coldStarts: proposedSide.totals.coldStarts - current.totals.coldStarts,
      instanceHours:
        proposedSide.totals.instanceHours - current.totals.instanceHours,
      monthlyCost: proposedSide.cost.monthly - current.cost.monthly,
    },
    currency: prices.currency,
    prices,
    proposedEpisodes: episodes.slice(0, 5),
    demand: traffic.refusalsRetried ? 'served' : 'arrivals',
    serviceTime: {
      baselineMs: time.baselineMs,
      substitutedMinutes: time.substitutedMinutes,
    },
    chart: whatIfChart(minutes, settings.concurrency, proposedReplay),
  };
}
