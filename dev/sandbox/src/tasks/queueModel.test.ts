import { describe, expect, it } from 'vitest';
import { configFromService } from '../run/serviceConfig';
import { buildGryydWeb } from '../scenarios/gryydWeb';
import { minuteSample } from '../traffic/SandboxTrafficModel';
import type { SandboxProject } from '../world';
import { depthAtEndOf, queueMinute } from './queueModel';
import type { QueueStateName, SandboxQueue } from './queueTypes';

const NOW = Date.parse('2026-03-03T12:00:00Z'); // 21:00 in Seoul: the evening peak
const MINUTE = 60_000;
const minuteOf = (ms: number) => Math.floor(ms / MINUTE);

function scenario(): { project: SandboxProject; queue: SandboxQueue } {
  const project = buildGryydWeb({ now: NOW, services: 0 });
  return {
    project,
    queue: project.backing!.queues.get('asia-northeast3/generation')!,
  };
}

function setState(
  queue: SandboxQueue,
  state: QueueStateName,
  at: number,
): void {
  const last = queue.history[queue.history.length - 1]!.settings;
  queue.history.push({ effectiveFrom: at, settings: { ...last, state } });
}

/** Raises the worker's max instances from `at` on (as a committed Run PATCH would). */
function setWorkerMax(
  project: SandboxProject,
  maxInstances: number,
  at: number,
): void {
  const worker = project.services.get('gryd-worker')!;
  const config = { ...configFromService(worker.resource), maxInstances };
  worker.history.push({ effectiveFrom: at, config });
}

describe('queue model', () => {
  it('is deterministic and never negative; enqueue follows gryd-be at about 0.1 jobs/s', () => {
    const a = scenario();
    const b = scenario();
    let enqueued = 0;
    for (let m = minuteOf(NOW) - 24 * 60; m < minuteOf(NOW); m++) {
      const minute = queueMinute(a.project, a.queue, m * MINUTE);
      expect(minute.depth).toBeGreaterThanOrEqual(0);
      expect(minute.succeeded + minute.failed).toBe(minute.attempts);
      enqueued += minute.enqueued;
    }
    expect(enqueued / 86_400).toBeGreaterThan(0.05);
    expect(enqueued / 86_400).toBeLessThan(0.2);
    expect(depthAtEndOf(b.project, b.queue, minuteOf(NOW) - 1)).toBe(
      depthAtEndOf(a.project, a.queue, minuteOf(NOW) - 1),
    );
  });

  it('feeds the worker with its dispatches: the worker serves at most max × concurrency, the rest are 429s', () => {
    const { project, queue } = scenario();
    const worker = project.services.get('gryd-worker')!;
    for (let m = minuteOf(NOW) - 120; m < minuteOf(NOW); m++) {
      const minute = queueMinute(project, queue, m * MINUTE);
      const sample = minuteSample(project, worker, m * MINUTE);
      expect(sample.requests).toBe(minute.attempts);
      expect(sample.instances).toBeLessThanOrEqual(10);
      const refused = minute.responses.find(r => r.code === 429)?.count ?? 0;
      expect(refused).toBe(sample.refused);
    }
  });

  it('grows while paused (no dispatches, no worker demand) and drains after resume', () => {
    const { project, queue } = scenario();
    const pausedAt = NOW - 6 * 3_600_000;
    setState(queue, 'PAUSED', pausedAt);
    setWorkerMax(project, 100, pausedAt); // enough worker capacity to drain fast once resumed
    const resumedAt = NOW - 2 * 3_600_000;
    setState(queue, 'RUNNING', resumedAt);
    const depth = (ms: number) => depthAtEndOf(project, queue, minuteOf(ms));
    expect(depth(pausedAt + 60 * MINUTE)).toBeGreaterThan(
      depth(pausedAt + 5 * MINUTE),
    );
    expect(depth(resumedAt - MINUTE)).toBeGreaterThan(
      depth(pausedAt + 60 * MINUTE),
    );
    expect(depth(resumedAt - MINUTE)).toBeGreaterThan(500);
    const paused = queueMinute(project, queue, pausedAt + 30 * MINUTE);
    expect(paused.attempts).toBe(0);
    expect(
      minuteSample(
        project,
        project.services.get('gryd-worker')!,
        pausedAt + 30 * MINUTE,
      ).requests,
    ).toBe(0);
    // After resume the backlog is dispatched as fast as the rate limit (5/s) and the worker allow.
    expect(depth(resumedAt + 30 * MINUTE)).toBeLessThan(
      depth(resumedAt - MINUTE) / 2,
    );
    expect(depth(resumedAt + 110 * MINUTE)).toBeLessThan(20);
  });

  it('grows when enqueue outpaces the worker (max instances 1) and a purge empties it', () => {
    const { project, queue } = scenario();
    const from = NOW - 4 * 3_600_000;
    setWorkerMax(project, 1, from);
    const depth = (ms: number) => depthAtEndOf(project, queue, minuteOf(ms));
    expect(depth(NOW - MINUTE)).toBeGreaterThan(depth(from + 30 * MINUTE) + 50);
    const purgeAt = NOW - 30 * MINUTE + 5_000;
    queue.history.push({
      effectiveFrom: purgeAt,
      settings: queue.history[queue.history.length - 1]!.settings,
      purge: true,
    });
    // The purge applies from the first full minute after it; the minute it happened in keeps its tasks.
    expect(depth(purgeAt)).toBeGreaterThan(50);
    expect(depth(purgeAt + MINUTE)).toBeLessThanOrEqual(
      queueMinute(project, queue, purgeAt + MINUTE).enqueued,
    );
  });

  it('keeps cached minutes before an edit and recomputes those after it', () => {
    const { project, queue } = scenario();
    const before = depthAtEndOf(project, queue, minuteOf(NOW) - 1);
    const early = depthAtEndOf(project, queue, minuteOf(NOW) - 300);
    setState(queue, 'PAUSED', NOW - 200 * MINUTE);
    expect(depthAtEndOf(project, queue, minuteOf(NOW) - 300)).toBe(early);
    const fresh = scenario();
    setState(fresh.queue, 'PAUSED', NOW - 200 * MINUTE);
    const after = depthAtEndOf(project, queue, minuteOf(NOW) - 1);
    expect(after).toBe(
      depthAtEndOf(fresh.project, fresh.queue, minuteOf(NOW) - 1),
    );
    expect(after).toBeGreaterThan(before);
  });

  it('stops refusing once maxConcurrentDispatches fits the worker (10 × 1)', () => {
    const { project, queue } = scenario();
    const from = NOW - 3 * 3_600_000;
    const last = queue.history[queue.history.length - 1]!.settings;
    queue.history.push({
      effectiveFrom: from,
      settings: { ...last, maxConcurrentDispatches: 10 },
    });
    let refused = 0;
    for (let m = minuteOf(from) + 1; m < minuteOf(NOW); m++)
      refused +=
        queueMinute(project, queue, m * MINUTE).responses.find(
          r => r.code === 429,
        )?.count ?? 0;
    expect(refused).toBe(0);
    const fresh = scenario();
    let before = 0;
    for (let m = minuteOf(from) + 1; m < minuteOf(NOW); m++)
      before +=
        queueMinute(fresh.project, fresh.queue, m * MINUTE).responses.find(
          r => r.code === 429,
        )?.count ?? 0;
    expect(before).toBeGreaterThan(100);
  });
});
