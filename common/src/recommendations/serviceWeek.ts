/**
 * What the right-sizing rules read about one Cloud Run service (docs/recommendations.md, "What it
 * reads"): its settings and container, and its last 7 days as hourly figures of per-minute traffic,
 * read for a whole project at once (one Monitoring call per metric, hourly alignment).
 */
import { z } from 'zod';

const count = z.number().finite().nonnegative();
const ratio = z.number().finite().min(0).max(1);

/** One hour of a service as Cloud Monitoring measured it. */
export const observedHourSchema = z.object({
  /** Start of the hour, epoch ms. */
  startMs: z.number().int(),
  /** Requests that arrived in the hour, every response code (429 included). */
  requests: count,
  /** Of those, requests answered 429. */
  refused: count,
  /** Requests of the hour's busiest minute (the per-minute peak, every code). */
  peakMinuteRequests: count,
  /** Mean latency of the hour's requests, ms; null without a measured latency. */
  meanLatencyMs: z.number().finite().positive().nullable(),
  /** Most instances (active + idle) seen in the hour; null without a point. */
  peakInstances: count.nullable(),
  /** 99th percentile of the instances' CPU utilisation in the hour, 0..1; null without a point. */
  cpuPeak: ratio.nullable(),
  /** 99th percentile of the instances' memory utilisation in the hour, 0..1; null without a point. */
  memoryPeak: ratio.nullable(),
});
export type ObservedHour = z.infer<typeof observedHourSchema>;

/** Scaling settings as the rules read and suggest them. */
export const scalingSettingsSchema = z.object({
  minInstances: z.number().int().nonnegative(),
  maxInstances: z.number().int().positive(),
  concurrency: z.number().int().min(1).max(1000),
});

/**
 * The Redis instance whose connection limit a service's max puts at risk: the service holds
 * `connectionsPerInstance` per container, the other services wired to it `otherConnections` at their
 * max (docs/queues-and-redis.md, "Redis: worst-case connections").
 */
export const redisLimitSchema = z.object({
  instance: z.string().min(1),
  connectionsPerInstance: z.number().int().positive(),
  otherConnections: count,
  /** Connected clients the instance accepts (65,000). */
  limit: z.number().int().positive(),
});
export type RedisLimit = z.infer<typeof redisLimitSchema>;

/** A service and its week: the input of {@link recommendScaling}. */
export const serviceWeekSchema = z.object({
  projectId: z.string().min(1),
  region: z.string().min(1),
  service: z.string().min(1),
  settings: scalingSettingsSchema,
  /** vCPU of the container. */
  cpu: z.number().positive(),
  /** Memory of the container, GiB. */
  memoryGiB: z.number().positive(),
  /** true = request-based billing. */
  cpuIdle: z.boolean(),
  /** A Cloud Tasks queue retries its 429s: served requests stand for the demand (docs/what-if.md). */
  refusalsRetried: z.boolean(),
  /** Consecutive hours, oldest first. */
  hours: z.array(observedHourSchema),
  /** Set when this service's max makes a Redis instance's worst case exceed its limit. */
  redis: redisLimitSchema.nullable(),
});
export type ServiceWeek = z.infer<typeof serviceWeekSchema>;
