import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './server';

const START = Date.UTC(2024, 4, 6, 3, 0, 0);
const BE_PATH =
  '/v2/projects/gryyd-web/locations/asia-northeast3/services/gryd-be';
let sandbox: Sandbox;

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(sandbox.url + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body:
      body === undefined
        ? undefined
        : typeof body === 'string'
        ? body
        : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    scenarios: ['gryyd-web'],
    now: START,
    operationDelayMs: 0,
  });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

describe('sandbox server', () => {
  it('listens on 127.0.0.1 and reports health', async () => {
    expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`);
    expect(await call('GET', '/_sandbox/health')).toMatchObject({
      status: 200,
      body: { status: 'ok', projects: ['gryyd-web'] },
    });
    expect(await call('GET', '/_sandbox/projects')).toMatchObject({
      status: 200,
      body: {
        projects: [
          {
            projectId: 'gryyd-web',
            timeZone: 'Asia/Seoul',
            regions: ['asia-northeast3'],
          },
        ],
      },
    });
  });

  it('answers unknown paths with Google 404 JSON and bad JSON with 400 INVALID_ARGUMENT', async () => {
    expect(await call('GET', '/v1/nothing')).toMatchObject({
      status: 404,
      body: { error: { code: 404, status: 'NOT_FOUND' } },
    });
    expect(await call('PATCH', BE_PATH, '{oops')).toMatchObject({
      status: 400,
      body: { error: { code: 400, status: 'INVALID_ARGUMENT' } },
    });
    expect(await call('DELETE', BE_PATH)).toMatchObject({
      status: 501,
      body: { error: { status: 'UNIMPLEMENTED' } },
    });
  });

  it('counts requests per method key, faulted ones included, and zeroes them', async () => {
    await call('GET', BE_PATH);
    await call('GET', '/v2/projects/gryyd-web/locations/-/services');
    await call('PATCH', `${BE_PATH}?validateOnly=true&updateMask=ingress`, {
      ingress: 1,
    });
    await call('PATCH', `${BE_PATH}?updateMask=ingress`, { ingress: 1 });
    expect((await call('GET', '/_sandbox/counters')).body).toEqual({
      counts: {
        'run.services.get': 1,
        'run.services.list': 1,
        'run.services.patch': 1,
        'run.services.patch.validateOnly': 1,
      },
    });
    expect((await call('DELETE', '/_sandbox/counters')).status).toBe(200);
    expect((await call('GET', '/_sandbox/counters')).body).toEqual({
      counts: {},
    });
  });

  it('reports the Google calls open now and ends a held call when its client goes away', async () => {
    await call('POST', '/_sandbox/faults', {
      api: 'run',
      method: 'run.services.get',
      latencyMs: 600_000,
    });
    const client = new AbortController();
    const held = fetch(sandbox.url + BE_PATH, { signal: client.signal }).catch(
      () => 'aborted',
    );
    await expect
      .poll(async () => (await call('GET', '/_sandbox/activity')).body.inFlight)
      .toBe(1);
    client.abort();
    expect(await held).toBe('aborted');
    // The sandbox stops waiting out the injected latency for a client that left.
    await expect
      .poll(async () => (await call('GET', '/_sandbox/activity')).body.inFlight)
      .toBe(0);
    expect((await call('GET', '/_sandbox/activity')).body.peakInFlight).toBe(1);
  });

  it('counts its own time per method, apart from the injected round trip', async () => {
    await call('GET', BE_PATH);
    const { body } = await call('GET', '/_sandbox/activity');
    expect(body.inFlight).toBe(0);
    expect(body.workMs['run.services.get'].ms).toBeGreaterThanOrEqual(0);
    expect((await call('POST', '/_sandbox/warm')).body.warmed).toEqual([
      'monitoringWeekColumns',
      'billingExport',
      'monitoringRecentColumns',
    ]);
  });

  it('lists each call since the last reset with when it arrived and when its answer ended', async () => {
    await call('GET', BE_PATH);
    await call('GET', BE_PATH);
    const { body } = await call('GET', '/_sandbox/activity');
    expect(body.calls).toHaveLength(2);
    const [first, second] = body.calls;
    expect(first).toMatchObject({ method: 'run.services.get' });
    expect(first.answeredMs).toBeGreaterThanOrEqual(first.arrivedMs);
    // The second was sent after the first was answered: a chain of two.
    expect(second.arrivedMs).toBeGreaterThanOrEqual(first.answeredMs);
    expect(body.sinceEpochMs).toBeGreaterThan(0);
    expect(body.callsDropped).toBe(0);
    await call('DELETE', '/_sandbox/counters');
    expect((await call('GET', '/_sandbox/activity')).body.calls).toEqual([]);
  });

  it('counts the Monitoring points it answered, per method, until the counters are reset', async () => {
    // Three services' request rates over 10 minutes, one point per minute and service.
    const query = new URLSearchParams({
      filter:
        'metric.type = "run.googleapis.com/request_count" AND resource.type = "cloud_run_revision"',
      'interval.startTime': new Date(START - 10 * 60_000).toISOString(),
      'interval.endTime': new Date(START).toISOString(),
      'aggregation.alignmentPeriod': '60s',
      'aggregation.perSeriesAligner': 'ALIGN_RATE',
      'aggregation.crossSeriesReducer': 'REDUCE_SUM',
      'aggregation.groupByFields': 'resource.labels.service_name',
    });
    const answer = await call(
      'GET',
      `/v3/projects/gryyd-web/timeSeries?${query}`,
    );
    expect(answer.status).toBe(200);
    const points = (answer.body.timeSeries as { points: unknown[] }[]).reduce(
      (n, s) => n + s.points.length,
      0,
    );
    expect(points).toBeGreaterThan(0);
    const { body } = await call('GET', '/_sandbox/activity');
    expect(body.points).toEqual({ 'monitoring.timeSeries.list': points });
    await call('DELETE', '/_sandbox/counters');
    expect((await call('GET', '/_sandbox/activity')).body.points).toEqual({});
  });

  it('injects status faults by api and method, limited by times', async () => {
    const { body } = await call('POST', '/_sandbox/faults', {
      api: 'run',
      method: 'run.services.get',
      status: 503,
      times: 2,
    });
    expect(body.id).toEqual(expect.any(String));
    expect((await call('GET', '/_sandbox/faults')).body.faults).toEqual([
      expect.objectContaining({ id: body.id, status: 503 }),
    ]);
    expect(await call('GET', BE_PATH)).toMatchObject({
      status: 503,
      body: { error: { code: 503, status: 'UNAVAILABLE' } },
    });
    expect(
      (await call('GET', '/v2/projects/gryyd-web/locations/-/services')).status,
    ).toBe(200);
    expect((await call('GET', BE_PATH)).status).toBe(503);
    expect((await call('GET', BE_PATH)).status).toBe(200);
    expect(sandbox.counters.get('run.services.get')).toBe(3);
  });

  it('delays answers with latency faults and skips rules by rate', async () => {
    sandbox.faults.add({ api: '*', latencyMs: 150 });
    const started = Date.now();
    expect((await call('GET', BE_PATH)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await call('DELETE', '/_sandbox/faults');
    sandbox.faults.add({ api: 'run', status: 500, rate: 0 });
    expect((await call('GET', BE_PATH)).status).toBe(200);
    sandbox.faults.add({ api: 'monitoring', status: 500 });
    expect((await call('GET', BE_PATH)).status).toBe(200);
  });

  it('rejects invalid fault specs with 400', async () => {
    expect(
      (await call('POST', '/_sandbox/faults', { api: 'run' })).status,
    ).toBe(400);
    expect(
      (await call('POST', '/_sandbox/faults', { api: 'run', status: 200 }))
        .status,
    ).toBe(400);
    expect(
      (
        await call('POST', '/_sandbox/faults', {
          api: 'run',
          status: 503,
          rate: 2,
        })
      ).status,
    ).toBe(400);
    expect((await call('POST', '/_sandbox/faults')).status).toBe(400);
  });

  it('reads, advances and sets the clock', async () => {
    const now = Date.parse((await call('GET', '/_sandbox/clock')).body.now);
    expect(now - START).toBeGreaterThanOrEqual(0);
    expect(now - START).toBeLessThan(60_000);
    const advanced = Date.parse(
      (await call('POST', '/_sandbox/clock', { advanceSeconds: 3600 })).body
        .now,
    );
    expect(advanced - now).toBeGreaterThanOrEqual(3_600_000);
    expect(
      (await call('POST', '/_sandbox/clock', { now: '2030-01-01T00:00:00Z' }))
        .body.now,
    ).toMatch(/^2030-01-01T00:00:0/);
    expect(
      (await call('POST', '/_sandbox/clock', { later: true })).status,
    ).toBe(400);
  });

  it('resets the world, counters, faults and clock', async () => {
    const before = (await call('GET', BE_PATH)).body;
    await call(
      'PATCH',
      `${BE_PATH}?updateMask=template.scaling.max_instance_count`,
      { template: { scaling: { maxInstanceCount: 3 } } },
    );
    await call('POST', '/_sandbox/clock', { advanceSeconds: 86_400 });
    await call('POST', '/_sandbox/faults', {
      api: 'run',
      method: 'run.operations.get',
      status: 500,
    });
    const world = sandbox.world;
    expect((await call('POST', '/_sandbox/reset')).status).toBe(200);
    expect(sandbox.world).toBe(world);
    expect((await call('GET', '/_sandbox/faults')).body.faults).toEqual([]);
    expect((await call('GET', '/_sandbox/counters')).body.counts).toEqual({});
    expect(
      Date.parse((await call('GET', '/_sandbox/clock')).body.now) - START,
    ).toBeLessThan(60_000);
    expect((await call('GET', BE_PATH)).body).toEqual(before);
  });

  it('answers 404 for unknown control endpoints', async () => {
    expect((await call('GET', '/_sandbox/nope')).status).toBe(404);
    expect((await call('DELETE', '/_sandbox/faults/unknown-id')).status).toBe(
      404,
    );
  });
});
