import { BackendServicesClient } from '@google-cloud/compute';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  readGcpServerlessConfig,
  googleClientOptions,
} from '@gcp-serverless/plugin-backend';
import { startTestBackend, type TestBackend } from './startTestBackend';

const STORAGE = '/projects/gryyd-web/cdn/backendServices/gryd-storage-service';
let backend: TestBackend;
let compute: BackendServicesClient;

beforeAll(async () => {
  backend = await startTestBackend({ scenarios: ['gryyd-web'] });
  const config = readGcpServerlessConfig({
    mode: 'sandbox',
    sandbox: { endpoint: backend.sandbox.url },
    projects: [{ projectId: 'gryyd-web', regions: ['asia-northeast3'] }],
  });
  compute = new BackendServicesClient(googleClientOptions(config) as never);
});
afterAll(async () => backend?.close());
beforeEach(async () => {
  await backend.control('POST', '/reset');
});

async function storage() {
  const res = await backend.call('GET', '/projects/gryyd-web/cdn?window=1h');
  return {
    res,
    storage: res.body.backends.find(
      (b: { name: string }) => b.name === 'gryd-storage-service',
    ),
  };
}

describe('CDN overview', () => {
  it('lists every backend with its CDN state and policy', async () => {
    const { res, storage: s } = await storage();
    expect(res.status).toBe(200);
    expect(res.body.backends.map((b: { name: string }) => b.name)).toEqual([
      'gryd-be-service',
      'gryd-fe-service',
      'gryd-storage-service',
      'gryd-worker-be-service',
    ]);
    expect(s).toMatchObject({
      kind: 'backendServices',
      enableCdn: true,
      policy: { enableCdn: true, cacheMode: 'CACHE_ALL_STATIC' },
    });
    expect(s.fingerprint).not.toBe('');
    expect(res.body.stepSeconds).toBe(60);
    // Hit ratio = HIT ÷ (HIT + MISS + PARTIAL_HIT) of the load balancer's request_count over the window.
    expect(s.hitRatio).toBeGreaterThan(0);
    expect(s.hitRatio).toBeLessThan(1);
    const keys = res.body.series['gryd-storage-service'].map(
      (x: { key: string }) => x.key,
    );
    expect(keys).toEqual(['hitRatio', 'served', 'fill']);
    expect(
      res.body.series['gryd-storage-service'][1].points.length,
    ).toBeGreaterThan(30);
    expect(
      res.body.backends.find(
        (b: { name: string }) => b.name === 'gryd-be-service',
      ).hitRatio,
    ).toBeNull();
  });
});

describe('CDN per path rule', () => {
  it('gives hit ratio, served and fill per matched path rule of the storage backend, each rule its own figures', async () => {
    await backend.control('DELETE', '/counters');
    const { res } = await storage();
    type Route = {
      urlMap: string;
      pathRule: string;
      backend: string;
      hitRatio: number | null;
      servedPerSecond: number;
      fillPerSecond: number;
      requestsPerSecond: number;
    };
    const routes: Route[] = res.body.routes;
    const onStorage = routes.filter(r => r.backend === 'gryd-storage-service');
    expect(onStorage.map(r => r.pathRule).sort()).toEqual([
      '/assets/*',
      '/images/*',
      '/references/*',
      '/results/*',
      '/thumbnails/*',
    ]);
    const images = onStorage.find(r => r.pathRule === '/images/*')!;
    expect(images.urlMap).toBe('gryyd-web-url-map');
    expect(images.hitRatio).toBeGreaterThan(0.5);
    expect(images.servedPerSecond).toBeGreaterThan(0);
    expect(images.servedPerSecond + images.fillPerSecond).toBeLessThanOrEqual(
      images.requestsPerSecond + 1e-9,
    );
    // User uploads are served private: CACHE_ALL_STATIC does not cache them, so /references/* is all fill.
    const references = onStorage.find(r => r.pathRule === '/references/*')!;
    expect(references.hitRatio).toBe(0);
    expect(references.fillPerSecond).toBeGreaterThan(0);
    // The per-rule figures add up to the backend's: same call, same window.
    const s = res.body.backends.find(
      (b: { name: string }) => b.name === 'gryd-storage-service',
    );
    const total = onStorage.reduce((sum, r) => sum + r.requestsPerSecond, 0);
    expect(total).toBeCloseTo(s.requestsPerSecond, 6);
    // Busiest first; routes of backends without CDN are listed with no hit ratio.
    expect(routes.map(r => r.requestsPerSecond)).toEqual(
      [...routes.map(r => r.requestsPerSecond)].sort((a, b) => b - a),
    );
    expect(
      routes.find(r => r.backend === 'gryd-be-service')?.hitRatio,
    ).toBeNull();
    // Still one Monitoring call for the whole page.
    expect((await backend.counters())['monitoring.timeSeries.list']).toBe(1);
  });
});

