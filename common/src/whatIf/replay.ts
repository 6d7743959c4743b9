/**
 * The replay: a week of measured traffic run through the autoscaler rules under given scaling
 * settings, minute by minute (docs/what-if.md, "The model").
 */
import type { ScalingSettings } from '../types/cloudRun';
import {
  activeInstancesFor,
  busyShare,
  inFlightRequests,
  instancesFor,
  refusedShare,
  wantedInstances,
} from './autoscaler';
import type { ObservedMinute } from './observedTraffic';

/** What the service would have done in one minute under the replayed settings. */
export interface ReplayMinute {
  /** Start of the minute, epoch ms. */
  startMs: number;
  /** Requests that arrived (the measured ones, whatever the settings). */
  requests: number;
  /** Concurrent requests the arrivals need (Little's law). */
  inFlight: number;
  instances: number;
  /** Requests refused with 429 (may be fractional: an expected count). */
  refused: number;
  /** Instances started in the minute: the rise since the minute before. */
  coldStarts: number;
  /** The autoscaler wanted max instances or more while there was traffic. */
  atMax: boolean;
  /** Instance-seconds billed at the busy rate (request-based: while holding a request; instance-based: all). */
  busyInstanceSeconds: number;
  /** Instance-seconds of warm, idle min instances (request-based billing only; billed at the idle rate). */
  idleInstanceSeconds: number;
}

/** Sums of a replay over its minutes. */
export interface ReplayTotals {
  minutes: number;
  requests: number;
  refused: number;
  /** refused ÷ requests, 0 without requests. */
  refusedShare: number;
  minutesAtMax: number;
  coldStarts: number;
  /** Σ instances × 1 min, in hours. */
  instanceHours: number;
  peakInstances: number;
  busyInstanceSeconds: number;
  idleInstanceSeconds: number;
}

/** A replay: every minute and the totals. */
export interface Replay {
  settings: ScalingSettings;
  minutes: ReplayMinute[];
  totals: ReplayTotals;
}

/**
 * Replays `minutes` (oldest first) under `settings`. `serviceSeconds[i]` is how long a request of
 * minute i holds an instance (serviceTime.ts). Billing: `cpuIdle` true = request-based (active
 * instances billed for their busy share, warm min instances at the idle rate), false = instance-based
 * (every instance, the whole minute). The first minute counts no cold starts: the replay starts warm.
 */
export function replayTraffic(
  minutes: readonly ObservedMinute[],
  serviceSeconds: readonly number[],
  settings: ScalingSettings,
  cpuIdle: boolean,
): Replay {
  const out: ReplayMinute[] = [];
  const totals: ReplayTotals = {
    minutes: minutes.length,
    requests: 0,
    refused: 0,
    refusedShare: 0,
    minutesAtMax: 0,
    coldStarts: 0,
    instanceHours: 0,
    peakInstances: 0,
    busyInstanceSeconds: 0,
    idleInstanceSeconds: 0,
  };
  let previous: number | null = null;
  minutes.forEach((m, i) => {
    const seconds = serviceSeconds[i] ?? 0;
    const inFlight = inFlightRequests(m.requests, seconds);
    const instances = instancesFor(inFlight, settings);
    const refused =
      m.requests * refusedShare(inFlight, instances, settings.concurrency);
    const servedInFlight = inFlightRequests(m.requests - refused, seconds);
    const active = activeInstancesFor(
      servedInFlight,
      instances,
      settings.concurrency,
    );
    const busyInstanceSeconds = cpuIdle
      ? active * 60 * busyShare(servedInFlight, active)
      : instances * 60;
    const idleInstanceSeconds = cpuIdle
      ? Math.max(0, Math.min(settings.minInstances, instances) - active) * 60
      : 0;
    const coldStarts =
      previous === null ? 0 : Math.max(0, instances - previous);
    const atMax =
      inFlight > 0 &&
      wantedInstances(inFlight, settings.concurrency) >= settings.maxInstances;
    previous = instances;
    out.push({
      startMs: m.startMs,
      requests: m.requests,
      inFlight,
      instances,
      refused,
      coldStarts,
      atMax,
      busyInstanceSeconds,
      idleInstanceSeconds,
    });
    totals.requests += m.requests;
    totals.refused += refused;
    totals.minutesAtMax += atMax ? 1 : 0;
    totals.coldStarts += coldStarts;
    totals.instanceHours += instances / 60;
    totals.peakInstances = Math.max(totals.peakInstances, instances);
    totals.busyInstanceSeconds += busyInstanceSeconds;
    totals.idleInstanceSeconds += idleInstanceSeconds;
  });
  totals.refusedShare =
    totals.requests > 0 ? totals.refused / totals.requests : 0;
  return { settings, minutes: out, totals };
}
