/**
 * The Cloud Tasks queue model: what a queue did in one minute of sandbox time. Like the Cloud Run
 * traffic model it is a deterministic function of (queue, minute) and the histories in force, but
 * depth is a state (it integrates enqueue minus successful dispatch), so it is integrated minute by
 * minute from the queue's creation (depth 0) and cached per queue; an edit of the queue or of its
 * target service truncates the cache from the first minute the edit applies to.
 *
 * Per minute m, with the settings in force at its start:
 * - enqueued = producer demand (its traffic profile, own noise) × 60 × tasksPerRequest;
 * - two pools carry over from m−1 (both 0 when a purge applies from m): fresh tasks, never attempted,
 *   and retrying ones, attempted and failed;
 * - attempts = 0 unless RUNNING, else up to limit = min(rate × 60, maxConcurrent × 60 ÷ task seconds):
 *   fresh ones first (previous fresh + enqueued), then the retrying ones whose backoff is due
 *   (retrying × 60 ÷ the mean retry interval of the retry config, at most all of them);
 * - the attempts are the target Cloud Run service's demand (QueueDemandSource), so its instances,
 *   max instances and concurrency decide how many it serves; the rest are 429s;
 * - succeeded = the 2xx share of the attempts; every failed attempt joins the retrying pool;
 * - depth = fresh + retrying. maxAttempts / maxRetryDuration do not drop tasks (not modelled).
 */
import { hashString, hashUnit, stochasticRound } from '../traffic/hash';
import { splitCounts } from '../traffic/responses';
import { minuteSample } from '../traffic/SandboxTrafficModel';
import type { SandboxProject } from '../world';
import type { QueueSettings, SandboxQueue } from './queueTypes';
import {
  createdMinute,
  enqueuedIn,
  queueSettingsAt,
  taskSeconds,
} from './queueInputs';
import {
  firstMinuteOf,
  stateCacheOf,
  type QueuePools,
} from './queueStateCache';

export { queueSettingsAt, taskSeconds, enqueuedIn } from './queueInputs';

const MINUTE_MS = 60_000;

/** What a queue did in one minute. Counts are per minute. */
export interface QueueMinute {
  minuteStartMs: number;
  settings: QueueSettings;
  enqueued: number;
  /** Dispatch attempts (successful or not). */
  attempts: number;
  succeeded: number;
  /** Attempts answered with anything but 2xx (429 from a full worker, 5xx, 4xx): retried later. */
  failed: number;
  /** Attempts by HTTP response code of the target, codes without attempts left out. */
  responses: Array<{ code: number; count: number }>;
  /** Tasks in the queue at the end of the minute. */
  depth: number;
  /** The pools at the end of the minute (depth = fresh + retrying). */
  pools: QueuePools;
}

/** How a minute starts: the pools carried over, what arrives, and what the queue attempts. */
interface MinutePlan {
  settings: QueueSettings;
  enqueued: number;
  freshAvailable: number;
  retryingBefore: number;
  freshAttempts: number;
  retryAttempts: number;
}

const EMPTY: QueuePools = { fresh: 0, retrying: 0 };

function purgedAt(queue: SandboxQueue, minute: number): boolean {
  return queue.history.some(
    v => v.purge && firstMinuteOf(v.effectiveFrom) === minute,
  );
}

function planMinute(
  project: SandboxProject,
  queue: SandboxQueue,
  minute: number,
): MinutePlan {
  const settings = queueSettingsAt(queue, minute * MINUTE_MS);
  const target = queue.workload && project.services.get(queue.workload.target);
  const before = purgedAt(queue, minute)
    ? EMPTY
    : poolsAtEndOf(project, queue, minute - 1);
  const enqueued = enqueuedIn(project, queue, minute);
  const plan = {
    settings,
    enqueued,
    freshAvailable: before.fresh + enqueued,
    retryingBefore: before.retrying,
    freshAttempts: 0,
    retryAttempts: 0,
  };
  if (!target || settings.state !== 'RUNNING') return plan;
  const limit = Math.floor(
    Math.min(
      settings.maxDispatchesPerSecond * 60,
      (settings.maxConcurrentDispatches * 60) / taskSeconds(target),
    ),
  );
  const dueShare = Math.min(1, 60 / settings.retryIntervalSeconds);
  const stream = hashString(`retry:${queue.projectId}/${queue.queueId}`);
  const due = stochasticRound(
    before.retrying * dueShare,
    hashUnit(target.traffic.seed, stream, minute, 3),
  );
  plan.freshAttempts = Math.min(plan.freshAvailable, limit);
  plan.retryAttempts = Math.min(due, limit - plan.freshAttempts);
  return plan;
}

