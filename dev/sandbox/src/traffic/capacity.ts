/**
 * Cloud Run capacity math of the sandbox: how many instances the autoscaler keeps for a load, how much
 * of the demand fits, and how much queueing inflates latency as the instances fill up.
 */
import type { RunServiceConfig } from '../world';

/**
 * Share of `concurrency` the autoscaler aims to use per instance (docs/sandbox.md: instances =
 * ceil(concurrent ÷ (concurrency × 0.6))). Cloud Run's real target is ~60 % of max concurrency (and
 * CPU); the exact rule is not published.
 */
export const TARGET_UTILISATION = 0.6;

/** Instances the autoscaler keeps for `concurrent` in-flight requests, clamped to [min, max]. */
export function instancesFor(
  concurrent: number,
  config: RunServiceConfig,
): number {
  const wanted =
    concurrent > 0
      ? Math.ceil(concurrent / (config.concurrency * TARGET_UTILISATION))
      : 0;
  return Math.min(Math.max(wanted, config.minInstances), config.maxInstances);
}

/**
 * Instances busy with requests: what the in-flight requests need at the target utilisation (at least
 * one while any request is served), never more than exist. The rest are idle (e.g. warm min instances).
 */
export function activeInstancesFor(
  servedConcurrent: number,
  instances: number,
  config: RunServiceConfig,
): number {
  if (servedConcurrent <= 0 || instances <= 0) return 0;
  const wanted = Math.ceil(
    servedConcurrent / (config.concurrency * TARGET_UTILISATION),
  );
  return Math.min(instances, Math.max(1, wanted));
}

/**
 * Latency multiplier from queueing in front of the instances, by utilisation (demand concurrency ÷
 * capacity concurrency): 1 up to 80 %, rising quadratically to 3× at saturation, then growing with the
 * backlog (requests wait for a slot) up to 10×. A shape, not a fitted queueing model.
 */
export function queueLatencyFactor(utilisation: number): number {
  if (utilisation <= 0.8) return 1;
  if (utilisation <= 1) {
    const x = (utilisation - 0.8) / 0.2;
    return 1 + 2 * x * x;
  }
  return Math.min(3 + 2 * (utilisation - 1), 10);
}

/**
 * Share of a CPU or memory budget in use, 0..0.98: a small baseline plus the load per instance
 * relative to its concurrency. `slope` is how strongly the resource follows load.
 */
export function utilisationOf(
  servedConcurrent: number,
  instances: number,
  concurrency: number,
  base: number,
  slope: number,
): number {
  if (instances <= 0) return 0;
  const load = servedConcurrent / (instances * concurrency);
  return Math.min(0.98, base + slope * load);
}

/**
 * Seconds one minute of instance time bills (container/billable_instance_time).
 * Request-based billing (cpuIdle): active instances only while they hold a request (Poisson share of
 * busy time), plus the warm min instances that are idle. Instance-based: every instance, whole minute.
 */
export function billableSeconds(
  config: RunServiceConfig,
  instances: number,
  activeInstances: number,
  servedConcurrent: number,
): number {
  if (!config.cpuIdle) return instances * 60;
  const perActive =
    activeInstances > 0 ? servedConcurrent / activeInstances : 0;
  const busyShare = 1 - Math.exp(-perActive);
  const idleWarm = Math.max(
    0,
    Math.min(config.minInstances, instances) - activeInstances,
  );
  return activeInstances * 60 * busyShare + idleWarm * 60;
}
