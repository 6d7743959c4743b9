import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from './startTestBackend';

let backend: TestBackend;

// Issue 10: a failing or slow Google API still gives every page what it can, from the last good
// snapshot with its age. Long timing and no window kept warm, so only the reads and the refresh
// below compute anything.
beforeAll(async () => {
  backend = await startTestBackend({
    scenarios: ['chat-realtime'],
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

const P = '/projects/chat-realtime';
const PAGES = [
  `${P}/services?window=1h`,
  `${P}/queues?window=1h`,
  `${P}/redis?window=1h`,
  `${P}/routing?window=1h`,
  `${P}/cdn?window=1h`,
  `${P}/overview?window=1h`,
  `${P}/topology?window=1h`,
  '/overview?window=1h',
];

describe('every page after Google starts failing', () => {
  it('serves its last good snapshot, marked stale, with the time it was computed', async () => {
    const good = new Map<string, any>();
    for (const page of PAGES) {
      const res = await backend.call('GET', page);
      expect(res.status, page).toBe(200);
      expect(res.body.snapshot, page).toMatchObject({ stale: false });
      good.set(page, res.body);
    }

    // Every Google API fails from now on; a refresh recomputes the project and fails everywhere.
    await backend.control('POST', '/faults', { api: '*', status: 503 });
    const refresh = await backend.call('POST', `${P}/refresh`, {});
    expect(refresh.status).toBe(200);
    expect(refresh.body.snapshot.stale).toBe(true);

    for (const page of PAGES) {
      const res = await backend.call('GET', page);
      expect(res.status, page).toBe(200);
      expect(res.body.snapshot.stale, page).toBe(true);
      // A page's own snapshot keeps its time; a page built on other snapshots (the overviews, the
      // topology) is as old as its oldest part, here a page whose refresh failed.
      if (PAGES.indexOf(page) < 5)
        expect(res.body.snapshot.computedAt, page).toBe(
          good.get(page).snapshot.computedAt,
        );
      else
        expect(
          Date.parse(res.body.snapshot.computedAt),
          page,
        ).toBeLessThanOrEqual(Date.parse(good.get(page).snapshot.computedAt));
      // Beside its last good figures, every page names the refresh that failed and why (issue 13).
      const failure = res.body.snapshot.lastRefreshFailure;
      expect(failure, page).toMatchObject({ at: expect.any(String) });
      expect(Date.parse(failure.at), page).toBeGreaterThan(
        Date.parse(good.get(page).snapshot.computedAt) - 1,
      );
      expect(failure.errors.length, page).toBeGreaterThan(0);
      for (const e of failure.errors) {
        expect(e, page).toMatchObject({
          source: expect.any(String),
          status: 503,
          // What failed, then Google's own message (the sandbox's names the injected fault).
          message: expect.stringMatching(/failed: Injected fault/),
        });
      }
    }
    const services = await backend.call('GET', PAGES[0]!);
    expect(services.body.services.map((s: { name: string }) => s.name)).toEqual(
      good.get(PAGES[0]!).services.map((s: { name: string }) => s.name),
    );
    const overview = await backend.call('GET', '/overview?window=1h');
    expect(overview.body.projects[0].services.count).toBe(
      good.get('/overview?window=1h').projects[0].services.count,
    );
  });
});

describe('one Google API failing', () => {
  it('every page keeps its figures, and those built on it name the failing API with Google’s status and message', async () => {
    await backend.control('POST', '/reset');
    const good = await backend.call('POST', `${P}/refresh`, {});
    expect(good.status).toBe(200);
    const routingBefore = await backend.call('GET', `${P}/routing?window=1h`);
    expect(routingBefore.body.snapshot.lastRefreshFailure).toBeUndefined();

    await backend.control('POST', '/faults', {
      api: 'compute',
      method: 'compute.urlMaps.list',
      status: 503,
    });
    await backend.call('POST', `${P}/refresh`, {});

    const routing = await backend.call('GET', `${P}/routing?window=1h`);
    expect(routing.status).toBe(200);
    expect(routing.body.urlMaps).toEqual(routingBefore.body.urlMaps);
    expect(routing.body.snapshot).toMatchObject({
      computedAt: routingBefore.body.snapshot.computedAt,
      stale: true,
      lastRefreshFailure: {
        errors: [
          {
            source: 'urlMaps',
            status: 503,
            message: expect.stringMatching(
              /^listing URL maps of chat-realtime failed: Injected fault .*\(compute\.urlMaps\.list\)$/,
            ),
          },
        ],
      },
    });
    // The project's card and the index page are built on the routing page: they name it too.
    for (const page of [`${P}/overview?window=1h`, '/overview?window=1h']) {
      const res = await backend.call('GET', page);
      expect(res.status, page).toBe(200);
      expect(res.body.snapshot.stale, page).toBe(true);
      expect(res.body.snapshot.lastRefreshFailure.errors, page).toContainEqual(
        routing.body.snapshot.lastRefreshFailure.errors[0],
      );
    }
    // A page that does not read URL maps refreshed and names no failure.
    const services = await backend.call('GET', `${P}/services?window=1h`);
    expect(services.body.snapshot.lastRefreshFailure).toBeUndefined();
  });
});
