/**
 * The what-if chart's points: per hour, the peak concurrency the traffic needed against the capacity
 * measured and the capacity proposed, and the requests refused in each (docs/what-if.md).
 */
import type { ObservedMinute } from './observedTraffic';
import type { Replay } from './replay';

/** One bucket (an hour by default) of the what-if chart. */
export interface WhatIfChartPoint {
  /** Start of the bucket, ISO 8601. */
  time: string;
  /** Peak concurrent requests the arrivals needed (Little's law) in the bucket. */
  demand: number;
  /** Peak measured instances × current concurrency; null when Monitoring had no instance count. */
  observedCapacity: number | null;
  /** Peak replayed instances × proposed concurrency. */
  proposedCapacity: number;
  /** Requests answered 429 in the bucket, as measured. */
  observedRefused: number;
  /** Requests the proposal would refuse in the bucket. */
  proposedRefused: number;
}

/** Buckets `observed` and the `proposed` replay of the same minutes into chart points, oldest first. */
export function whatIfChart(
  observed: readonly ObservedMinute[],
  currentConcurrency: number,
  proposed: Replay,
  bucketMinutes = 60,
): WhatIfChartPoint[] {
  const bucketMs = bucketMinutes * 60_000;
  const points: WhatIfChartPoint[] = [];
  let point: WhatIfChartPoint | null = null;
  let bucket = NaN;
  for (let i = 0; i < observed.length; i++) {
    const m = observed[i]!;
    const r = proposed.minutes[i]!;
    const b = Math.floor(m.startMs / bucketMs);
    if (!point || b !== bucket) {
      bucket = b;
      point = {
        time: new Date(b * bucketMs).toISOString(),
        demand: 0,
        observedCapacity: null,
        proposedCapacity: 0,
        observedRefused: 0,
        proposedRefused: 0,
      };
      points.push(point);
    }
    point.demand = Math.max(point.demand, r.inFlight);
    if (m.instances !== null)
      point.observedCapacity = Math.max(
        point.observedCapacity ?? 0,
        m.instances * currentConcurrency,
      );
    point.proposedCapacity = Math.max(
      point.proposedCapacity,
      r.instances * proposed.settings.concurrency,
    );
    point.observedRefused += m.refused;
    point.proposedRefused += r.refused;
  }
  return points;
}
