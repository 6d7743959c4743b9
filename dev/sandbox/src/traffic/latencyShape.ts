/**
 * How a service's median latency moves from minute to minute. Real services are never a flat line:
 * busier instances share CPU, caches and connection pools, so latency creeps up with load well before
 * the instances are full, and every minute differs a little (GC pauses, slow dependencies). The sandbox
 * models both mildly, on top of the queueing factor that dominates near and beyond saturation. The
 * shape is illustrative, not fitted to Cloud Run measurements.
 */
import { queueLatencyFactor } from './capacity';

/** Median latency rise per unit of utilisation below saturation: +6 % at the autoscaler's 60 % target. */
export const LOAD_LATENCY_SLOPE = 0.1;

/** Relative amplitude of the per-minute latency noise: the median varies by up to ±4 %. */
export const LATENCY_NOISE = 0.04;

/**
 * Latency multiplier from load before saturation: 1 + 0.1 × utilisation, utilisation capped at 1
 * (beyond it queueLatencyFactor takes over), so 1.0 when idle and 1.1 when full.
 */
export function loadLatencyFactor(utilisation: number): number {
  return 1 + LOAD_LATENCY_SLOPE * Math.min(Math.max(utilisation, 0), 1);
}

/**
 * Median latency of a minute, ms: the profile's unloaded median × load factor × queueing factor ×
 * per-minute noise. `unit` is the minute's seeded uniform draw in [0, 1) (noise 1 ± 4 %).
 */
export function medianLatencyMs(
  p50Ms: number,
  utilisation: number,
  unit: number,
): number {
  const noise = 1 + LATENCY_NOISE * (2 * unit - 1);
  return (
    p50Ms *
    loadLatencyFactor(utilisation) *
    queueLatencyFactor(utilisation) *
    noise
  );
}
