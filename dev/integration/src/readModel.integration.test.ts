import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from './startTestBackend';

let backend: TestBackend;

// The read model with long timing and no window kept warm (the background refresh has nothing to do, so the
// counters only move when a read or an apply asks): pages come from snapshots.
beforeAll(async () => {
  backend = await startTestBackend({
    scenarios: ['gryyd-web'],
    config: () => ({
      readModel: {
        refreshIntervalSeconds: 3600,
        serveStaleForSeconds: 7200,
        windows: [],
      },
    }),
  });
});
afterAll(async () => backend?.close());

const SERVICES = '/projects/gryyd-web/services?window=1h';

describe('the read model', () => {
  it('computes a missing page once for 10 concurrent viewers and serves the snapshot with its age', async () => {
    await backend.control('DELETE', '/counters');
    const pages = await Promise.all(
      Array.from({ length: 10 }, () => backend.call('GET', SERVICES)),
    );
    expect(pages.map(p => p.status)).toEqual(Array(10).fill(200));
    expect((await backend.counters())['run.services.list']).toBe(1);
    const meta = pages[0]!.body.snapshot;
    expect(meta).toEqual({
      computedAt: expect.any(String),
      stale: false,
      refreshing: false,
    });
    expect(new Set(pages.map(p => p.body.snapshot.computedAt)).size).toBe(1);
  });

  it('serves the next read from the snapshot without calling Google', async () => {
    await backend.control('DELETE', '/counters');
    const res = await backend.call('GET', SERVICES);
    expect(res.status).toBe(200);
    expect(await backend.counters()).toEqual({});
  });

  it('POST /projects/:projectId/refresh recomputes the project and answers when done', async () => {
    await backend.control('DELETE', '/counters');
    const res = await backend.call('POST', '/projects/gryyd-web/refresh', {});
    expect(res.status).toBe(200);
    // `stale` is true only if a read failed during the refresh (a slow machine can hit the 3 s deadline).
    expect(res.body).toMatchObject({
      projectId: 'gryyd-web',
      windows: ['1h'],
      snapshot: { computedAt: expect.any(String), stale: expect.any(Boolean) },
    });
    // The services, queues and Redis pages all need the project's Cloud Run services (the table, the
    // queues' wiring, the Redis budgets), computed in parallel: they share one listing per region.
    const { projects } = await backend.control('GET', '/projects');
    const regions = projects.find(
      (p: { projectId: string }) => p.projectId === 'gryyd-web',
    ).regions.length;
    const counters = await backend.counters();
    expect(counters['run.services.list']).toBe(regions);
    expect(counters['redis.instances.list']).toBe(regions);
    expect(counters['tasks.queues.list']).toBe(regions);
    expect(
      (await backend.call('POST', '/projects/gryyd-web/refresh', { extra: 1 }))
        .status,
    ).toBe(400);
    expect(
      (await backend.call('POST', '/projects/not-allowed-1/refresh', {}))
        .status,
    ).toBe(404);
  });

  it('an apply refreshes what it touched before answering: the next read shows the edit at once', async () => {
    const be = '/projects/gryyd-web/locations/asia-northeast3/services/gryd-be';
    const change = { minInstances: 1, maxInstances: 43, concurrency: 80 };
    const preview = await backend.call('POST', `${be}/scaling/preview`, {
      change,
    });
    const applied = await backend.call('POST', `${be}/scaling/apply`, {
      change,
      etag: preview.body.etag,
      acknowledgedWarnings:
        preview.body.warnings?.map((w: { code: string }) => w.code) ?? [],
    });
    expect(applied.status).toBe(200);
    await backend.control('DELETE', '/counters');
    const list = await backend.call('GET', SERVICES);
    expect(
      list.body.services.find((s: { name: string }) => s.name === 'gryd-be')
        .scaling.maxInstances,
    ).toBe(43);
    expect(await backend.counters()).toEqual({});
    const overview = await backend.call('GET', '/overview?window=1h');
    expect(overview.status).toBe(200);
    expect(overview.body.snapshot).toMatchObject({ stale: false });
  });
});
