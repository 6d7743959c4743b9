import { formatNumber } from '../format/numberFormat';
/**
 * The right-sizing rules (docs/recommendations.md, "Rules"): from a service's week, the min, max and
 * concurrency to suggest and why. Pure; the saving and the risk come from replaying the week under the
 * current and the suggested settings (hourlyReplay.ts).
 */
import type { CloudRunPrices } from '../cost/prices';
import { maxInstancesHourlyCost } from '../cost/scalingCost';
import type { ScalingSettings } from '../types/cloudRun';
import { inFlightRequests, wantedInstances } from '../whatIf/autoscaler';
import {
  hourlyServiceSeconds,
  meanMinutes,
  peakMinutes,
  replayWeekHourly,
} from './hourlyReplay';
import type { Recommendation, RecommendationRule } from './recommendation';
import type { ServiceWeek } from './serviceWeek';

/** The thresholds of the rules (docs/recommendations.md, "Thresholds"). */
export const RIGHT_SIZING_THRESHOLDS = {
  /** A max is far above the peak from this many times the instances the busiest minute wanted… */
  maxAbovePeakFactor: 4,
  /** …and when lowering it removes at least this many instances. */
  maxAbovePeakMinExcess: 5,
  /** A lowered max keeps this many times the instances the busiest minute wanted. */
  maxHeadroom: 2,
  /** A raised max (service at max) is this many times the instances the busiest minute wanted. */
  atMaxHeadroom: 1.25,
  /** Concurrency leaves CPU idle when the week's highest hourly p99 CPU stays below this. */
  idleCpu: 0.3,
  /** A raised concurrency aims the busiest hour's CPU at this. */
  targetCpu: 0.6,
  /** …without taking memory past this. */
  maxMemory: 0.8,
  /** Concurrency is raised at most this many times at once. */
  maxConcurrencyStep: 4,
} as const;

/** Cloud Run's largest concurrency per instance (docs/google-apis.md §2). */
const MAX_CONCURRENCY = 1000;

const n = (v: number) => formatNumber(Math.round(v));
const pct = (v: number) => `${Math.round(v * 100)} %`;

function maxOf(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.max(...known) : null;
}

/** Concurrent requests of the week's busiest minute, by Little's law. */
export function peakInFlight(
  week: ServiceWeek,
  serviceSeconds: readonly number[] = hourlyServiceSeconds(week),
): number {
  return peakMinutes(week).reduce(
    (peak, m, i) =>
      Math.max(peak, inFlightRequests(m.requests, serviceSeconds[i] ?? 0)),
    0,
  );
}

/**
 * The suggestion for a service, or null when its settings fit its week. Rules run in order:
 * concurrency (idle CPU), min (idle min instances), max (at max, or far above the peak), then the
 * Redis connection limit caps max.
 */
