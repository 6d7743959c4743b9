/**
 * Memorystore and the second Redis client of chat-realtime (docs/sandbox.md (scenario 3)).
 *
 * Connections per container — the sandbox's decision, documented in docs/sandbox.md:
 * - `chatservice` holds 2 Redis connections per instance (one publisher, one subscriber: the
 *   socket.io Redis adapter pattern of the Cloud Run WebSocket chat tutorial). Its ~250 WebSocket
 *   clients per container share them, so even max 1000 instances stay at 2,000 of 65,000.
 * - `chat-history`, a REST API serving message history, sizes its connection pool to its concurrency
 *   (80 per instance, label `redis-connections-per-instance: "80"`): harmless at its few instances, but
 *   max 1000 × 80 = 80,000 exceeds the 65,000 connected clients Redis allows — the guardrail's finding.
 */
import { scenarioRedisInstance } from '../redis/instanceResource';
import type { SandboxRedisInstance } from '../redis/redisTypes';
import type { SandboxRunService } from '../world';
import { image, profile, runService } from './scenarioKit';

const PROJECT = 'chat-realtime';
const REGION = 'asia-northeast3';
/** chat-redis's private IP: what chatservice's REDISHOST already says. */
export const CHAT_REDIS_HOST = '10.0.0.3';

/** `chat-redis`: BASIC, 1 GB, for pub/sub and recent history. */
export function chatRedis(createTime: number): SandboxRedisInstance {
  return scenarioRedisInstance({
    projectId: PROJECT,
    location: REGION,
    instanceId: 'chat-redis',
    displayName: 'chat pub/sub and history',
    tier: 'BASIC',
    memorySizeGb: 1,
    host: CHAT_REDIS_HOST,
    reservedIpRange: '10.0.0.0/29',
    createTime,
    redisConfigs: {
      'maxmemory-policy': 'allkeys-lru',
      'notify-keyspace-events': 'Ex',
    },
    labels: { app: 'chat', env: 'prod' },
    dataGiB: 0.45,
    connectionsPerInstance: { chatservice: 2, 'chat-history': 80 },
  });
}

/** `chat-history`: the message history API, wired to chat-redis by REDIS_URL. */
export function chatHistoryService(createTime: number): SandboxRunService {
  return runService(
    {
      projectId: PROJECT,
      region: REGION,
      name: 'chat-history',
      createTime,
      image: image(PROJECT, REGION, 'chat', 'chat-history', 'v1.3.0'),
      cpu: '1',
      memory: '512Mi',
      cpuIdle: true,
      minInstances: 1,
      maxInstances: 1000,
      concurrency: 80,
      vpcConnector: `projects/${PROJECT}/locations/${REGION}/connectors/chat-connector`,
      labels: {
        app: 'chat',
        env: 'prod',
        'redis-connections-per-instance': '80',
      },
      env: [
        { name: 'REDIS_URL', value: `redis://${CHAT_REDIS_HOST}:6379/0` },
        { name: 'REDIS_POOL_SIZE', value: '80' },
      ],
    },
    profile({
      baseRps: 40,
      latencyP50Ms: 25,
      peakHour: 22,
      diurnalAmplitude: 0.5,
      weekendFactor: 1.1,
      seed: 302,
    }),
  );
}
