import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal, type Portal } from './startPortal';

/**
 * The portal of `npm start` with its embedded sandbox in a worker thread (sandboxThread.ts): the plugin's
 * router reads the sandbox through the real Google clients as before, and the sandbox's clock, moved
 * through its control API in the other thread, is the time the portal's thread reads.
 */
const PINNED = Date.parse('2026-03-06T08:00:00Z');
let portal: Portal;
let startedAt: number;

beforeAll(async () => {
  startedAt = Date.now();
  portal = await startPortal({
    port: 0,
    // The API only: no web build is needed (its absence is a 404 for pages, nothing else).
    prebuilt: true,
    sandboxThread: true,
    scenarios: ['gryyd-web'],
    sandboxNow: PINNED,
    log: () => {},
  });
}, 120_000);

afterAll(async () => {
  await portal?.close();
});

async function sandboxClock(init?: RequestInit): Promise<number> {
  const res = await fetch(`${portal.sandboxUrl}/_sandbox/clock`, init);
  expect(res.status).toBe(200);
  return Date.parse(((await res.json()) as { now: string }).now);
}

describe('the embedded sandbox in its own thread', () => {
  it('is not reachable as an object, only by its URL', () => {
    expect(portal.sandbox).toBeUndefined();
    expect(portal.sandboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(portal.config.mode).toBe('sandbox');
    expect(portal.config.projects.map(p => p.projectId)).toEqual(['gryyd-web']);
  });

  it('serves the plugin its Google APIs through the real clients', async () => {
    const res = await fetch(
      `${portal.url}/api/gcp-serverless/projects/gryyd-web/services?window=1h`,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { services: Array<{ name: string }> };
    expect(body.services.map(s => s.name).sort()).toEqual([
      'gryd-be',
      'gryd-fe',
      'gryd-worker',
    ]);
  });

  it("gives the portal the sandbox's time, pinned at start and moved through the control API", async () => {
    // Sandbox time runs on from the pinned start in real time: never before it, never further than
    // the real time that has passed since the portal was asked to start.
    const pinned = await sandboxClock();
    expect(pinned).toBeGreaterThanOrEqual(PINNED);
    expect(pinned).toBeLessThanOrEqual(PINNED + (Date.now() - startedAt));

    const before = Date.now();
    const moved = await sandboxClock({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 86_400 }),
    });
    expect(moved - pinned).toBeGreaterThanOrEqual(86_400_000);
    // The move is seen in this thread as soon as the control API has answered.
    const seen = portal.now();
    expect(seen).toBeGreaterThanOrEqual(moved);
    expect(seen).toBeLessThanOrEqual(moved + (Date.now() - before));
  });
});