export function recommendScaling(
  week: ServiceWeek,
  prices: CloudRunPrices,
): Recommendation | null {
  if (week.hours.length === 0) return null;
  const t = RIGHT_SIZING_THRESHOLDS;
  const current = week.settings;
  const seconds = hourlyServiceSeconds(week);
  const inFlight = peakInFlight(week, seconds);
  const reasons: Recommendation['reasons'] = [];
  const because = (rule: RecommendationRule, message: string) =>
    reasons.push({ rule, message });
  const suggested: ScalingSettings = { ...current };
  const cpu = maxOf(week.hours.map(h => h.cpuPeak));
  const memory = maxOf(week.hours.map(h => h.memoryPeak));
  const measuredPeak = maxOf(week.hours.map(h => h.peakInstances)) ?? 0;

  // Concurrency: instances scaled out on concurrency while their CPU idles could each take more.
  const wantedNow = wantedInstances(inFlight, current.concurrency);
  if (
    cpu !== null &&
    cpu < t.idleCpu &&
    wantedNow >= 2 &&
    current.concurrency < MAX_CONCURRENCY
  ) {
    const factor = Math.min(
      t.targetCpu / Math.max(cpu, 0.01),
      memory !== null ? t.maxMemory / Math.max(memory, 0.01) : Infinity,
      t.maxConcurrencyStep,
    );
    const raised = Math.min(
      MAX_CONCURRENCY,
      Math.floor(current.concurrency * factor),
    );
    if (raised > current.concurrency) {
      suggested.concurrency = raised;
      because(
        'idle-cpu',
        `CPU peaks at ${pct(cpu)} (p99 of the busiest hour)${
          memory !== null ? ` and memory at ${pct(memory)}` : ''
        } while the busiest minute wants ${n(
          wantedNow,
        )} instances at concurrency ${
          current.concurrency
        }: concurrency ${raised} runs fewer instances nearer ${pct(
          t.targetCpu,
        )} CPU`,
      );
    }
  }
  const wanted = wantedInstances(inFlight, suggested.concurrency);

  // Min: instances held warm that the traffic does not need, or a min the traffic never reaches below.
  if (current.minInstances >= 1) {
    const quiet = meanMinutes(week).map((m, i) =>
      wantedInstances(
        inFlightRequests(m.requests, seconds[i] ?? 0),
        suggested.concurrency,
      ),
    );
    const idleHours = quiet.filter(w => w < current.minInstances).length;
    const everyHourBusy = week.hours.every(h => h.requests > 0);
    if (idleHours > 0) {
      suggested.minInstances = 0;
      because(
        'idle-min',
        `min ${current.minInstances} keeps instances idle in ${n(
          idleHours,
        )} of ${n(week.hours.length)} hours (the quietest needs ${n(
          Math.min(...quiet),
        )}): min 0 stops paying for them; scale-ups after quiet hours start cold`,
      );
    } else if (everyHourBusy) {
      suggested.minInstances = 0;
      because(
        'idle-min',
        `min ${
          current.minInstances
        } never holds an instance the traffic does not: requests arrived in every hour of the week and kept at least ${n(
          Math.min(...quiet),
        )} busy, so the min prevents no cold start`,
      );
    }
  }

  // Max: raise it when the week hit it, lower it when it is far above anything the week wanted.
  const atMaxHours = replayWeekHourly(
    week,
    current,
    prices,
    seconds,
  ).hoursAtMax;
  const refused = week.hours.reduce((s, h) => s + h.refused, 0);
  if (
    atMaxHours > 0 ||
    refused > 0 ||
    measuredPeak >= current.maxInstances - 0.5
  ) {
    const raised = Math.max(
      current.maxInstances + 1,
      Math.ceil(wanted * t.atMaxHeadroom),
    );
    suggested.maxInstances = raised;
    because(
      'at-max',
      `the busiest minute wanted ${n(wanted)} instances against max ${
        current.maxInstances
      } (${n(atMaxHours)} hours at max, ${n(
        refused,
      )} requests answered 429, ${n(
        measuredPeak,
      )} instances measured at the peak): max ${raised} leaves ${pct(
        t.atMaxHeadroom - 1,
      )} headroom`,
    );
  } else {
    const lowered = Math.max(
      Math.ceil(wanted * t.maxHeadroom),
      suggested.minInstances,
      1,
    );
    if (
      current.maxInstances >= t.maxAbovePeakFactor * Math.max(wanted, 1) &&
      current.maxInstances - lowered >= t.maxAbovePeakMinExcess
    ) {
      suggested.maxInstances = lowered;
      because(
        'max-above-peak',
        `max ${n(current.maxInstances)} is ${n(
          current.maxInstances / Math.max(wanted, 1),
        )}× the ${n(
          wanted,
        )} instances the busiest minute of the week wanted: max ${n(
          lowered,
        )} keeps ${t.maxHeadroom}× that and caps a runaway's cost`,
      );
    }
  }

  // Redis: the max must keep the instance's worst-case connections within its limit.
  const redis = week.redis;
  if (redis) {
    const worstAt = (max: number) =>
      redis.otherConnections + max * redis.connectionsPerInstance;
    const safe = Math.max(
      1,
      Math.floor(
        (redis.limit - redis.otherConnections) / redis.connectionsPerInstance,
      ),
    );
    // The current max, or a raise above, may take the worst case past the limit.
    const unsafe = Math.max(current.maxInstances, suggested.maxInstances);
    if (worstAt(unsafe) > redis.limit) {
      suggested.maxInstances = Math.min(suggested.maxInstances, safe);
      because(
        'redis-unsafe-max',
        `${redis.instance}: max ${n(unsafe)} × ${n(
          redis.connectionsPerInstance,
        )} connections + ${n(
          redis.otherConnections,
        )} of the other services = ${n(worstAt(unsafe))} of ${n(
          redis.limit,
        )} connected clients; max ${n(safe)} or less stays within the limit`,
      );
    }
  }
  suggested.minInstances = Math.min(
    suggested.minInstances,
    suggested.maxInstances,
  );

  if (
    suggested.minInstances === current.minInstances &&
    suggested.maxInstances === current.maxInstances &&
    suggested.concurrency === current.concurrency
  )
    return null;
  const before = replayWeekHourly(week, current, prices, seconds);
  const after = replayWeekHourly(week, suggested, prices, seconds);
  const container = { ...week, prices };
  return {
    projectId: week.projectId,
    region: week.region,
    service: week.service,
    current,
    suggested,
    reasons,
    monthlySaving: before.monthlyCost - after.monthlyCost,
    worstCaseHourlyChange:
      maxInstancesHourlyCost(suggested.maxInstances, container) -
      maxInstancesHourlyCost(current.maxInstances, container),
    currency: prices.currency,
    risk: { current: before, suggested: after },
    peak: { inFlight, wantedInstances: wanted, cpu, memory },
  };
}
