/**
 * The Cloud Tasks queue and the small Memorystore instance of avocano-shop (docs/sandbox.md (scenario 2)):
 * about 1 % of the API's requests are checkouts that enqueue an order e-mail; the queue pushes it back
 * to a task endpoint of avocano-api itself (label `tasks-queue-target: order-emails`). A 1 GB BASIC
 * Redis is the Django cache, reached through REDIS_URL with a pool of 4 connections per container.
 */
import { scenarioRedisInstance } from '../redis/instanceResource';
import type { SandboxRedisInstance } from '../redis/redisTypes';
import { scenarioQueue } from '../tasks/queueScenario';
import type { SandboxQueue } from '../tasks/queueTypes';

const PROJECT = 'avocano-shop';
const REGION = 'us-central1';
const DAY_MS = 86_400_000;
/** avocano-cache's private IP (avocano-api's REDIS_URL). */
export const AVOCANO_REDIS_HOST = '10.0.1.4';

/** `order-emails`, created 8 days before `now` (depth is integrated from there). */
export function orderEmailsQueue(now: number): SandboxQueue {
  return scenarioQueue({
    projectId: PROJECT,
    location: REGION,
    queueId: 'order-emails',
    createTime: now - 8 * DAY_MS,
    maxDispatchesPerSecond: 10,
    maxConcurrentDispatches: 20,
    maxAttempts: 20,
    minBackoffSeconds: 1,
    maxBackoffSeconds: 300,
    workload: {
      producer: 'avocano-api',
      tasksPerRequest: 0.01,
      target: 'avocano-api',
      targetDemand: 'add',
    },
  });
}

/** `avocano-cache`: BASIC, 1 GB. */
export function avocanoCache(createTime: number): SandboxRedisInstance {
  return scenarioRedisInstance({
    projectId: PROJECT,
    location: REGION,
    instanceId: 'avocano-cache',
    displayName: 'avocano Django cache',
    tier: 'BASIC',
    memorySizeGb: 1,
    host: AVOCANO_REDIS_HOST,
    reservedIpRange: '10.0.1.0/29',
    createTime,
    redisVersion: 'REDIS_6_X',
    redisConfigs: { 'maxmemory-policy': 'allkeys-lru' },
    labels: { app: 'avocano' },
    dataGiB: 0.2,
    connectionsPerInstance: { 'avocano-api': 4 },
  });
}
