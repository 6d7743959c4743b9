import { formatNumber } from '../format/numberFormat';
import type { QueueWorkerBudget } from '../types/capacity';

/** The inputs of {@link queueWorkerBudget}. */
export interface QueueWorkerInput {
  queue: string;
  worker: string;
  /** Max instances of the worker service. */
  maxInstances: number;
  /** Concurrent requests per worker instance. */
  concurrency: number;
  maxConcurrentDispatches: number;
  /** Dispatches per second. */
  maxDispatchesPerSecond: number;
  /** Mean seconds a task takes on the worker (its request latency), or null if unknown. */
  taskSeconds: number | null;
}

/**
 * A queue's dispatch limits against the worker it targets. The worker runs at most max instances ×
 * concurrency tasks at once; the queue may have up to maxConcurrentDispatches in flight, and at its
 * full rate it keeps rate × task seconds in flight (Little's law). Either above the worker's capacity
 * means dispatches get 429 from Cloud Run and come back as retries with backoff.
 */
export function queueWorkerBudget(input: QueueWorkerInput): QueueWorkerBudget {
  const workerCapacity = input.maxInstances * input.concurrency;
  const concurrentAtMaxRate =
    input.taskSeconds !== null
      ? input.maxDispatchesPerSecond * input.taskSeconds
      : null;
  // The queue never has more in flight than maxConcurrentDispatches, whatever the rate.
  const inFlight = Math.min(
    input.maxConcurrentDispatches,
    concurrentAtMaxRate ?? input.maxConcurrentDispatches,
  );
  return {
    queue: input.queue,
    worker: input.worker,
    maxInstances: input.maxInstances,
    concurrency: input.concurrency,
    workerCapacity,
    maxConcurrentDispatches: input.maxConcurrentDispatches,
    maxDispatchesPerSecond: input.maxDispatchesPerSecond,
    taskSeconds: input.taskSeconds,
    concurrentAtMaxRate,
    exceedsWorker: inFlight > workerCapacity,
  };
}

const n = (value: number, digits = 0) =>
  formatNumber(value, { maximumFractionDigits: digits });

/**
 * Whole tasks in flight as the preview states them: rate × task seconds rounded up, from the product as
 * shown (one decimal), so "0.2/s × 435 s" reads 87 and not 88 for a product of 87.004.
 */
function tasksInFlight(budget: QueueWorkerBudget): number {
  const inFlight = Math.min(
    budget.maxConcurrentDispatches,
    budget.concurrentAtMaxRate ?? budget.maxConcurrentDispatches,
  );
  return Math.ceil(Math.round(inFlight * 10) / 10);
}

/**
 * "generation → gryd-worker: up to 1,000 tasks in flight vs max 10 × 1 = 10" (in flight = the
 * smaller of maxConcurrentDispatches and rate × task seconds).
 */
export function formatQueueBudget(budget: QueueWorkerBudget): string {
  const how =
    budget.concurrentAtMaxRate !== null &&
    budget.concurrentAtMaxRate < budget.maxConcurrentDispatches
      ? ` (${n(budget.maxDispatchesPerSecond, 2)}/s × ${n(
          budget.taskSeconds ?? 0,
          1,
        )} s per task)`
      : '';
  return (
    `${budget.queue} → ${budget.worker}: up to ${n(
      tasksInFlight(budget),
    )} tasks in flight${how} ` +
    `vs max ${n(budget.maxInstances)} × ${n(budget.concurrency)} = ${n(
      budget.workerCapacity,
    )}`
  );
}

/**
 * Every figure of {@link formatQueueBudget} in words: where the tasks in flight come from (the
 * concurrency cap, or max rate × the mean time a task takes — Little's law) and what the worker can
 * run at once.
 */
export function explainQueueBudget(budget: QueueWorkerBudget): string {
  const rateBound =
    budget.concurrentAtMaxRate !== null &&
    budget.concurrentAtMaxRate < budget.maxConcurrentDispatches;
  const inFlight = rateBound
    ? `At its max dispatch rate of ${n(
        budget.maxDispatchesPerSecond,
        2,
      )} tasks per second, with each task taking ${n(
        budget.taskSeconds ?? 0,
        1,
      )} s on ${
        budget.worker
      } on average (its median request latency over the last 24 h), the queue keeps ${n(
        budget.maxDispatchesPerSecond,
        2,
      )} × ${n(budget.taskSeconds ?? 0, 1)} = ${n(
        budget.concurrentAtMaxRate ?? 0,
        1,
      )}, so up to ${n(
        tasksInFlight(budget),
      )} tasks in flight at once (rate × time per task, Little's law, rounded up to whole tasks), below its cap of ${n(
        budget.maxConcurrentDispatches,
      )} concurrent dispatches.`
    : `The queue may have up to ${n(
        budget.maxConcurrentDispatches,
      )} tasks in flight at once: its max concurrent dispatches${
        budget.concurrentAtMaxRate === null
          ? ` (the time a task takes on ${budget.worker} is unknown, so the rate cannot lower it)`
          : `, reached before its rate limit is (${n(
              budget.maxDispatchesPerSecond,
              2,
            )}/s × ${n(budget.taskSeconds ?? 0, 1)} s per task = ${n(
              budget.concurrentAtMaxRate,
              1,
            )})`
      }.`;
  const worker = `${
    budget.worker
  } runs at most max instances × concurrency = ${n(budget.maxInstances)} × ${n(
    budget.concurrency,
  )} = ${n(
    budget.workerCapacity,
  )} tasks at once; dispatches above that get 429 from Cloud Run and come back as retries with backoff.`;
  return `${inFlight} ${worker}`;
}
