import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from './startTestBackend';

let backend: TestBackend;

beforeAll(async () => {
  backend = await startTestBackend({
    scenarios: ['gryyd-web', 'avocano-shop'],
  });
});
afterAll(async () => backend?.close());
beforeEach(async () => {
  await backend.control('POST', '/reset');
});

describe('projects', () => {
  it('lists the allowlist with regions and the mode', async () => {
    const res = await backend.call('GET', '/projects');
    expect(res.status).toBe(200);
    expect(res.body.mode).toBe('sandbox');
    expect(res.body.projects).toEqual(
      expect.arrayContaining([
        {
          projectId: 'gryyd-web',
          displayName: 'gryyd-web',
          regions: ['asia-northeast3'],
        },
        {
          projectId: 'avocano-shop',
          displayName: 'avocano-shop',
          regions: ['us-central1'],
        },
      ]),
    );
  });
});

describe('service list', () => {
  it('lists the Cloud Run services of a project with a live summary', async () => {
    const res = await backend.call(
      'GET',
      '/projects/gryyd-web/services?window=1h',
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([]);
    expect(res.body.services.map((s: { name: string }) => s.name)).toEqual([
      'gryd-be',
      'gryd-fe',
      'gryd-worker',
    ]);
    const be = res.body.services[0];
    expect(be).toMatchObject({
      projectId: 'gryyd-web',
      region: 'asia-northeast3',
      resourceName:
        'projects/gryyd-web/locations/asia-northeast3/services/gryd-be',
      scaling: { minInstances: 1, maxInstances: 40, concurrency: 80 },
    });
    expect(be.etag).toBeTruthy();
    expect(be.summary.requestsPerSecond).toBeGreaterThan(1);
    expect(be.summary.instances).toBeGreaterThanOrEqual(1);
    expect(be.summary.errorRatio5xx).toBeGreaterThanOrEqual(0);
    expect(be.summary.errorRatio5xx).toBeLessThan(0.2);
    expect(be.summary.latencyP95Ms).toBeGreaterThan(0);
  });

  it('costs one list call per region and one Monitoring call per metric', async () => {
    await backend.control('DELETE', '/counters');
    await backend.call('GET', '/projects/gryyd-web/services?window=24h');
    // Request rates, 5xx rates, latencies, instances (CloudRunMetrics.summaries).
    expect(await backend.counters()).toEqual({
      'run.services.list': 1,
      'monitoring.timeSeries.list': 4,
    });
  });

  it('answers 404 for a project outside the allowlist, without calling Google', async () => {
    await backend.control('DELETE', '/counters');
    const res = await backend.call('GET', '/projects/someone-elses/services');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      name: 'NotFoundError',
      message: 'Project someone-elses is not configured in gcp-serverless',
    });
    const detail = await backend.call(
      'GET',
      '/projects/gryyd-web/locations/us-east1/services/gryd-be',
    );
    expect(detail.status).toBe(404);
    expect(await backend.counters()).toEqual({});
  });

  it('refuses an unknown window with a field-level 400', async () => {
    const res = await backend.call(
      'GET',
      '/projects/gryyd-web/services?window=2h',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.fieldErrors).toEqual([
      { path: 'window', message: 'must be one of 1h, 6h, 24h, 7d' },
    ]);
  });

  it('keeps listing services when Monitoring fails, and says which panel failed', async () => {
    await backend.control('POST', '/faults', {
      api: 'monitoring',
      status: 503,
    });
    // A window nobody has read yet: one read before would be served from its last good snapshot
    // (lastGoodSnapshot.integration.test.ts covers that), not computed with the failure.
    const res = await backend.call(
      'GET',
      '/projects/gryyd-web/services?window=7d',
    );
    expect(res.status).toBe(200);
    expect(res.body.services).toHaveLength(3);
    expect(res.body.services[0].summary).toEqual({
      instances: null,
      requestsPerSecond: null,
      errorRatio5xx: null,
      latencyP95Ms: null,
    });
    expect(
      res.body.errors.map((e: { source: string; status: number }) => [
        e.source,
        e.status,
      ]),
    ).toEqual([
      ['requests', 503],
      ['latency', 503],
      ['instances', 503],
    ]);
  });
});

describe('service detail', () => {
  it('returns the service and chart series for the window', async () => {
    const res = await backend.call(
      'GET',
      '/projects/gryyd-web/locations/asia-northeast3/services/gryd-fe?window=6h',
    );
    expect(res.status).toBe(200);
    expect(res.body.service.name).toBe('gryd-fe');
    expect(res.body.stepSeconds).toBe(300);
    expect(res.body.requestsByClass.map((s: { key: string }) => s.key)).toEqual(
      ['2xx', '3xx', '4xx', '5xx'],
    );
    const ok = res.body.requestsByClass[0].points;
    expect(ok.length).toBeGreaterThanOrEqual(70);
    expect(ok.length).toBeLessThanOrEqual(73);
    expect(new Date(ok[0].time).getTime()).toBeLessThan(
      new Date(ok.at(-1).time).getTime(),
    );
    expect(res.body.latency.map((s: { key: string }) => s.key)).toEqual([
      'p50',
      'p95',
      'p99',
    ]);
    const [p50, p95, p99] = res.body.latency.map(
      (s: { points: { value: number }[] }) => s.points.at(-1)!.value,
    );
    expect(p50).toBeLessThanOrEqual(p95);
    expect(p95).toBeLessThanOrEqual(p99);
    expect(res.body.instances[0].points.length).toBeGreaterThan(0);
  });

  it('answers 404 for an unknown service', async () => {
    const res = await backend.call(
      'GET',
      '/projects/gryyd-web/locations/asia-northeast3/services/nope',
    );
    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
    expect(res.body.error.message).toContain(
      'reading Cloud Run service nope of gryyd-web in asia-northeast3 failed',
    );
  });

  it('answers 400 for a malformed service name', async () => {
    const res = await backend.call(
      'GET',
      '/projects/gryyd-web/locations/asia-northeast3/services/Bad_Name',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.fieldErrors[0].path).toBe('service');
  });
});
