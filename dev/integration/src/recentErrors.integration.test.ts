import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from './startTestBackend';

const ERRORS =
  '/projects/avocano-shop/locations/us-central1/services/avocano-api/errors';
let backend: TestBackend;

beforeAll(async () => {
  backend = await startTestBackend({ scenarios: ['avocano-shop'] });
});
afterAll(async () => backend?.close());
beforeEach(async () => {
  await backend.control('POST', '/reset');
});

type Group = {
  count: number;
  firstSeen: string;
  lastSeen: string;
  sample: { severity: string };
};
const total = (groups: Group[]) => groups.reduce((n, g) => n + g.count, 0);

describe('recent errors of a service (Cloud Logging)', () => {
  it('groups error entries by message and 5xx request logs, in step with the 5xx metric, with a Logs Explorer link', async () => {
    const avocano = backend.sandbox.world.projects
      .get('avocano-shop')!
      .services.get('avocano-api')!;
    // About 300 failed requests in the hour, so the one page of 1,000 entries (2 per failure) holds them all.
    const before = await backend.call(
      'GET',
      '/projects/avocano-shop/services?window=1h',
    );
    const rps = before.body.services.find(
      (x: { name: string }) => x.name === 'avocano-api',
    ).summary.requestsPerSecond;
    avocano.traffic = { ...avocano.traffic, errorRate5xx: 300 / (rps * 3600) };
    const res = await backend.call('GET', `${ERRORS}?window=1h`);
    expect(res.status).toBe(200);
    expect(res.body.errors.length).toBeGreaterThan(0);
    expect(res.body.requests.length).toBeGreaterThan(0);
    const first = res.body.errors[0];
    expect(first.count).toBeGreaterThanOrEqual(res.body.errors.at(-1).count);
    expect(first.firstSeen <= first.lastSeen).toBe(true);
    expect(first.sample.severity).toBe('ERROR');
    expect(
      res.body.requests.every((g: { status: number }) => g.status >= 500),
    ).toBe(true);
    expect(res.body.filter).toContain(
      'resource.labels.service_name = "avocano-api"',
    );
    expect(res.body.logsExplorerUrl).toContain(
      `query=${encodeURIComponent(res.body.filter)}`,
    );
    expect(res.body.logsExplorerUrl).toContain('project=avocano-shop');

    expect(res.body.truncated).toBe(false);
    // One stderr line and one request log per 5xx response: the same count as the 5xx metric over the window.
    expect(total(res.body.errors)).toBe(total(res.body.requests));
    const services = await backend.call(
      'GET',
      '/projects/avocano-shop/services?window=1h',
    );
    const s = services.body.services.find(
      (x: { name: string }) => x.name === 'avocano-api',
    );
    const fiveXxInWindow =
      s.summary.requestsPerSecond * s.summary.errorRatio5xx * 3600;
    expect(total(res.body.requests)).toBeGreaterThan(fiveXxInWindow * 0.8);
    expect(total(res.body.requests)).toBeLessThan(fiveXxInWindow * 1.2 + 5);
  });

  it('a healthy service has no recent errors', async () => {
    const avocano = backend.sandbox.world.projects
      .get('avocano-shop')!
      .services.get('avocano-api')!;
    avocano.traffic = { ...avocano.traffic, errorRate5xx: 0 };
    const res = await backend.call('GET', `${ERRORS}?window=1h`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      errors: [],
      requests: [],
      scanned: 0,
      truncated: false,
    });
  });

  it('a Logging fault is a 503 for this panel; a region outside the allowlist is a 404 without a Logging call', async () => {
    await backend.control('POST', '/faults', { api: 'logging', status: 503 });
    expect((await backend.call('GET', `${ERRORS}?window=1h`)).status).toBe(503);
    await backend.control('DELETE', '/faults');
    await backend.control('DELETE', '/counters');
    expect(
      (
        await backend.call(
          'GET',
          '/projects/avocano-shop/locations/europe-west1/services/avocano-api/errors',
        )
      ).status,
    ).toBe(404);
    expect((await backend.counters())['logging.entries.list'] ?? 0).toBe(0);
  });
});
