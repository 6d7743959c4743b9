/**
 * The google.cloud.tasks.v2.Queue resource as the sandbox serves it: defaults for unset fields, the
 * output-only fields (state, purgeTime, rateLimits.maxBurstSize) and the settings the queue model
 * reads from it.
 */
import { parseDurationSeconds } from '../protoJson';
import type { QueueSettings, QueueStateName } from './queueTypes';

type Json = Record<string, unknown>;

/**
 * Defaults Cloud Tasks applies to unset fields (docs/google-apis.md §4, unverified): rate 500/s, 1000
 * concurrent, 100 attempts, backoff 0.1 s … 3600 s, 16 doublings, no retry duration limit.
 */
export const QUEUE_DEFAULTS = {
  maxDispatchesPerSecond: 500,
  maxConcurrentDispatches: 1000,
  maxAttempts: 100,
  minBackoff: '0.100s',
  maxBackoff: '3600s',
  maxDoublings: 16,
} as const;

/** Upper limits of the rate limits (docs/google-apis.md §4). */
export const MAX_DISPATCHES_PER_SECOND = 500;
export const MAX_CONCURRENT_DISPATCHES = 5000;

/**
 * Token bucket size Google derives from the rate (output only). Google documents only that it is
 * chosen from maxDispatchesPerSecond; the sandbox uses rate ÷ 5 within 1..100 (unverified; a
 * 500/s queue shows 100, as real default queues do).
 */
export function burstSizeFor(maxDispatchesPerSecond: number): number {
  return Math.min(100, Math.max(1, Math.ceil(maxDispatchesPerSecond / 5)));
}

/** A Duration string as Google writes it: whole seconds, or 3/6/9 fraction digits ("0.100s"). */
export function formatDuration(seconds: number): string {
  if (Number.isInteger(seconds)) return `${seconds}s`;
  for (const digits of [3, 6, 9]) {
    const text = seconds.toFixed(digits);
    if (Math.abs(Number(text) - seconds) < 1e-12) return `${text}s`;
  }
  return `${seconds.toFixed(9)}s`;
}

/** Rewrites a Duration string in Google's canonical form ("1.5s" → "1.500s"); undefined stays. */
function canonicalDuration(value: unknown): string | undefined {
  const seconds = parseDurationSeconds(value);
  return seconds === undefined ? undefined : formatDuration(seconds);
}

/**
 * The queue with every default filled in and output-only fields derived: what Google answers after a
 * create or update. `state` and `purgeTime` are taken from `current` (they change only through
 * pause / resume / purge).
 */
export function completeQueue(
  merged: Json,
  state: QueueStateName,
  purgeTime: string | undefined,
): Json {
  const rate = (merged['rateLimits'] ?? {}) as Json;
  const retry = (merged['retryConfig'] ?? {}) as Json;
  const dispatches = numberOr(
    rate['maxDispatchesPerSecond'],
    QUEUE_DEFAULTS.maxDispatchesPerSecond,
  );
  const retryConfig: Json = {
    maxAttempts: numberOr(retry['maxAttempts'], QUEUE_DEFAULTS.maxAttempts),
    minBackoff:
      canonicalDuration(retry['minBackoff']) ?? QUEUE_DEFAULTS.minBackoff,
    maxBackoff:
      canonicalDuration(retry['maxBackoff']) ?? QUEUE_DEFAULTS.maxBackoff,
    maxDoublings: numberOr(retry['maxDoublings'], QUEUE_DEFAULTS.maxDoublings),
  };
  const maxRetryDuration = canonicalDuration(retry['maxRetryDuration']);
  if (maxRetryDuration !== undefined)
    retryConfig['maxRetryDuration'] = maxRetryDuration;
  const queue: Json = {
    name: merged['name'],
    rateLimits: {
      maxDispatchesPerSecond: dispatches,
      maxBurstSize: burstSizeFor(dispatches),
      maxConcurrentDispatches: numberOr(
        rate['maxConcurrentDispatches'],
        QUEUE_DEFAULTS.maxConcurrentDispatches,
      ),
    },
    retryConfig,
    state,
  };
  if (merged['appEngineRoutingOverride'] !== undefined)
    queue['appEngineRoutingOverride'] = merged['appEngineRoutingOverride'];
  if (merged['stackdriverLoggingConfig'] !== undefined)
    queue['stackdriverLoggingConfig'] = merged['stackdriverLoggingConfig'];
  if (purgeTime !== undefined) queue['purgeTime'] = purgeTime;
  return queue;
}

/** 0 and unset mean "default" for every numeric queue field (proto3 has no presence for them). */
function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && value !== 0 ? value : fallback;
}

/** Retries over which the queue model averages the backoff interval. */
const RETRIES_AVERAGED = 10;

/**
 * Mean interval between attempts of a failing task over its first 10 retries, seconds, following
 * Cloud Tasks' documented backoff: from minBackoff the interval doubles maxDoublings times, then grows
 * linearly by the last doubled interval, capped at maxBackoff (10 s, 300 s, 3 doublings: 10, 20, 40,
 * 80, 160, 240, 300, 300, …).
 */
export function meanRetryIntervalSeconds(retryConfig: Json): number {
  const min =
    parseDurationSeconds(retryConfig['minBackoff']) ||
    parseDurationSeconds(QUEUE_DEFAULTS.minBackoff)!;
  const max =
    parseDurationSeconds(retryConfig['maxBackoff']) ||
    parseDurationSeconds(QUEUE_DEFAULTS.maxBackoff)!;
  const doublings = numberOr(
    retryConfig['maxDoublings'],
    QUEUE_DEFAULTS.maxDoublings,
  );
  let sum = 0;
  for (let k = 0; k < RETRIES_AVERAGED; k++) {
    const interval =
      k <= doublings
        ? min * 2 ** k
        : min * 2 ** doublings * (k - doublings + 1);
    sum += Math.min(max, interval);
  }
  return Math.max(sum / RETRIES_AVERAGED, 0.001);
}

/** The settings the queue model reads from a served Queue. */
export function settingsFromQueue(queue: Json): QueueSettings {
  const rate = (queue['rateLimits'] ?? {}) as Json;
  return {
    state: (queue['state'] as QueueStateName | undefined) ?? 'RUNNING',
    maxDispatchesPerSecond: numberOr(
      rate['maxDispatchesPerSecond'],
      QUEUE_DEFAULTS.maxDispatchesPerSecond,
    ),
    maxConcurrentDispatches: numberOr(
      rate['maxConcurrentDispatches'],
      QUEUE_DEFAULTS.maxConcurrentDispatches,
    ),
    retryIntervalSeconds: meanRetryIntervalSeconds(
      (queue['retryConfig'] ?? {}) as Json,
    ),
  };
}
