/**
 * The capacity rules the what-if replays (docs/what-if.md, "The model"): how many instances Cloud
 * Run's autoscaler keeps for a load, and what happens to the requests that do not fit.
 */
import type { ScalingSettings } from '../types/cloudRun';

/**
 * Share of the concurrency limit the autoscaler aims to fill per instance. Cloud Run scales out to
 * keep instances near 60 % of their maximum concurrency (and of their CPU); the exact rule is not
 * published, so this is the documented target, not a measured one.
 */
export const TARGET_CONCURRENCY_UTILISATION = 0.6;

/**
 * Concurrent requests (in flight at once) that a minute's traffic needs, by Little's law:
 * arrival rate (requests ÷ 60 s) × mean time a request holds an instance (seconds).
 */
export function inFlightRequests(
  requestsPerMinute: number,
  serviceSeconds: number,
): number {
  return (Math.max(0, requestsPerMinute) / 60) * Math.max(0, serviceSeconds);
}

/**
 * Instances the autoscaler asks for `inFlight` concurrent requests before the min/max clamp:
 * ceil(in-flight ÷ (concurrency × target utilisation)); 0 without traffic.
 */
export function wantedInstances(inFlight: number, concurrency: number): number {
  if (inFlight <= 0) return 0;
  return Math.ceil(
    inFlight / (Math.max(1, concurrency) * TARGET_CONCURRENCY_UTILISATION),
  );
}

/** Instances kept for `inFlight` concurrent requests: the wanted count clamped to [min, max]. */
export function instancesFor(
  inFlight: number,
  settings: ScalingSettings,
): number {
  const wanted = wantedInstances(inFlight, settings.concurrency);
  return Math.min(
    Math.max(wanted, settings.minInstances),
    settings.maxInstances,
  );
}

/**
 * Share of the arriving requests refused with 429 when `inFlight` exceeds what `instances` can hold
 * (instances × concurrency): 1 − capacity ÷ in-flight, else 0. The model refuses at once; Cloud Run
 * holds a request briefly for a free slot before answering 429 (docs/what-if.md, "Limits").
 */
export function refusedShare(
  inFlight: number,
  instances: number,
  concurrency: number,
): number {
  const capacity = instances * concurrency;
  if (inFlight <= capacity || inFlight <= 0) return 0;
  return 1 - capacity / inFlight;
}

/**
 * Instances busy with the served requests: what they need at the target utilisation, at least one
 * while any request is served, never more than exist. The others are idle (e.g. warm min instances).
 */
export function activeInstancesFor(
  servedInFlight: number,
  instances: number,
  concurrency: number,
): number {
  if (servedInFlight <= 0 || instances <= 0) return 0;
  return Math.min(
    instances,
    Math.max(1, wantedInstances(servedInFlight, concurrency)),
  );
}

/**
 * Share of a minute an active instance holds at least one request, for request-based billing:
 * 1 − e^(−in-flight per instance) (arrivals as a Poisson process, M/G/∞).
 */
export function busyShare(
  servedInFlight: number,
  activeInstances: number,
): number {
  if (activeInstances <= 0 || servedInFlight <= 0) return 0;
  return 1 - Math.exp(-servedInFlight / activeInstances);
}
