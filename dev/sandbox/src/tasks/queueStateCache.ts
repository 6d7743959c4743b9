/**
 * Per-queue cache of the queue model's integrated state: the pools at the end of each minute since the
 * queue's creation, and the attempts of each minute. Entries stay valid until a new history entry of
 * the queue or of its target service applies to their minute; then the cache is truncated from there.
 */
import type { SandboxProject } from '../world';
import type { SandboxQueue } from './queueTypes';

const MINUTE_MS = 60_000;

/** Tasks in the queue at the end of a minute, by whether they were ever attempted. */
export interface QueuePools {
  /** Never attempted yet (new, or waiting while the queue was paused): dispatched first. */
  fresh: number;
  /** Attempted and failed: waiting for their backoff to pass. */
  retrying: number;
}

export interface QueueStateCache {
  /** Minute index (since the epoch) of the first minute the queue existed in. */
  anchorMinute: number;
  /** pools[i] = state at the end of minute anchorMinute + i. */
  pools: QueuePools[];
  /** attempts[i] = dispatch attempts in minute anchorMinute + i (at most one entry ahead of pools). */
  attempts: number[];
  seenQueue: number;
  seenTarget: number;
}

const caches = new WeakMap<SandboxQueue, QueueStateCache>();

/** The first minute (index since the epoch) that starts at or after `epochMs`: where an edit applies. */
export const firstMinuteOf = (epochMs: number) =>
  Math.ceil(epochMs / MINUTE_MS);

/** The queue's cache, truncated first if the queue's or its target's history grew since the last call. */
export function stateCacheOf(
  project: SandboxProject,
  queue: SandboxQueue,
): QueueStateCache {
  const target = queue.workload && project.services.get(queue.workload.target);
  const targetLength = target?.history.length ?? 0;
  let cache = caches.get(queue);
  if (!cache) {
    cache = {
      anchorMinute: firstMinuteOf(queue.history[0]!.effectiveFrom),
      pools: [],
      attempts: [],
      seenQueue: queue.history.length,
      seenTarget: targetLength,
    };
    caches.set(queue, cache);
    return cache;
  }
  let firstChanged = Infinity;
  for (let i = cache.seenQueue; i < queue.history.length; i++)
    firstChanged = Math.min(
      firstChanged,
      firstMinuteOf(queue.history[i]!.effectiveFrom),
    );
  for (let i = cache.seenTarget; i < targetLength; i++)
    firstChanged = Math.min(
      firstChanged,
      firstMinuteOf(target!.history[i]!.effectiveFrom),
    );
  if (queue.history.length < cache.seenQueue || targetLength < cache.seenTarget)
    firstChanged = cache.anchorMinute;
  if (firstChanged !== Infinity) {
    cache.pools.length = Math.max(
      0,
      Math.min(cache.pools.length, firstChanged - cache.anchorMinute),
    );
    cache.attempts.length = Math.min(cache.attempts.length, cache.pools.length);
  }
  cache.seenQueue = queue.history.length;
  cache.seenTarget = targetLength;
  return cache;
}
