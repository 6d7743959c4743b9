import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from './startTestBackend';

let backend: TestBackend;

// Issue 10, warm reads: a page with a snapshot is answered from it, whatever Google is doing. A
// 60 s interval on the sandbox clock (moved by the tests), no window kept warm (nothing refreshes
// unless a read asks), and a viewer waits 1 s at most for a page never computed.
beforeAll(async () => {
  backend = await startTestBackend({
    scenarios: ['gryyd-web'],
    config: () => ({
      readModel: {
        refreshIntervalSeconds: 60,
        serveStaleForSeconds: 3600,
        viewerWaitSeconds: 1,
        windows: [],
      },
    }),
  });
});
afterAll(async () => backend?.close());
beforeEach(async () => {
  await backend.control('DELETE', '/faults');
});

const SERVICES = '/projects/gryyd-web/services?window=1h';

/** Holds every call of `method` (or every Google call) in the sandbox far past the read deadline. */
const hold = (method?: string) =>
  backend.control('POST', '/faults', {
    api: method ? method.split('.')[0] : '*',
    ...(method ? { method } : {}),
    latencyMs: backend.timeouts.readMs * 3,
  });

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise(r => setTimeout(r, 20));
}

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(backend.api + path, { headers });

describe('serving from snapshots', () => {
  it('a warm read answers from the snapshot while its revalidation is held in the sandbox; a second viewer meanwhile starts no second one', async () => {
    // The first computation, waited for as long as it takes (a viewer waits 1 s here).
    expect(
      (await backend.call('POST', '/projects/gryyd-web/refresh', {})).status,
    ).toBe(200);
    const first = await backend.call('GET', SERVICES);
    expect(first.body.snapshot.stale).toBe(false);

    await hold('run.services.list');
    // Past the interval: the snapshot is stale, the next read starts one revalidation behind it.
    await backend.control('POST', '/clock', { advanceSeconds: 120 });
    await backend.control('DELETE', '/counters');
    const warm = await backend.call('GET', SERVICES);
    expect(warm.status).toBe(200);
    expect(warm.body.services).toEqual(first.body.services);
    expect(warm.body.snapshot).toEqual({
      computedAt: first.body.snapshot.computedAt,
      stale: true,
      refreshing: true,
    });
    // The revalidation reached the sandbox and is held there: the answer above did not wait for it.
    await until(
      async () => (await backend.counters())['run.services.list'] === 1,
    );
    expect(
      (await backend.control('GET', '/activity')).inFlight,
    ).toBeGreaterThanOrEqual(1);
    // Another viewer meanwhile: the same snapshot, and no second Google call.
    const again = await backend.call('GET', SERVICES);
    expect(again.body.snapshot.computedAt).toBe(first.body.snapshot.computedAt);
    expect((await backend.counters())['run.services.list']).toBe(1);
  });

  it('answers 304 to a viewer whose copy is current, and a new body once the snapshot or its age changed', async () => {
    // A fresh snapshot with nothing in flight (the revalidation held above is over).
    await backend.call('POST', '/projects/gryyd-web/refresh', {});
    const first = await get(SERVICES);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const body = await first.json();

    const same = await get(SERVICES, { 'if-none-match': etag });
    expect(same.status).toBe(304);
    expect(await same.text()).toBe('');

    // Refreshed: a new snapshot, so a new tag and the whole body again.
    await backend.call('POST', '/projects/gryyd-web/refresh', {});
    const refreshed = await get(SERVICES, { 'if-none-match': etag });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('etag')).not.toBe(etag);
    const next = await refreshed.json();
    expect(next.snapshot.computedAt).not.toBe(body.snapshot.computedAt);

    // The index page, assembled from several snapshots, is tagged the same way (once its parts
    // are computed and none is refreshing: until then its age changes from one read to the next).
    let overviewTag: string | null = null;
    await until(async () => {
      const overview = await get('/overview?window=1h');
      expect(overview.status).toBe(200);
      const settled =
        !(await overview.json()).snapshot.refreshing &&
        overview.headers.get('etag') === overviewTag;
      overviewTag = overview.headers.get('etag');
      return settled;
    });
    expect(
      (await get('/overview?window=1h', { 'if-none-match': overviewTag! }))
        .status,
    ).toBe(304);
  });

  it('a page still being computed answers 503 with Retry-After; the index page is as of now, refreshing, its project a panel error', async () => {
    await hold();
    const computing = await get('/projects/gryyd-web/queues?window=24h');
    expect(computing.status).toBe(503);
    const retryAfter = Number(computing.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    const error = (await computing.json()).error;
    expect(error.message).toContain(`try again in ${retryAfter} s`);
    expect(error.details).toEqual({
      computing: true,
      retryAfterSeconds: retryAfter,
    });

    const before = Date.parse((await backend.control('GET', '/clock')).now);
    const index = await backend.call('GET', '/overview?window=6h');
    const after = Date.parse((await backend.control('GET', '/clock')).now);
    expect(index.status).toBe(200);
    expect(index.body.projects).toEqual([]);
    expect(
      index.body.errors.map((e: { source: string }) => e.source),
    ).toContain('project gryyd-web');
    const computedAt = Date.parse(index.body.snapshot.computedAt);
    expect(computedAt).toBeGreaterThanOrEqual(before);
    expect(computedAt).toBeLessThanOrEqual(after);
    expect(index.body.snapshot).toMatchObject({
      stale: false,
      refreshing: true,
    });
  });
});
