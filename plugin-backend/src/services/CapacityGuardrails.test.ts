import { describe, expect, it } from 'vitest';
import type {
  CloudRunService,
  CloudTasksQueue,
  RedisInstance,
} from '@gcp-serverless/common';
import {
  estimatedConnectionsPerInstance,
  queueBudgetsOf,
  redisBudgetOf,
  type CapacityContext,
} from './CapacityGuardrails';

const at = (values: number[]) =>
  values.map((value, i) => ({ time: `2026-03-03T12:0${i}:00.000Z`, value }));
const service = (
  name: string,
  maxInstances: number,
  extra: Partial<CloudRunService> = {},
) =>
  ({
    projectId: 'chat-realtime',
    region: 'asia-northeast3',
    name,
    labels: {},
    scaling: { minInstances: 0, maxInstances, concurrency: 80 },
    ...extra,
  } as CloudRunService);
const redis = {
  projectId: 'chat-realtime',
  region: 'asia-northeast3',
  name: 'chat-redis',
  host: '10.0.0.3',
} as RedisInstance;

function context(overrides: Partial<CapacityContext> = {}): CapacityContext {
  return {
    services: [
      service('chatservice', 1000, { wiringEnv: { REDISHOST: '10.0.0.3' } }),
      service('chat-history', 1000, {
        wiringEnv: { REDIS_URL: 'redis://10.0.0.3:6379/0' },
        labels: { 'redis-connections-per-instance': '80' },
      }),
    ],
    redis: [redis],
    queues: [],
    // At the peak step: chatservice 300 instances × 2 + chat-history 3 × 80 = 840 connected.
    connected: new Map([
      ['chat-redis', [{ key: 'connected', points: at([500, 840, 700]) }]],
    ]),
    runInstances: new Map([
      ['chatservice', [{ key: 'instances', points: at([200, 300, 280]) }]],
      ['chat-history', [{ key: 'instances', points: at([2, 3, 3]) }]],
    ]),
    latencySeconds: null,
    overrides: [],
    ...overrides,
  };
}

describe('Redis budget from a project context', () => {
  it('estimates unlabelled services net of labelled ones at the peak step', () => {
    const ctx = context();
    expect(
      estimatedConnectionsPerInstance(
        ctx,
        'chat-redis',
        ['chatservice', 'chat-history'],
        new Map([['chat-history', 80]]),
      ),
    ).toBe(2);
    const budget = redisBudgetOf(ctx, redis);
    expect(
      budget.terms.map(t => [
        t.service,
        t.connectionsPerInstance,
        t.connectionsSource,
      ]),
    ).toEqual([
      ['chatservice', 2, 'metrics'],
      ['chat-history', 80, 'label'],
    ]);
    expect(budget.worstCase).toBe(82_000);
  });

  it("a proposed scaling replaces one service's max instances; config beats the label", () => {
    const ctx = context({
      overrides: [
        {
          projectId: 'chat-realtime',
          service: 'chat-history',
          redisConnectionsPerInstance: 10,
        },
      ],
    });
    const budget = redisBudgetOf(ctx, redis, {
      service: 'chat-history',
      scaling: { minInstances: 0, maxInstances: 500, concurrency: 80 },
    });
    expect(budget.terms.find(t => t.service === 'chat-history')).toMatchObject({
      maxInstances: 500,
      connectionsPerInstance: 10,
      connectionsSource: 'config',
      connections: 5000,
    });
  });

  it('without metrics the default of 1 per instance is used and said', () => {
    const budget = redisBudgetOf(context({ connected: null }), redis);
    expect(budget.terms.find(t => t.service === 'chatservice')).toMatchObject({
      connectionsPerInstance: 1,
      connectionsSource: 'default',
    });
  });
});

describe('queue budgets from a project context', () => {
  const queue = {
    projectId: 'gryyd-web',
    name: 'generation',
    rateLimits: { maxDispatchesPerSecond: 5, maxConcurrentDispatches: 1000 },
  } as CloudTasksQueue;
  const ctx = context({
    services: [
      {
        ...service('gryd-worker', 10, {
          labels: { 'tasks-queue-target': 'generation' },
        }),
        projectId: 'gryyd-web',
        scaling: { minInstances: 0, maxInstances: 10, concurrency: 1 },
      },
    ],
    latencySeconds: new Map([
      ['gryd-worker', [{ key: 'p50', points: at([60, 80]) }]],
    ]),
  });

  it("uses the worker's scaling and mean median latency as task seconds", () => {
    expect(queueBudgetsOf(ctx, queue)).toEqual([
      expect.objectContaining({
        worker: 'gryd-worker',
        workerCapacity: 10,
        taskSeconds: 70,
        concurrentAtMaxRate: 350,
        exceedsWorker: true,
      }),
    ]);
  });

  it('proposed rates or a proposed worker scaling replace the current ones', () => {
    expect(
      queueBudgetsOf(ctx, queue, {
        rates: { maxDispatchesPerSecond: 0.1, maxConcurrentDispatches: 5 },
      })[0],
    ).toMatchObject({ exceedsWorker: false });
    expect(
      queueBudgetsOf(ctx, queue, {
        scalingOverride: {
          service: 'gryd-worker',
          scaling: { minInstances: 0, maxInstances: 400, concurrency: 1 },
        },
      })[0],
    ).toMatchObject({
      workerCapacity: 400,
      exceedsWorker: false,
    });
  });
});
