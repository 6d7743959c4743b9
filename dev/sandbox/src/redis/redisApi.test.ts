import { CloudRedisClient } from '@google-cloud/redis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sandboxClientOptions } from '../run/servicesClientForSandbox';
import { startSandbox, type Sandbox } from '../server';

/** The real `@google-cloud/redis` CloudRedisClient against the sandbox over HTTP (docs/google-apis.md §1 options). */

const CHAT_REDIS =
  'projects/chat-realtime/locations/asia-northeast3/instances/chat-redis';
const noRetry = { retry: { retryCodes: [] } } as never;

let sandbox: Sandbox;
let client: CloudRedisClient;

beforeAll(async () => {
  // Operations finish 1 s of real time after they start (completion is lazy: only a Redis request settles them).
  sandbox = await startSandbox({
    port: 0,
    scenarios: ['chat-realtime', 'avocano-shop'],
    operationDelayMs: 1000,
  });
  client = new CloudRedisClient(sandboxClientOptions(sandbox.port) as never);
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
});
beforeEach(() => sandbox.reset());

async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: number; message: string; statusDetails?: unknown[] }> {
  try {
    await promise;
  } catch (error) {
    return error as {
      code: number;
      message: string;
      statusDetails?: unknown[];
    };
  }
  throw new Error('expected the call to fail');
}

const fieldsOf = (error: { statusDetails?: unknown[] }) =>
  (
    error.statusDetails?.[0] as { fieldViolations: Array<{ field: string }> }
  ).fieldViolations.map(v => v.field);

describe('Memorystore for Redis v1 with the official client', () => {
  it('lists instances of one region and of every region (locations/-), and gets one', async () => {
    const [all] = await client.listInstances({
      parent: 'projects/chat-realtime/locations/-',
    });
    expect(all.map(i => i.name)).toEqual([CHAT_REDIS]);
    const [none] = await client.listInstances({
      parent: 'projects/chat-realtime/locations/us-central1',
    });
    expect(none).toEqual([]);
    const [instance] = await client.getInstance({ name: CHAT_REDIS });
    expect(instance).toMatchObject({
      tier: 'BASIC',
      memorySizeGb: 1,
      host: '10.0.0.3',
      port: 6379,
      state: 'READY',
      redisVersion: 'REDIS_7_0',
    });
    expect(sandbox.counters.get('redis.instances.list')).toBe(2);
  });

  it('updates memory and configs through a long-running operation awaited with op.promise()', async () => {
    const [op] = await client.updateInstance({
      instance: {
        name: CHAT_REDIS,
        memorySizeGb: 2,
        redisConfigs: { 'maxmemory-policy': 'volatile-lru' },
        tier: 'STANDARD_HA',
      },
      updateMask: { paths: ['memory_size_gb', 'redis_configs'] },
    });
    const stored = sandbox.world.projects
      .get('chat-realtime')!
      .backing!.redisInstances.get('asia-northeast3/chat-redis')!;
    expect(stored.resource['state']).toBe('UPDATING');
    const [result] = await op.promise();
    // op.promise() decodes the response into a raw protobuf object: enums arrive as numbers (READY = 2).
    expect(result).toMatchObject({
      name: CHAT_REDIS,
      memorySizeGb: 2,
      state: 2,
      redisConfigs: { 'maxmemory-policy': 'volatile-lru' },
    });
    const [read] = await client.getInstance({ name: CHAT_REDIS });
    expect(read).toMatchObject({
      memorySizeGb: 2,
      tier: 'BASIC',
      state: 'READY',
    });
    expect(sandbox.counters.get('redis.operations.get')).toBeGreaterThan(0);
    const instance = sandbox.world.projects
      .get('chat-realtime')!
      .backing!.redisInstances.get('asia-northeast3/chat-redis')!;
    expect(instance.history.map(v => v.memorySizeGb)).toEqual([1, 2]);
  });

  it('requires an update mask of updatable fields', async () => {
    const noMask = await rejection(
      client.updateInstance(
        { instance: { name: CHAT_REDIS, memorySizeGb: 2 } } as never,
        noRetry,
      ),
    );
    expect(noMask.code).toBe(3);
    expect(fieldsOf(noMask)).toEqual(['update_mask']);
    const tier = await rejection(
      client.updateInstance(
        {
          instance: { name: CHAT_REDIS, tier: 'STANDARD_HA' },
          updateMask: { paths: ['tier'] },
        },
        noRetry,
      ),
    );
    expect(tier.code).toBe(3);
    expect(tier.message).toContain('tier');
  });

  it('rejects values out of range and unsettable configs, naming the field, and writes nothing', async () => {
    const memory = await rejection(
      client.updateInstance(
        {
          instance: { name: CHAT_REDIS, memorySizeGb: 301 },
          updateMask: { paths: ['memory_size_gb'] },
        },
        noRetry,
      ),
    );
    expect(memory.code).toBe(3);
    expect(fieldsOf(memory)).toEqual(['instance.memory_size_gb']);
    const maxclients = await rejection(
      client.updateInstance(
        {
          instance: {
            name: CHAT_REDIS,
            redisConfigs: {
              maxclients: '100000',
              'maxmemory-policy': 'sometimes',
            },
          },
          updateMask: { paths: ['redis_config'] },
        },
        noRetry,
      ),
    );
    expect(fieldsOf(maxclients)).toEqual([
      'instance.redis_configs.maxclients',
      'instance.redis_configs.maxmemory-policy',
    ]);
    const [read] = await client.getInstance({ name: CHAT_REDIS });
    expect(read.memorySizeGb).toBe(1);
    expect(read.redisConfigs).toEqual({
      'maxmemory-policy': 'allkeys-lru',
      'notify-keyspace-events': 'Ex',
    });
  });

  it('refuses a second update while one runs, and answers NOT_FOUND for a missing instance', async () => {
    await client.updateInstance({
      instance: { name: CHAT_REDIS, displayName: 'x' },
      updateMask: { paths: ['display_name'] },
    });
    const busy = await rejection(
      client.updateInstance(
        {
          instance: { name: CHAT_REDIS, displayName: 'y' },
          updateMask: { paths: ['display_name'] },
        },
        noRetry,
      ),
    );
    expect(busy.code).toBe(9);
    const missing = await rejection(
      client.getInstance({ name: `${CHAT_REDIS}-nope` }, noRetry),
    );
    expect(missing.code).toBe(5);
  });
});
