/**
 * The `generation` Cloud Tasks queue of gryyd-web (docs/sandbox.md (scenario 1)): gryd-be enqueues a long
 * image generation job for a small share of its API requests; the queue pushes each job to gryd-worker
 * (max 10 instances × concurrency 1, ~70 s per job). The queue allows far more jobs in flight (the
 * default 1000 concurrent dispatches) than the worker can run, the finding the queue → worker
 * guardrail reports; at the evening peak jobs wait in the queue and the worker answers 429s.
 */
import { scenarioQueue } from '../tasks/queueScenario';
import type { SandboxQueue } from '../tasks/queueTypes';

const DAY_MS = 86_400_000;

/**
 * The queue, created 8 days before `now`: its depth is integrated minute by minute from creation,
 * so a recent creation keeps the first metrics call cheap while still covering the 7-day charts.
 */
export function generationQueue(now: number): SandboxQueue {
  return scenarioQueue({
    projectId: 'gryyd-web',
    location: 'asia-northeast3',
    queueId: 'generation',
    createTime: now - 8 * DAY_MS,
    maxDispatchesPerSecond: 5,
    maxAttempts: 10,
    minBackoffSeconds: 5,
    maxBackoffSeconds: 600,
    maxDoublings: 5,
    // ~25 API requests/s at the daily mean × 0.004 ≈ 0.1 jobs/s, as the worker's own profile had.
    workload: {
      producer: 'gryd-be',
      tasksPerRequest: 0.004,
      target: 'gryd-worker',
      targetDemand: 'replace',
    },
  });
}
