import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './server';

/** Edge cases of request decoding over real HTTP: paths, methods and control-surface bodies. */

const START = Date.UTC(2024, 4, 6, 3, 0, 0);
let sandbox: Sandbox;

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(sandbox.url + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
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

describe('request checks', () => {
  it('answers a malformed percent-encoding in any API path with 400 INVALID_ARGUMENT, not 500 or 404', async () => {
    const end = encodeURIComponent(new Date(START).toISOString());
    for (const path of [
      `/v3/projects/gryyd-web%E0%A4%A/timeSeries?filter=x&interval.endTime=${end}`,
      '/v3/projects/%/timeSeries',
      '/v2/projects/gryyd-web/locations/asia-northeast3/services/gryd%ZZbe',
      '/v2/projects/gryyd-web/locations/%E0%A4%A/services',
      '/v1/projects/%zz/anything',
    ]) {
      const answer = await call('GET', path);
      expect({
        path,
        status: answer.status,
        error: answer.body.error.status,
      }).toEqual({ path, status: 400, error: 'INVALID_ARGUMENT' });
      expect(answer.body.error.message).toContain('percent-encoding');
    }
    // Well-formed escapes are still decoded.
    expect(
      (
        await call(
          'GET',
          '/v2/projects/gryyd-web/locations/asia-northeast3/services/gryd%2Dbe',
        )
      ).status,
    ).toBe(200);
  });

  it('answers a known path with an unsupported method with 501 UNIMPLEMENTED, for Monitoring as for Run', async () => {
    for (const path of [
      '/v3/projects/gryyd-web/timeSeries',
      '/v2/projects/gryyd-web/locations/asia-northeast3/services',
    ]) {
      const answer = await call('DELETE', path);
      expect({
        path,
        status: answer.status,
        error: answer.body.error.status,
      }).toEqual({ path, status: 501, error: 'UNIMPLEMENTED' });
    }
    expect(sandbox.counters.get('monitoring.unimplemented')).toBe(1);
    expect(
      (await call('GET', '/v3/projects/gryyd-web/metricDescriptors')).status,
    ).toBe(404);
  });

  it('rejects a fault without a body, naming what is expected', async () => {
    const answer = await call('POST', '/_sandbox/faults');
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain(
      'the body must be a JSON object',
    );
    expect(answer.body.error.message).not.toContain('Cannot read properties');
    expect((await call('POST', '/_sandbox/faults', [1, 2])).status).toBe(400);
  });

  it('rejects unknown and badly typed fault fields with a 400 naming each field, storing nothing', async () => {
    const answer = await call('POST', '/_sandbox/faults', {
      api: 'run',
      status: 503,
      methd: 'run.services.get',
      rate: '0.5',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain('unknown field "methd"');
    const violations = answer.body.error.details[0].fieldViolations as Array<{
      field: string;
    }>;
    expect(violations.map(v => v.field).sort()).toEqual(['methd', 'rate']);
    expect((await call('GET', '/_sandbox/faults')).body.faults).toEqual([]);
    expect(() =>
      sandbox.faults.add({ api: 'run', status: 503, time: 2 } as never),
    ).toThrow(/unknown field "time"/);
  });

  it('still accepts every documented fault field', async () => {
    const spec = {
      api: 'run',
      method: 'run.services.get',
      status: 503,
      latencyMs: 0,
      rate: 1,
      times: 1,
      message: 'down',
    };
    const answer = await call('POST', '/_sandbox/faults', spec);
    expect(answer.status).toBe(200);
    expect((await call('GET', '/_sandbox/faults')).body.faults).toEqual([
      { ...spec, id: answer.body.id, hits: 0 },
    ]);
    expect(
      await call(
        'GET',
        '/v2/projects/gryyd-web/locations/asia-northeast3/services/gryd-be',
      ),
    ).toMatchObject({ status: 503, body: { error: { message: 'down' } } });
  });
});
