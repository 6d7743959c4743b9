/**
 * The distributions of a minute sample (request latencies, startup latencies, per-instance max
 * concurrency, CPU and memory utilisation) as bucketed google.api.Distribution values. Built on demand
 * because bucketing costs far more than the sample itself and most queries need none of it.
 */
import type { MinuteSample } from './SandboxTrafficModel';
import {
  CONCURRENCY_BUCKETS,
  LATENCY_BUCKETS,
  RATIO_BUCKETS,
  LazyLogNormalDistribution,
  type Distribution,
} from './distribution';

/** Log-normal sigmas of the container distributions (shared with Monitoring's columnar walk). */
export const STARTUP_LATENCY_SIGMA = 0.35;
export const MAX_CONCURRENCY_SIGMA = 0.25;
export const CPU_UTILISATION_SIGMA = 0.2;
export const MEMORY_UTILISATION_SIGMA = 0.1;

/** Latencies of the served requests of the minute, ms; null when none were served. */
export function requestLatencyDistribution(
  sample: MinuteSample,
): Distribution | null {
  if (sample.served <= 0) return null;
  return new LazyLogNormalDistribution(
    sample.served,
    sample.latencyMedianMs,
    sample.latencySigma,
    LATENCY_BUCKETS,
  );
}

/** Startup latencies of the instances started in the minute, ms; null when none started. */
export function startupLatencyDistribution(
  sample: MinuteSample,
): Distribution | null {
  if (sample.coldStarts <= 0) return null;
  return new LazyLogNormalDistribution(
    sample.coldStarts,
    sample.startupLatencyMedianMs,
    STARTUP_LATENCY_SIGMA,
    LATENCY_BUCKETS,
  );
}

/** Highest concurrent requests per active instance in the minute; null without active instances. */
export function maxConcurrencyDistribution(
  sample: MinuteSample,
): Distribution | null {
  if (sample.activeInstances <= 0) return null;
  return new LazyLogNormalDistribution(
    sample.activeInstances,
    sample.maxConcurrencyPerInstance,
    MAX_CONCURRENCY_SIGMA,
    CONCURRENCY_BUCKETS,
  );
}

/** CPU utilisation per instance, 0..1; null without instances. */
export function cpuUtilisationDistribution(
  sample: MinuteSample,
): Distribution | null {
  if (sample.instances <= 0) return null;
  return new LazyLogNormalDistribution(
    sample.instances,
    sample.cpuUtilisation,
    CPU_UTILISATION_SIGMA,
    RATIO_BUCKETS,
  );
}

/** Memory utilisation per instance, 0..1; null without instances. */
export function memoryUtilisationDistribution(
  sample: MinuteSample,
): Distribution | null {
  if (sample.instances <= 0) return null;
  return new LazyLogNormalDistribution(
    sample.instances,
    sample.memoryUtilisation,
    MEMORY_UTILISATION_SIGMA,
    RATIO_BUCKETS,
  );
}
