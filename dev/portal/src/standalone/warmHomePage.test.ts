import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal, type Portal } from './startPortal';
import { warmHomePage } from './warmHomePage';

/**
 * What `npm start` does between listening and saying ready (portalCommand.ts): it asks the portal for
 * what the home page's first visit reads, until each has answered. Against the embedded sandbox in its
 * own thread, as `npm start` runs it; afterwards the home page's overviews are served from snapshots
 * already computed. The limit is far above what the reads take, so the test does not depend on speed.
 */
const SCENARIOS = ['gryyd-web', 'avocano-shop'];
let portal: Portal;

beforeAll(async () => {
  portal = await startPortal({
    port: 0,
    prebuilt: true,
    sandboxThread: true,
    scenarios: SCENARIOS,
    log: () => {},
  });
}, 120_000);

afterAll(async () => {
  await portal?.close();
});

describe('warmHomePage', () => {
  it("waits until every project's overview has answered, after which the home page reads computed snapshots", async () => {
    const warmth = await warmHomePage(portal.url, 240_000);
    expect(warmth).toMatchObject({ projects: SCENARIOS.length, computing: 0 });
    for (const projectId of SCENARIOS) {
      const response = await fetch(
        `${portal.url}/api/gcp-serverless/projects/${projectId}/overview?window=1h`,
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        snapshot?: { computedAt: string };
      };
      expect(Date.parse(body.snapshot?.computedAt ?? '')).not.toBeNaN();
    }
  }, 300_000);

  it('ends at once when the portal cannot be reached: nothing to warm', async () => {
    const warmth = await warmHomePage('http://127.0.0.1:9', 60_000);
    expect(warmth).toMatchObject({ projects: 0, computing: 0 });
  });
});
