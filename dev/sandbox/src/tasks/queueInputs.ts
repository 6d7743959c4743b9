/**
 * Inputs of the queue model that need no integration: the settings in force at a minute, how long a
 * task occupies its target, and how many tasks the producer enqueues per minute.
 */
import { expectedDemandRps } from '../traffic/demand';
import { hashString, hashUnit, stochasticRound } from '../traffic/hash';
import type { SandboxProject, SandboxRunService } from '../world';
import type { QueueSettings, SandboxQueue } from './queueTypes';

const MINUTE_MS = 60_000;
const ENQUEUE_NOISE = 0.15;

/** The settings in force at `epochMs` (the first entry's before it). */
export function queueSettingsAt(
  queue: SandboxQueue,
  epochMs: number,
): QueueSettings {
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

/** Minute index (since the epoch) of the first minute the queue existed in. */
export const createdMinute = (queue: SandboxQueue) =>
  Math.ceil(queue.history[0]!.effectiveFrom / MINUTE_MS);

/** Enqueue counts by minute per queue: they depend on the producer's profile only, never on edits. */
const enqueueMemo = new WeakMap<SandboxQueue, Map<number, number>>();
const MAX_MEMO_MINUTES = 200_000;

/** Tasks the producer enqueues in minute `minute` (minute index since the epoch). */
export function enqueuedIn(
  project: SandboxProject,
  queue: SandboxQueue,
  minute: number,
): number {
  const workload = queue.workload;
  const producer = workload && project.services.get(workload.producer);
  if (!workload || !producer || minute < createdMinute(queue)) return 0;
  let memo = enqueueMemo.get(queue);
  if (!memo) enqueueMemo.set(queue, (memo = new Map()));
  const known = memo.get(minute);
  if (known !== undefined) return known;
  const stream = hashString(`queue:${queue.projectId}/${queue.queueId}`);
  const noise =
    1 +
    ENQUEUE_NOISE *
      (2 * hashUnit(producer.traffic.seed, stream, minute, 1) - 1);
  const expected =
    expectedDemandRps(producer.traffic, project.timeZone, minute * MINUTE_MS) *
    60 *
    workload.tasksPerRequest *
    noise;
  const enqueued = stochasticRound(
    Math.max(0, expected),
    hashUnit(producer.traffic.seed, stream, minute, 2),
  );
  if (memo.size >= MAX_MEMO_MINUTES) memo.clear();
  memo.set(minute, enqueued);
  return enqueued;
}
