/**
 * The Cloud Tasks queue model: what a queue did in one minute of sandbox time. Like the Cloud Run
 * traffic model it is a deterministic function of (queue, minute) and the histories in force, but
 * depth is a state (it integrates enqueue minus successful dispatch), so it is integrated minute by
 * minute from the queue's creation (depth 0) and cached per queue; an edit of the queue or of its
 * target service truncates the cache from the first minute the edit applies to.
 *
 * Per minute m, with the settings in force at its start:
 * - enqueued = producer demand (its traffic profile, own noise) × 60 × tasksPerRequest;
 * - available = depth at the end of m−1 (0 when a purge applies from m) + enqueued;
 * - attempts = 0 unless RUNNING, else min(available, rate × 60, maxConcurrent × 60 ÷ task seconds):
 *   each waiting task is tried about once a minute (backoff is not modelled finer than that);
 * - the attempts are the target Cloud Run service's demand (QueueDemandSource), so its instances,
 *   max instances and concurrency decide how many it serves; the rest are 429s;
 * - succeeded = the 2xx share of the attempts; everything else stays in the queue and is retried;
 * - depth = available − succeeded. maxAttempts / maxRetryDuration do not drop tasks (not modelled).
 */
import { expectedDemandRps } from '../traffic/demand';
import { hashString, hashUnit, stochasticRound } from '../traffic/hash';
import { splitCounts } from '../traffic/responses';
import { minuteSample } from '../traffic/SandboxTrafficModel';
import type { SandboxProject, SandboxRunService } from '../world';
import type { QueueSettings, SandboxQueue } from './queueTypes';

const MINUTE_MS = 60_000;
const ENQUEUE_NOISE = 0.15;

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
}

interface DepthCache {
  anchorMinute: number;
  /** depths[i] = depth at the end of minute anchorMinute + i. */
  depths: number[];
  /** attempts[i] = dispatch attempts in minute anchorMinute + i (at most one entry ahead of depths). */
  attempts: number[];
  seenQueue: number;
  seenTarget: number;
}

const caches = new WeakMap<SandboxQueue, DepthCache>();

/** The settings in force at `epochMs` (the first entry's before it). */
export function queueSettingsAt(queue: SandboxQueue, epochMs: number): QueueSettings {
  let settings = queue.history[0]!.settings;
  for (const version of queue.history) {
    if (version.effectiveFrom <= epochMs) settings = version.settings;
    else break;
  }
  return settings;
}

/** Mean seconds a task occupies the target (its log-normal mean latency, unqueued). */
export function taskSeconds(target: SandboxRunService): number {
  const { latencyP50Ms, latencySigma } = target.traffic;
  return (latencyP50Ms * Math.exp((latencySigma * latencySigma) / 2)) / 1000;
}

const createdMinute = (queue: SandboxQueue) => Math.ceil(queue.history[0]!.effectiveFrom / MINUTE_MS);
const firstMinuteOf = (epochMs: number) => Math.ceil(epochMs / MINUTE_MS);

/** Enqueue counts by minute per queue: they depend on the producer's profile only, never on edits. */
const enqueueMemo = new WeakMap<SandboxQueue, Map<number, number>>();
const MAX_MEMO_MINUTES = 200_000;

/** Tasks the producer enqueues in minute `minute` (minute index since the epoch). */
export function enqueuedIn(project: SandboxProject, queue: SandboxQueue, minute: number): number {
  const workload = queue.workload;
  const producer = workload && project.services.get(workload.producer);
  if (!workload || !producer || minute < createdMinute(queue)) return 0;
  let memo = enqueueMemo.get(queue);
  if (!memo) enqueueMemo.set(queue, (memo = new Map()));
  const known = memo.get(minute);
  if (known !== undefined) return known;
  const stream = hashString(`queue:${queue.projectId}/${queue.queueId}`);
  const noise = 1 + ENQUEUE_NOISE * (2 * hashUnit(producer.traffic.seed, stream, minute, 1) - 1);
  const expected = expectedDemandRps(producer.traffic, project.timeZone, minute * MINUTE_MS) * 60 * workload.tasksPerRequest * noise;
  const enqueued = stochasticRound(Math.max(0, expected), hashUnit(producer.traffic.seed, stream, minute, 2));
  if (memo.size >= MAX_MEMO_MINUTES) memo.clear();
  memo.set(minute, enqueued);
  return enqueued;
}

function purgedAt(queue: SandboxQueue, minute: number): boolean {
  return queue.history.some((v) => v.purge && firstMinuteOf(v.effectiveFrom) === minute);
}

/** Tasks waiting at the start of `minute` plus those enqueued during it. */
function availableIn(project: SandboxProject, queue: SandboxQueue, minute: number): number {
  const before = purgedAt(queue, minute) ? 0 : depthAtEndOf(project, queue, minute - 1);
  return before + enqueuedIn(project, queue, minute);
}

