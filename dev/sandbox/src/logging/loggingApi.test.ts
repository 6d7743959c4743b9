import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../server';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, scenarios: ['gryyd-web'] });
});
afterAll(async () => sandbox?.close());

async function post(path: string, body: unknown) {
  const res = await fetch(`${sandbox.url}${path}?$alt=json;enum-encoding=int`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const LOG = 'projects/gryyd-web/logs/changes';

describe('sandbox Cloud Logging entries', () => {
  it('stores written entries and lists them filtered, newest first, paged', async () => {
    const write = await post('/v2/entries:write', {
      logName: LOG,
      resource: { type: 'global', labels: {} },
      entries: [
        {
          severity: 300,
          labels: { result: 'succeeded' },
          jsonPayload: { n: 1 },
          timestamp: '2026-01-01T00:00:01Z',
        },
        {
          severity: 500,
          labels: { result: 'failed' },
          jsonPayload: { n: 2 },
          timestamp: '2026-01-01T00:00:02Z',
        },
        {
          severity: 300,
          labels: { result: 'succeeded' },
          jsonPayload: { n: 3 },
          timestamp: '2026-01-01T00:00:03Z',
        },
      ],
    });
    expect(write).toEqual({ status: 200, body: {} });
    const page1 = await post('/v2/entries:list', {
      resourceNames: ['projects/gryyd-web'],
      filter: `logName = "${LOG}" AND labels.result = "succeeded"`,
      orderBy: 'timestamp desc',
      pageSize: 1,
    });
    expect(page1.body.entries.map((e: any) => e.jsonPayload.n)).toEqual([3]);
    expect(page1.body.entries[0].severity).toBe('NOTICE');
    const page2 = await post('/v2/entries:list', {
      resourceNames: ['projects/gryyd-web'],
      filter: `labels.result = "succeeded"`,
      orderBy: 'timestamp desc',
      pageSize: 1,
      pageToken: page1.body.nextPageToken,
    });
    expect(page2.body.entries.map((e: any) => e.jsonPayload.n)).toEqual([1]);
    expect(page2.body.nextPageToken).toBeUndefined();
  });

  it('answers 400 naming the field for an unknown field, an empty batch or an unsupported filter, and 404 for an unknown project', async () => {
    const unknown = await post('/v2/entries:write', {
      logName: LOG,
      resource: { type: 'global' },
      entries: [{ textPayload: 'x' }],
      bogus: 1,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/bogus/);
    expect(
      (
        await post('/v2/entries:write', {
          logName: LOG,
          resource: { type: 'global' },
          entries: [],
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await post('/v2/entries:list', {
          resourceNames: ['projects/gryyd-web'],
          filter: 'severity>=ERROR OR textPayload:"x"',
        })
      ).status,
    ).toBe(400);
    const missing = await post('/v2/entries:write', {
      logName: 'projects/nope/logs/x',
      resource: { type: 'global' },
      entries: [{ textPayload: 'x' }],
    });
    expect(missing.status).toBe(404);
  });

  it('forgets entries on reset', async () => {
    await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
    const list = await post('/v2/entries:list', {
      resourceNames: ['projects/gryyd-web'],
      filter: `logName = "${LOG}"`,
    });
    expect(list.body.entries).toEqual([]);
  });
});
