/**
 * The sandbox traffic model: what each Cloud Run service does in each minute of sandbox time,
 * computed (never stored) from its traffic profile and the configuration in force at that minute.
 * Cloud Monitoring (../monitoring) reads its metrics from here; other consumers (costs, Redis
 * connections, queues) can use the same samples.
 */
export {
  minuteSample,
  configVersionAt,
  type MinuteSample,
} from './SandboxTrafficModel';
export {
  requestLatencyDistribution,
  startupLatencyDistribution,
  maxConcurrencyDistribution,
  cpuUtilisationDistribution,
  memoryUtilisationDistribution,
} from './sampleDistributions';
export {
  LATENCY_BUCKETS,
  RATIO_BUCKETS,
  CONCURRENCY_BUCKETS,
  bucketBounds,
  logNormalDistribution,
  type BucketOptions,
  type Distribution,
} from './distribution';
export { TARGET_UTILISATION, instancesFor } from './capacity';
export type { ResponseCount, ResponseCodeClass } from './responses';