/** Dispatch attempts of `minute` (index since the epoch): the demand the queue puts on its target. */
export function attemptsIn(
  project: SandboxProject,
  queue: SandboxQueue,
  minute: number,
): number {
  if (!queue.workload || minute < createdMinute(queue)) return 0;
  // The target's samples ask for the attempts of a minute (and the one before) over and over while
  // the state is integrated: remember them next to the pools, invalidated with them.
  const cache = stateCacheOf(project, queue);
  const index = minute - cache.anchorMinute;
  if (index < cache.attempts.length) return cache.attempts[index]!;
  const plan = planMinute(project, queue, minute);
  const attempts = plan.freshAttempts + plan.retryAttempts;
  if (index === cache.attempts.length && index <= cache.pools.length)
    cache.attempts.push(attempts);
  return attempts;
}

/** Everything about `minute` (index since the epoch); reads the pools of the minute before from the cache. */
function computeMinute(
  project: SandboxProject,
  queue: SandboxQueue,
  minute: number,
): QueueMinute {
  const minuteStartMs = minute * MINUTE_MS;
  if (minute < createdMinute(queue)) {
    return {
      minuteStartMs,
      settings: queueSettingsAt(queue, minuteStartMs),
      enqueued: 0,
      attempts: 0,
      succeeded: 0,
      failed: 0,
      responses: [],
      depth: 0,
      pools: EMPTY,
    };
  }
  const plan = planMinute(project, queue, minute);
  const attempts = plan.freshAttempts + plan.retryAttempts;
  const target = queue.workload && project.services.get(queue.workload.target);
  let responses: Array<{ code: number; count: number }> = [];
  if (target && attempts > 0) {
    const sample = minuteSample(project, target, minuteStartMs);
    // The attempts are a share of the target's requests (all of them for a dedicated worker):
    // split them over its response codes in proportion.
    const parts = splitCounts(
      attempts,
      sample.responses.map(r => r.count),
    );
    responses = sample.responses
      .map((r, i) => ({ code: r.code, count: parts[i]! }))
      .filter(r => r.count > 0);
  }
  const succeeded = responses.reduce(
    (sum, r) => sum + (r.code >= 200 && r.code < 300 ? r.count : 0),
    0,
  );
  const failed = attempts - succeeded;
  const pools = {
    fresh: plan.freshAvailable - plan.freshAttempts,
    retrying: plan.retryingBefore - plan.retryAttempts + failed,
  };
  return {
    minuteStartMs,
    settings: plan.settings,
    enqueued: plan.enqueued,
    attempts,
    succeeded,
    failed,
    responses,
    depth: pools.fresh + pools.retrying,
    pools,
  };
}

/** The pools at the end of `minute` (index since the epoch); empty before the queue existed. */
function poolsAtEndOf(
  project: SandboxProject,
  queue: SandboxQueue,
  minute: number,
): QueuePools {
  const cache = stateCacheOf(project, queue);
  if (minute < cache.anchorMinute) return EMPTY;
  const index = minute - cache.anchorMinute;
  // Integrate forward; computeMinute(k) reads the pools of k − 1, which the loop has just stored.
  while (cache.pools.length <= index)
    cache.pools.push(
      computeMinute(project, queue, cache.anchorMinute + cache.pools.length)
        .pools,
    );
  return cache.pools[index]!;
}

/** Tasks in the queue at the end of `minute` (index since the epoch); 0 before the queue existed. */
export function depthAtEndOf(
  project: SandboxProject,
  queue: SandboxQueue,
  minute: number,
): number {
  const pools = poolsAtEndOf(project, queue, minute);
  return pools.fresh + pools.retrying;
}

/** What the queue did in the minute starting at `minuteStartMs` (floored to the minute). */
export function queueMinute(
  project: SandboxProject,
  queue: SandboxQueue,
  minuteStartMs: number,
): QueueMinute {
  const minute = Math.floor(minuteStartMs / MINUTE_MS);
  poolsAtEndOf(project, queue, minute - 1);
  return computeMinute(project, queue, minute);
}
