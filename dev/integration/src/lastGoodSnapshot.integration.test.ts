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
      expect(res.body.snapshot, page).toMatchObject({
        computedAt: good.get(page).snapshot.computedAt,
        stale: true,
      });
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
