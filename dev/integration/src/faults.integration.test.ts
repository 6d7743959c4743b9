import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from './startTestBackend';

let backend: TestBackend;

// The test backend's read deadline is 3 s on a quiet machine, longer on a busy one
// (testDeadlines.ts): a fault must turn into a clear 5xx from our API, never a hang. Latency is
// injected relative to the deadline in force, so no test here depends on the machine's speed.
beforeAll(async () => {
  backend = await startTestBackend({ scenarios: ['gryyd-web'] });
});
afterAll(async () => backend?.close());
beforeEach(async () => {
  await backend.control('POST', '/reset');
});

describe('Google failures become clear errors', () => {
  it('503 from Cloud Run → 503 ServiceUnavailableError with context', async () => {
    await backend.control('POST', '/faults', {
      api: 'run',
      method: 'run.services.list',
      status: 503,
    });
    const res = await backend.call('GET', '/projects/gryyd-web/services');
    expect(res.status).toBe(503);
    expect(res.body.error.name).toBe('ServiceUnavailableError');
    expect(res.body.error.message).toContain(
      'listing Cloud Run services of gryyd-web in asia-northeast3 failed',
    );
  });

  it('retries a transient 503 on reads and succeeds', async () => {
    await backend.control('POST', '/faults', {
      api: 'run',
      method: 'run.services.list',
      status: 503,
      times: 1,
    });
    const res = await backend.call('GET', '/projects/gryyd-web/services');
    expect(res.status).toBe(200);
    expect((await backend.counters())['run.services.list']).toBe(2);
  });

  it('429 from Cloud Run → 503 (quota), not retried', async () => {
    await backend.control('POST', '/faults', {
      api: 'run',
      method: 'run.services.get',
      status: 429,
    });
    const res = await backend.call(
      'GET',
      '/projects/gryyd-web/locations/asia-northeast3/services/gryd-be',
    );
    expect(res.status).toBe(503);
    expect(res.body.error.name).toBe('ServiceUnavailableError');
    expect((await backend.counters())['run.services.get']).toBe(1);
  });

  it('500 from Cloud Run → 502 UpstreamError', async () => {
    await backend.control('POST', '/faults', {
      api: 'run',
      method: 'run.services.get',
      status: 500,
    });
    const res = await backend.call(
      'GET',
      '/projects/gryyd-web/locations/asia-northeast3/services/gryd-be',
    );
    expect(res.status).toBe(502);
    expect(res.body.error.name).toBe('UpstreamError');
  });

  it('a Cloud Run that does not answer in time → 504 within the deadline', async () => {
    await backend.control('POST', '/faults', {
      api: 'run',
      method: 'run.services.list',
      latencyMs: backend.timeouts.readMs * 3,
    });
    const started = Date.now();
    // A window never read before: no snapshot to fall back on.
    const res = await backend.call(
      'GET',
      '/projects/gryyd-web/services?window=6h',
    );
    expect(res.status).toBe(504);
    expect(res.body.error.name).toBe('UpstreamTimeoutError');
    // The answer came from our deadline, not from Google's late answer.
    expect(Date.now() - started).toBeLessThan(backend.timeouts.readMs * 3);
  });

  it('a failing Cloud Run after a good read still serves the last snapshot, with its age, marked stale and naming the failure', async () => {
    const good = await backend.call(
      'GET',
      '/projects/gryyd-web/services?window=24h',
    );
    expect(good.status).toBe(200);
    expect(good.body.snapshot).toMatchObject({ stale: false });
    await backend.control('POST', '/faults', {
      api: 'run',
      method: 'run.services.list',
      status: 503,
    });
    const res = await backend.call(
      'GET',
      '/projects/gryyd-web/services?window=24h',
    );
    expect(res.status).toBe(200);
    expect(res.body.services.map((s: { name: string }) => s.name)).toEqual(
      good.body.services.map((s: { name: string }) => s.name),
    );
    // …and names the refresh that failed: when, which panel, the status and Google's message.
    expect(res.body.snapshot).toEqual({
      computedAt: good.body.snapshot.computedAt,
      stale: true,
      refreshing: false,
      lastRefreshFailure: {
        at: expect.any(String),
        errors: [
          {
            source: 'services',
            status: 503,
            message: expect.stringMatching(
              /^listing Cloud Run services of gryyd-web in asia-northeast3 failed: Injected fault .*\(run\.services\.list\)$/,
            ),
          },
        ],
      },
    });
  });

  it('a failed apply is a 503 and is audited as failed', async () => {
    const be = '/projects/gryyd-web/locations/asia-northeast3/services/gryd-be';
    const p = await backend.call('POST', `${be}/scaling/preview`, {
      change: { minInstances: 1, maxInstances: 45, concurrency: 80 },
    });
    await backend.control('POST', '/faults', {
      api: 'run',
      method: 'run.services.patch',
      status: 503,
    });
    const res = await backend.call('POST', `${be}/scaling/apply`, {
      change: { minInstances: 1, maxInstances: 45, concurrency: 80 },
      etag: p.body.etag,
    });
    expect(res.status).toBe(503);
    expect((await backend.counters())['run.services.patch']).toBe(1);
    expect(backend.audit.entries.at(-1)).toMatchObject({ result: 'failed' });
    expect(
      (await backend.call('GET', be)).body.service.scaling.maxInstances,
    ).toBe(40);
  });
});
