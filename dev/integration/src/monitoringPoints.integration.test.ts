/**
 * How many Monitoring points the portal's reads cost (docs/performance.md, "Monitoring points per
 * read"): every point is decoded by the official client in the portal's thread, so a read asks for
 * no more points than the page shows. Counted by the sandbox (`GET /_sandbox/activity`, `points`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from './startTestBackend';

const FLEET = 40;
/** The recommendations' look-back in hours (docs/recommendations.md, "What it reads"). */
const WEEK_HOURS = 7 * 24;

let backend: TestBackend;

beforeAll(async () => {
  backend = await startTestBackend({
    scenarios: ['scale-fleet'],
    services: FLEET,
  });
}, 120_000);
afterAll(async () => {
  await backend?.close();
});

async function pointsOf(path: string): Promise<number> {
  await backend.control('DELETE', '/counters');
  const res = await backend.call('GET', path);
  expect(res.status).toBe(200);
  const activity = await backend.control('GET', '/activity');
  return activity.points['monitoring.timeSeries.list'] ?? 0;
}

describe('Monitoring points per read', () => {
  it("a project's recommendations read an hourly week per service and figure, nothing per response code or for the capacity context", async () => {
    const points = await pointsOf('/recommendations');
    const res = await backend.call('GET', '/recommendations');
    expect(res.body.projects[0].servicesRead).toBe(FLEET);
    // Seven figures per service and hour (requests, busiest minute, latency, instances, CPU, memory,
    // and the 429s of only the services that refused some). A series per response code, or the
    // capacity context's 24 h of 5-minute instance counts and latencies of every service, would be
    // well above this.
    expect(points).toBeGreaterThan(FLEET * WEEK_HOURS);
    expect(points).toBeLessThanOrEqual(7 * FLEET * WEEK_HOURS);
  });
});
