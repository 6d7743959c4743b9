import { describe, expect, it } from 'vitest';
import {
  explainQueueBudget,
  formatQueueBudget,
  queueWorkerBudget,
} from './queueGuardrail';
import { queueCapacityWarnings, queueInFlight } from './capacityWarnings';

const generation = {
  queue: 'generation',
  worker: 'gryd-worker',
  maxInstances: 10,
  concurrency: 1,
  maxConcurrentDispatches: 10,
  maxDispatchesPerSecond: 1,
  taskSeconds: 70,
};

describe('queueWorkerBudget', () => {
  it('compares tasks in flight with max instances × concurrency', () => {
    const b = queueWorkerBudget(generation);
    expect(b).toMatchObject({
      workerCapacity: 10,
      concurrentAtMaxRate: 70,
      exceedsWorker: false,
    });
    expect(queueInFlight(b)).toBe(10);
    expect(formatQueueBudget(b)).toBe(
      'generation → gryd-worker: up to 10 tasks in flight vs max 10 × 1 = 10',
    );
  });

  it("the dispatch rate bounds tasks in flight when it is the tighter limit (Little's law)", () => {
    const b = queueWorkerBudget({
      ...generation,
      maxConcurrentDispatches: 1000,
      maxDispatchesPerSecond: 0.1,
    });
    expect(queueInFlight(b)).toBe(7);
    expect(b.exceedsWorker).toBe(false);
    expect(formatQueueBudget(b)).toBe(
      'generation → gryd-worker: up to 7 tasks in flight (0.1/s × 70 s per task) vs max 10 × 1 = 10',
    );
    // Every figure of that line, in words.
    expect(explainQueueBudget(b)).toBe(
      'At its max dispatch rate of 0.1 tasks per second, with each task taking 70 s on gryd-worker on average ' +
        '(its median request latency over the last 24 h), the queue keeps 0.1 × 70 = 7, so up to 7 tasks in flight ' +
        "at once (rate × time per task, Little's law, rounded up to whole tasks), below its cap of 1,000 concurrent " +
        'dispatches. ' +
        'gryd-worker runs at most max instances × concurrency = 10 × 1 = 10 tasks at once; dispatches above that ' +
        'get 429 from Cloud Run and come back as retries with backoff.',
    );
  });

  it('states the tasks in flight from the product as shown, so the line and its words agree', () => {
    const at = (taskSeconds: number) =>
      queueWorkerBudget({
        ...generation,
        maxConcurrentDispatches: 1000,
        maxDispatchesPerSecond: 0.2,
        taskSeconds,
      });
    // 0.2 × 435.02 = 87.004: shown as 87, so 87 tasks, not 88.
    expect(formatQueueBudget(at(435.02))).toContain(
      'up to 87 tasks in flight (0.2/s × 435 s per task)',
    );
    expect(explainQueueBudget(at(435.02))).toContain(
      '0.2 × 435 = 87, so up to 87 tasks in flight',
    );
    // 0.2 × 435.6 = 87.12: shown as 87.1, a task begun counts.
    expect(formatQueueBudget(at(435.6))).toContain(
      'up to 88 tasks in flight (0.2/s × 435.6 s per task)',
    );
    expect(explainQueueBudget(at(435.6))).toContain(
      '0.2 × 435.6 = 87.1, so up to 88 tasks in flight',
    );
  });

  it('without a task duration only maxConcurrentDispatches counts', () => {
    const b = queueWorkerBudget({
      ...generation,
      maxConcurrentDispatches: 11,
      taskSeconds: null,
    });
    expect(b.concurrentAtMaxRate).toBeNull();
    expect(b.exceedsWorker).toBe(true);
  });
});

describe('queueCapacityWarnings', () => {
  const at = (concurrent: number, maxInstances = 10) =>
    queueWorkerBudget({
      ...generation,
      maxConcurrentDispatches: concurrent,
      maxInstances,
    });

  it('requires acknowledgement when the queue can outrun its worker after the change', () => {
    const w = queueCapacityWarnings([{ before: at(10), after: at(50) }]);
    expect(w).toEqual([
      expect.objectContaining({
        code: 'QUEUE_DISPATCH_ABOVE_WORKER_CAPACITY',
        requiresAcknowledgement: true,
      }),
    ]);
    expect(w[0]!.message).toContain(
      'up to 50 tasks in flight vs max 10 × 1 = 10',
    );
  });

  it('also when the worker shrinks below the queue (scaling preview of the worker)', () => {
    expect(
      queueCapacityWarnings([{ before: at(10, 10), after: at(10, 5) }])[0],
    ).toMatchObject({ requiresAcknowledgement: true });
  });

  it('reports an excess the change reduces without asking, and is silent within capacity', () => {
    expect(queueCapacityWarnings([{ before: at(50), after: at(40) }])).toEqual([
      expect.objectContaining({
        code: 'QUEUE_DISPATCH_ALREADY_ABOVE_WORKER_CAPACITY',
        requiresAcknowledgement: false,
      }),
    ]);
    expect(queueCapacityWarnings([{ before: at(5), after: at(10) }])).toEqual(
      [],
    );
  });
});
