/**
 * How long a request holds an instance, estimated from the measured latencies (docs/what-if.md,
 * "Service time"). Latency measured while a service is saturated includes the wait for a free slot,
 * which depends on the capacity itself; replaying it against a larger capacity would count that wait
 * as work. Saturated minutes therefore use the service's typical latency instead.
 */
import type { ObservedMinute, ObservedTraffic } from './observedTraffic';

/** The service time of each minute and how it was obtained. */
export interface ServiceTimeEstimate {
  /** Seconds a request holds an instance, per minute of the traffic (same order). */
  secondsPerMinute: number[];
  /** Median of the mean latencies of unsaturated minutes, ms; null when no minute had a latency. */
  baselineMs: number | null;
  /** Minutes whose latency was replaced by the baseline (saturated or without a measured latency). */
  substitutedMinutes: number;
}

/**
 * Whether a minute ran at the service's capacity: some requests refused with 429, or as many
 * instances as max allows (half an instance of tolerance for averaged gauges).
 */
export function isSaturated(
  minute: ObservedMinute,
  maxInstances: number,
): boolean {
  return (
    minute.refused > 0 ||
    (minute.instances !== null && minute.instances >= maxInstances - 0.5)
  );
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[mid]!
    : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Service time per minute: the minute's mean latency when the service was not saturated, else the
 * baseline (median of the unsaturated minutes' mean latencies; the lowest measured latency when every
 * minute was saturated). Minutes with requests but no latency use the baseline too.
 */
export function estimateServiceTime(
  traffic: Pick<ObservedTraffic, 'minutes' | 'settings'>,
): ServiceTimeEstimate {
  const max = traffic.settings.maxInstances;
  const unsaturated: number[] = [];
  const all: number[] = [];
  for (const m of traffic.minutes) {
    if (m.meanLatencyMs === null || !(m.meanLatencyMs > 0)) continue;
    all.push(m.meanLatencyMs);
    if (!isSaturated(m, max)) unsaturated.push(m.meanLatencyMs);
  }
  const baselineMs =
    median(unsaturated) ?? (all.length ? Math.min(...all) : null);
  let substitutedMinutes = 0;
  const secondsPerMinute = traffic.minutes.map(m => {
    const own =
      m.meanLatencyMs !== null && m.meanLatencyMs > 0 && !isSaturated(m, max)
        ? m.meanLatencyMs
        : null;
    if (own === null && m.requests > 0) substitutedMinutes++;
    return (own ?? baselineMs ?? 0) / 1000;
  });
  return { secondsPerMinute, baselineMs, substitutedMinutes };
}
