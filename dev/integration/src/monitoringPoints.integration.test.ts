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

/** A week per minute: the what-if's replay of one series (docs/what-if.md). */
const WEEK_MINUTES = 7 * 24 * 60;
/** A day of 5-minute steps: the preview's 24 h peak and capacity look-back per series. */
const DAY_STEPS = 24 * 12;

describe('Monitoring points of a preview', () => {
  it("a scaling preview of one service of the fleet reads that service's series, not every service's capacity context", async () => {
    const list = await backend.call(
      'GET',
      '/projects/scale-fleet/services?window=1h',
    );
    const one = list.body.services[0] as {
      name: string;
      region: string;
      scaling: { maxInstances: number };
    };
    await backend.control('DELETE', '/counters');
    const res = await backend.call(
      'POST',
      `/projects/scale-fleet/locations/${one.region}/services/${one.name}/scaling/preview`,
      {
        change: {
          ...one.scaling,
          maxInstances: one.scaling.maxInstances + 1,
        },
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.whatIf).toBeDefined();
    const points = (await backend.control('GET', '/activity')).points[
      'monitoring.timeSeries.list'
    ];
    // The service's own reads: the what-if's week per minute (a few series by response class) and
    // its day at 5 minutes. The capacity context of every service of the fleet (instance counts and
    // median latencies, 24 h at 5 minutes: 2 × FLEET × DAY_STEPS = 23,040 more at 40 services) is
    // not read: none of them shares a Redis instance or a queue with it.
    expect(points).toBeGreaterThanOrEqual(WEEK_MINUTES);
    expect(points).toBeLessThanOrEqual(4 * WEEK_MINUTES + 2 * DAY_STEPS);
  });
});