describe('cache policy edit', () => {
  it('previews with diff and warnings, applies with the fingerprint and reads back', async () => {
    const { storage: s } = await storage();
    const change = { ...s.policy, cacheMode: 'FORCE_CACHE_ALL' };
    await backend.control('DELETE', '/counters');
    const preview = await backend.call('POST', `${STORAGE}/preview`, {
      change,
    });
    expect(preview.status).toBe(200);
    expect(preview.body.diff).toEqual([
      {
        field: 'cacheMode',
        label: 'Cache mode',
        before: 'CACHE_ALL_STATIC',
        after: 'FORCE_CACHE_ALL',
      },
    ]);
    expect(preview.body.warnings.map((w: { code: string }) => w.code)).toEqual([
      'FORCE_CACHE_ALL_PRIVATE',
    ]);
    // A cache-mode change has no estimable hit ratio: the preview says why instead of a number.
    expect(preview.body.cost).toBeUndefined();
    expect(preview.body.costUnavailable).toContain('cache mode');
    expect(
      (await backend.counters())['compute.backendServices.patch'] ?? 0,
    ).toBe(0);

    const applied = await backend.call('POST', `${STORAGE}/apply`, {
      change,
      fingerprint: preview.body.fingerprint,
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.backend.policy.cacheMode).toBe('FORCE_CACHE_ALL');
    const [raw] = await compute.get({
      project: 'gryyd-web',
      backendService: 'gryd-storage-service',
    });
    expect(raw.cdnPolicy?.cacheMode).toBe('FORCE_CACHE_ALL');
    expect(raw.enableCDN).toBe(true);
    expect(backend.audit.entries.at(-1)).toMatchObject({
      action: 'cdn.apply',
      result: 'succeeded',
    });
  });

  it('prices a default TTL change as cache egress vs cache fill from the 7-day hit ratio, on Catalog prices', async () => {
    const { storage: s } = await storage();
    const preview = await backend.call('POST', `${STORAGE}/preview`, {
      change: { ...s.policy, defaultTtl: 7200 },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.costUnavailable).toBeUndefined();
    const cost = preview.body.cost;
    expect(cost).toMatchObject({ currency: 'USD', priceSource: 'catalog' });
    const [egress, fill] = cost.figures;
    expect([egress.key, fill.key]).toEqual([
      'cacheEgressMonthly',
      'cacheFillMonthly',
    ]);
    // Doubling the TTL halves the misses: more served from cache (egress up), less fetched from the origin (fill down).
    expect(egress.change).toBeGreaterThan(0);
    expect(fill.change).toBeLessThan(0);
    expect(fill.after).toBeCloseTo(fill.before / 2, 6);
    expect(egress.formula).toContain('× $0.08/GiB');
    expect(fill.formula).toContain('× $0.02/GiB');
    expect(cost.notes.join(' ')).toContain('one miss per object per TTL');
  });

  it('switches to USE_ORIGIN_HEADERS without TTL overrides', async () => {
    const { storage: s } = await storage();
    const change = {
      ...s.policy,
      cacheMode: 'USE_ORIGIN_HEADERS',
      defaultTtl: null,
      maxTtl: null,
      clientTtl: null,
    };
    const applied = await backend.call('POST', `${STORAGE}/apply`, {
      change,
      fingerprint: s.fingerprint,
    });
    expect(applied.status).toBe(200);
    expect(applied.body.backend.policy).toMatchObject({
      cacheMode: 'USE_ORIGIN_HEADERS',
      defaultTtl: null,
      maxTtl: null,
    });
  });

  it('refuses TTL rules with 400 naming the field, before any Google call', async () => {
    const { storage: s } = await storage();
    await backend.control('DELETE', '/counters');
    const res = await backend.call('POST', `${STORAGE}/preview`, {
      change: { ...s.policy, defaultTtl: 90_000, maxTtl: 86_400 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fieldErrors).toEqual([
      {
        path: 'change.defaultTtl',
        message: 'Default TTL (90000 s) must not exceed max TTL (86400 s)',
      },
    ]);
    expect(
      Object.keys(await backend.counters()).filter(k =>
        k.startsWith('compute.'),
      ),
    ).toEqual([]);
  });

  it('turns a stale fingerprint into 409 with the current policy and overwrites nothing', async () => {
    const { storage: s } = await storage();
    const [raw] = await compute.get({
      project: 'gryyd-web',
      backendService: 'gryd-storage-service',
    });
    const [op] = await compute.patch({
      project: 'gryyd-web',
      backendService: 'gryd-storage-service',
      backendServiceResource: {
        fingerprint: raw.fingerprint,
        cdnPolicy: { ...raw.cdnPolicy, defaultTtl: 60 },
      },
    });
    expect(op).toBeDefined();
    const res = await backend.call('POST', `${STORAGE}/apply`, {
      change: { ...s.policy, maxTtl: 7200 },
      fingerprint: s.fingerprint,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.details.current.defaultTtl).toBe(60);
    const after = (await storage()).storage;
    expect(after.policy).toMatchObject({ defaultTtl: 60, maxTtl: 86_400 });
  });
});