/** Dispatch attempts of `minute`: the demand the queue puts on its target. */
export function attemptsIn(project: SandboxProject, queue: SandboxQueue, minute: number, available?: number): number {
  const target = queue.workload && project.services.get(queue.workload.target);
  if (!target || minute < createdMinute(queue)) return 0;
  // The target's samples ask for the attempts of a minute (and the one before) over and over while
  // the depth is integrated: remember them next to the depths, invalidated with them.
  const cache = cacheOf(project, queue);
  const index = minute - cache.anchorMinute;
  if (index < cache.attempts.length) return cache.attempts[index]!;
  const settings = queueSettingsAt(queue, minute * MINUTE_MS);
  let attempts = 0;
  if (settings.state === 'RUNNING') {
    const limit = Math.min(settings.maxDispatchesPerSecond * 60, (settings.maxConcurrentDispatches * 60) / taskSeconds(target));
    attempts = Math.min(available ?? availableIn(project, queue, minute), Math.floor(limit));
  }
  if (index === cache.attempts.length && index <= cache.depths.length) cache.attempts.push(attempts);
  return attempts;
}

/** Everything about `minute` (index since the epoch); reads the depth of the minute before from the cache. */
function computeMinute(project: SandboxProject, queue: SandboxQueue, minute: number): QueueMinute {
  const settings = queueSettingsAt(queue, minute * MINUTE_MS);
  const enqueued = enqueuedIn(project, queue, minute);
  const available = minute < createdMinute(queue) ? 0 : availableIn(project, queue, minute);
  const attempts = attemptsIn(project, queue, minute, available);
  const target = queue.workload && project.services.get(queue.workload.target);
  let responses: Array<{ code: number; count: number }> = [];
  if (target && attempts > 0) {
    const sample = minuteSample(project, target, minute * MINUTE_MS);
    // The attempts are a share of the target's requests (all of them for a dedicated worker):
    // split them over its response codes in proportion.
    const parts = splitCounts(attempts, sample.responses.map((r) => r.count));
    responses = sample.responses.map((r, i) => ({ code: r.code, count: parts[i]! })).filter((r) => r.count > 0);
  }
  const succeeded = responses.reduce((sum, r) => sum + (r.code >= 200 && r.code < 300 ? r.count : 0), 0);
  return {
    minuteStartMs: minute * MINUTE_MS, settings, enqueued, attempts, succeeded, failed: attempts - succeeded,
    responses, depth: available - succeeded,
  };
}

function cacheOf(project: SandboxProject, queue: SandboxQueue): DepthCache {
  const target = queue.workload && project.services.get(queue.workload.target);
  const targetLength = target?.history.length ?? 0;
  let cache = caches.get(queue);
  if (!cache) {
    cache = { anchorMinute: createdMinute(queue), depths: [], attempts: [], seenQueue: queue.history.length, seenTarget: targetLength };
    caches.set(queue, cache);
    return cache;
  }
  // New history entries (queue edits, target service edits) change the minutes from theirs on.
  let firstChanged = Infinity;
  for (let i = cache.seenQueue; i < queue.history.length; i++) firstChanged = Math.min(firstChanged, firstMinuteOf(queue.history[i]!.effectiveFrom));
  for (let i = cache.seenTarget; i < targetLength; i++) firstChanged = Math.min(firstChanged, firstMinuteOf(target!.history[i]!.effectiveFrom));
  if (queue.history.length < cache.seenQueue || targetLength < cache.seenTarget) firstChanged = cache.anchorMinute;
  if (firstChanged !== Infinity) {
    cache.depths.length = Math.max(0, Math.min(cache.depths.length, firstChanged - cache.anchorMinute));
    cache.attempts.length = Math.min(cache.attempts.length, cache.depths.length);
  }
  cache.seenQueue = queue.history.length;
  cache.seenTarget = targetLength;
  return cache;
}

/** Tasks in the queue at the end of `minute` (index since the epoch); 0 before the queue existed. */
export function depthAtEndOf(project: SandboxProject, queue: SandboxQueue, minute: number): number {
  const cache = cacheOf(project, queue);
  if (minute < cache.anchorMinute) return 0;
  const index = minute - cache.anchorMinute;
  // Integrate forward; computeMinute(k) reads depth(k − 1), which the loop has just stored.
  while (cache.depths.length <= index) {
    const next = cache.anchorMinute + cache.depths.length;
    cache.depths.push(computeMinute(project, queue, next).depth);
  }
  return cache.depths[index]!;
}

/** What the queue did in the minute starting at `minuteStartMs` (floored to the minute). */
export function queueMinute(project: SandboxProject, queue: SandboxQueue, minuteStartMs: number): QueueMinute {
  const minute = Math.floor(minuteStartMs / MINUTE_MS);
  depthAtEndOf(project, queue, minute - 1);
  return computeMinute(project, queue, minute);
}
