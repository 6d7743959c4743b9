import { CloudRedisClient } from '@google-cloud/redis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  readGcpServerlessConfig,
  googleClientOptions,
} from '@gcp-serverless/plugin-backend';
import { startTestBackend, type TestBackend } from './startTestBackend';

const R = '/projects/chat-realtime/locations/asia-northeast3/redis/chat-redis';
const CHAT = '/projects/chat-realtime/locations/asia-northeast3/services';
let backend: TestBackend;

beforeAll(async () => {
  backend = await startTestBackend({ scenarios: ['chat-realtime'] });
});
afterAll(async () => backend?.close());
beforeEach(async () => {
  await backend.control('POST', '/reset');
});

async function chatRedis() {
  const res = await backend.call(
    'GET',
    '/projects/chat-realtime/redis?window=24h',
  );
  return res.body.instances.find(
    (i: { name: string }) => i.name === 'chat-redis',
  );
}

describe('Redis page', () => {
  it('lists chat-redis with tier, size, clients, wired services and the worst-case budget', async () => {
    const res = await backend.call(
      'GET',
      '/projects/chat-realtime/redis?window=24h',
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([]);
    const r = res.body.instances.find(
      (i: { name: string }) => i.name === 'chat-redis',
    );
    expect(r).toMatchObject({
      tier: 'BASIC',
      memorySizeGb: 1,
      host: '10.0.0.3',
      state: 'READY',
    });
    expect(r.summary.connectedClients).toBeGreaterThan(0);
    expect(r.summary.memoryUsageRatio).toBeGreaterThan(0);
    expect(r.services).toEqual([
      { service: 'chat-history', via: 'env REDIS_URL=10.0.0.3' },
      { service: 'chatservice', via: 'env REDISHOST=10.0.0.3' },
    ]);
    // chatservice's 2 per instance comes from metrics once chat-history's labelled 80 is taken out.
    expect(r.budget.terms).toEqual([
      {
        service: 'chat-history',
        maxInstances: 1000,
        connectionsPerInstance: 80,
        connectionsSource: 'label',
        connections: 80_000,
      },
      {
        service: 'chatservice',
        maxInstances: 1000,
        connectionsPerInstance: 2,
        connectionsSource: 'metrics',
        connections: 2000,
      },
    ]);
    expect(r.budget).toMatchObject({
      worstCase: 82_000,
      limit: 65_000,
      exceedsLimit: true,
    });
  });
});

describe('Redis memory size and configs', () => {
  it('previews, applies through the LRO and reads the new size back; audited', async () => {
    const before = await chatRedis();
    const change = {
      memorySizeGb: 2,
      redisConfigs: {
        ...before.redisConfigs,
        'maxmemory-policy': 'volatile-lru',
      },
    };
    const preview = await backend.call('POST', `${R}/preview`, { change });
    expect(preview.status).toBe(200);
    expect(preview.body.diff.map((d: { field: string }) => d.field)).toEqual([
      'memorySizeGb',
      'redisConfigs.maxmemory-policy',
    ]);
    // BASIC tier: a resize flushes the data, which must be acknowledged.
    expect(
      preview.body.warnings.map((w: { code: string }) => w.code),
    ).toContain('REDIS_BASIC_RESIZE_FLUSHES');
    // Cost on the sandbox Catalog's Memorystore SKUs (real CloudCatalogClient): BASIC M1 $0.049/GB-h,
    // 1 GB × $0.049 × 730 h = $35.77 → 2 GB × $0.049 × 730 h = $71.54 a month.
    expect(preview.body.cost).toMatchObject({
      currency: 'USD',
      priceSource: 'catalog',
    });
    const [monthly] = preview.body.cost.figures;
    expect(monthly).toMatchObject({ key: 'redisMonthly', per: 'month' });
    expect(monthly.before).toBeCloseTo(35.77, 6);
    expect(monthly.after).toBeCloseTo(71.54, 6);
    expect(monthly.change).toBeCloseTo(35.77, 6);
    expect(monthly.formula).toContain(
      '1 GB × $0.049 (M1) → 2 GB × $0.049 (M1)',
    );
    const refused = await backend.call('POST', `${R}/apply`, {
      change,
      etag: preview.body.etag,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fieldErrors[0].path).toBe('acknowledgedWarnings');

    await backend.control('DELETE', '/counters');
    const applied = await backend.call('POST', `${R}/apply`, {
      change,
      etag: preview.body.etag,
      acknowledgedWarnings: ['REDIS_BASIC_RESIZE_FLUSHES'],
    });
    expect(applied.status).toBe(200);
    expect(applied.body.operation).toMatch(
      /^projects\/chat-realtime\/locations\/asia-northeast3\/operations\//,
    );
    expect(applied.body.instance).toMatchObject({
      memorySizeGb: 2,
      redisConfigs: { 'maxmemory-policy': 'volatile-lru' },
    });
    const counts = await backend.counters();
    expect(counts['redis.instances.patch']).toBe(1);
    expect(counts['redis.operations.get']).toBeGreaterThanOrEqual(1);
    expect((await chatRedis()).memorySizeGb).toBe(2);
    expect(backend.audit.entries.at(-1)).toMatchObject({
      action: 'redis.apply',
      result: 'succeeded',
      before: { memorySizeGb: 1 },
      after: { memorySizeGb: 2 },
    });
  });

  it('refuses a stale preview with 409 and the current values when the instance changed meanwhile', async () => {
    const before = await chatRedis();
    const change = {
      memorySizeGb: 1,
      redisConfigs: { ...before.redisConfigs, activedefrag: 'yes' },
    };
    const preview = await backend.call('POST', `${R}/preview`, { change });
    const config = readGcpServerlessConfig({
      mode: 'sandbox',
      sandbox: { endpoint: backend.sandbox.url },
      projects: [{ projectId: 'chat-realtime', regions: ['asia-northeast3'] }],
    });
    const other = new CloudRedisClient(googleClientOptions(config) as never);
    const [op] = await other.updateInstance({
      instance: {
        name: 'projects/chat-realtime/locations/asia-northeast3/instances/chat-redis',
        memorySizeGb: 3,
      },
      updateMask: { paths: ['memory_size_gb'] },
    });
    await op.promise();
    await other.close();
    await backend.control('DELETE', '/counters');
    const res = await backend.call('POST', `${R}/apply`, {
      change,
      etag: preview.body.etag,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.details.current.memorySizeGb).toBe(3);
    expect((await backend.counters())['redis.instances.patch'] ?? 0).toBe(0);
    expect(backend.audit.entries.at(-1)).toMatchObject({
      action: 'redis.apply',
      result: 'conflict',
    });
  });

  it.each([
    ['memory 0', { memorySizeGb: 0, redisConfigs: {} }, 'change.memorySizeGb'],
    [
      'memory 301',
      { memorySizeGb: 301, redisConfigs: {} },
      'change.memorySizeGb',
    ],
    [
      'maxclients',
      { memorySizeGb: 1, redisConfigs: { maxclients: '100000' } },
      'change.redisConfigs.maxclients',
    ],
    [
      'a bad policy',
      { memorySizeGb: 1, redisConfigs: { 'maxmemory-policy': 'lru' } },
      'change.redisConfigs.maxmemory-policy',
    ],
    [
      'maxmemory-gb above the size',
      { memorySizeGb: 1, redisConfigs: { 'maxmemory-gb': '2' } },
      'change.redisConfigs.maxmemory-gb',
    ],
  ])(
    '%s → 400 naming the field, no upstream call',
    async (_name, change, path) => {
      await backend.control('DELETE', '/counters');
      const res = await backend.call('POST', `${R}/preview`, { change });
      expect(res.status).toBe(400);
      expect(
        res.body.error.fieldErrors.map((f: { path: string }) => f.path),
      ).toContain(path);
      expect(await backend.counters()).toEqual({});
    },
  );
});

describe('the scaling preview shows the Redis guardrail', () => {
  it('chatservice: "max 1,000 × 2 connections = 2,000 of 65,000" next to chat-history\'s 80,000', async () => {
    const res = await backend.call(
      'POST',
      `${CHAT}/chatservice/scaling/preview`,
      { change: { minInstances: 1, maxInstances: 900, concurrency: 250 } },
    );
    expect(res.status).toBe(200);
    expect(res.body.capacityImpact).toEqual([
      expect.objectContaining({
        kind: 'redis',
        resource: 'chat-redis',
        before:
          'chat-redis: chat-history max 1,000 × 80 connections = 80,000 + chatservice max 1,000 × 2 connections = 2,000 = 82,000 of 65,000',
        after:
          'chat-redis: chat-history max 1,000 × 80 connections = 80,000 + chatservice max 900 × 2 connections = 1,800 = 81,800 of 65,000',
      }),
    ]);
    // Lowering does not raise the worst case: reported, not to be acknowledged.
    expect(res.body.warnings).toContainEqual(
      expect.objectContaining({
        code: 'REDIS_CONNECTIONS_ALREADY_OVER_LIMIT',
        requiresAcknowledgement: false,
      }),
    );
  });

  it('raising chat-history past 65,000 needs an acknowledgement, also at apply', async () => {
    const lower = { minInstances: 1, maxInstances: 500, concurrency: 80 };
    const p1 = await backend.call(
      'POST',
      `${CHAT}/chat-history/scaling/preview`,
      { change: lower },
    );
    expect(
      p1.body.warnings.filter(
        (w: { requiresAcknowledgement: boolean }) => w.requiresAcknowledgement,
      ),
    ).toEqual([]);
    expect(
      (
        await backend.call('POST', `${CHAT}/chat-history/scaling/apply`, {
          change: lower,
          etag: p1.body.etag,
        })
      ).status,
    ).toBe(200);

    const raise = { ...lower, maxInstances: 1000 };
    const p2 = await backend.call(
      'POST',
      `${CHAT}/chat-history/scaling/preview`,
      { change: raise },
    );
    const warning = p2.body.warnings.find(
      (w: { code: string }) => w.code === 'REDIS_CONNECTIONS_OVER_LIMIT',
    );
    expect(warning).toMatchObject({
      severity: 'warning',
      requiresAcknowledgement: true,
    });
    expect(warning.message).toContain(
      'chat-history max 1,000 × 80 connections = 80,000',
    );
    const refused = await backend.call(
      'POST',
      `${CHAT}/chat-history/scaling/apply`,
      { change: raise, etag: p2.body.etag },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.fieldErrors[0].message).toContain(
      'REDIS_CONNECTIONS_OVER_LIMIT',
    );
  });
});

describe('what a Redis preview reads', () => {
  it("reads chat-redis's connected clients and its wired services' instance counts, by name, and nothing else", async () => {
    const before = await chatRedis();
    await backend.control('DELETE', '/counters');
    const preview = await backend.call('POST', `${R}/preview`, {
      change: { memorySizeGb: 2, redisConfigs: before.redisConfigs },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.impacts.length).toBeGreaterThan(0);
    const points = (await backend.control('GET', '/activity')).points[
      'monitoring.timeSeries.list'
    ];
    // Its memory usage over the last hour (the warnings), then 24 h at 5 minutes: its connected
    // clients and one series per wired service (chatservice, chat-history); the median latencies
    // of the project's services are not read (no queue here).
    const HOUR_STEPS = 12;
    const DAY_STEPS = 24 * HOUR_STEPS;
    expect(points).toBeGreaterThan(0);
    expect(points).toBeLessThanOrEqual(
      HOUR_STEPS + (1 + before.services.length) * DAY_STEPS,
    );
  });
});
