import { UrlMapsClient } from '@google-cloud/compute';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  editOf,
  type UrlMapEdit,
  type UrlMapSpec,
} from '@gcp-serverless/common';
import {
  readGcpServerlessConfig,
  googleClientOptions,
} from '@gcp-serverless/plugin-backend';
import { startTestBackend, type TestBackend } from './startTestBackend';

const MAP = '/projects/gryyd-web/url-maps/gryyd-web-url-map';
const BE = 'projects/gryyd-web/global/backendServices/gryd-be-service';
const WORKER =
  'projects/gryyd-web/global/backendServices/gryd-worker-be-service';
let backend: TestBackend;
let compute: UrlMapsClient;

beforeAll(async () => {
  backend = await startTestBackend({ scenarios: ['gryyd-web'] });
  const config = readGcpServerlessConfig({
    mode: 'sandbox',
    sandbox: { endpoint: backend.sandbox.url },
    projects: [{ projectId: 'gryyd-web', regions: ['asia-northeast3'] }],
  });
  compute = new UrlMapsClient(googleClientOptions(config) as never);
});
afterAll(async () => backend?.close());
beforeEach(async () => {
  await backend.control('POST', '/reset');
});

async function currentEdit(): Promise<{
  edit: UrlMapEdit;
  spec: UrlMapSpec;
  fingerprint: string;
}> {
  const res = await backend.call('GET', '/projects/gryyd-web/routing');
  const map = res.body.urlMaps.find(
    (m: { name: string }) => m.name === 'gryyd-web-url-map',
  );
  return {
    edit: editOf(map.spec),
    spec: map.spec,
    fingerprint: map.fingerprint,
  };
}

/** The gryyd-web edit of the browser test: `/api/v2/*` → gryd-worker-be-service. */
async function addApiV2(): Promise<UrlMapEdit> {
  const { edit } = await currentEdit();
  edit.pathMatchers
    .find(m => m.name === 'path-matcher-2')!
    .pathRules.push({ paths: ['/api/v2/*'], service: WORKER });
  return edit;
}

describe('routing overview', () => {
  it('lists the URL map and its backends followed to Cloud Run', async () => {
    const res = await backend.call(
      'GET',
      '/projects/gryyd-web/routing?window=1h',
    );
    expect(res.status).toBe(200);
    expect(res.body.urlMaps.map((m: { name: string }) => m.name)).toEqual([
      'gryyd-web-url-map',
    ]);
    expect(res.body.urlMaps[0].fingerprint).not.toBe('');
    const be = res.body.topology.backendServices.find(
      (s: { name: string }) => s.name === 'gryd-be-service',
    );
    expect(be.cloudRun).toEqual([
      { neg: 'gryd-be-neg', region: 'asia-northeast3', service: 'gryd-be' },
    ]);
    expect(res.body.errors).toEqual([]);
  });

  it('gives requests/s and 5xx ratio per route from one Monitoring call, and a route edit shows in later points', async () => {
    const rate = (body: any, rule: string, target: string) =>
      body.traffic.find(
        (t: any) =>
          t.urlMap === 'gryyd-web-url-map' &&
          t.matchedUrlPathRule === rule &&
          t.backendTarget === target,
      )?.requestsPerSecond ?? 0;
    await backend.control('DELETE', '/counters');
    const before = await backend.call(
      'GET',
      '/projects/gryyd-web/routing?window=1h',
    );
    expect((await backend.counters())['monitoring.timeSeries.list']).toBe(1);
    expect(rate(before.body, '/api/*', 'gryd-be-service')).toBeGreaterThan(0);
    expect(
      rate(before.body, '/api/generation/*', 'gryd-worker-be-service'),
    ).toBeGreaterThan(0);
    for (const t of before.body.traffic)
      expect(t.errorRatio5xx).toBeGreaterThanOrEqual(0);
    expect(rate(before.body, '/api/v2/*', 'gryd-worker-be-service')).toBe(0);

    const { fingerprint } = await currentEdit();
    expect(
      (
        await backend.call('POST', `${MAP}/apply`, {
          change: await addApiV2(),
          fingerprint,
        })
      ).status,
    ).toBe(200);
    await backend.control('POST', '/clock', { advanceSeconds: 3600 });
    const after = await backend.call(
      'GET',
      '/projects/gryyd-web/routing?window=1h',
    );
    expect(
      rate(after.body, '/api/v2/*', 'gryd-worker-be-service'),
    ).toBeGreaterThan(0);
  });
});

describe('URL map preview', () => {
  it('returns diff, Google validation and findings with sample URLs, and writes nothing', async () => {
    const { fingerprint } = await currentEdit();
    await backend.control('DELETE', '/counters');
    const res = await backend.call('POST', `${MAP}/preview`, {
      change: await addApiV2(),
    });
    expect(res.status).toBe(200);
    expect(res.body.diff).toEqual([
      {
        field: 'matcher:path-matcher-2:path:/api/v2/*',
        label: 'path-matcher-2: /api/v2/*',
        before: null,
        after: 'gryd-worker-be-service',
      },
    ]);
    expect(res.body.validation).toEqual({
      status: 'passed',
      loadErrors: [],
      testFailures: [],
    });
    expect(res.body.fingerprint).toBe(fingerprint);
    const changed = res.body.findings.find(
      (f: { code: string }) => f.code === 'DESTINATION_CHANGED',
    );
    expect(changed.samples).toContainEqual({
      url: 'https://www.gryyd.ai/api/v2/sample',
      before: 'gryd-be-service',
      after: 'gryd-worker-be-service',
    });
    const counts = await backend.counters();
    expect(counts['compute.urlMaps.validate']).toBe(1);
    expect(counts['compute.urlMaps.update'] ?? 0).toBe(0);
    expect((await currentEdit()).fingerprint).toBe(fingerprint);
  });

  it('answers 400 naming the rule of an invalid path, with no Google call', async () => {
    const edit = await addApiV2();
    edit.pathMatchers[1]!.pathRules.at(-1)!.paths = ['/api/v2*'];
    await backend.control('DELETE', '/counters');
    const res = await backend.call('POST', `${MAP}/preview`, { change: edit });
    expect(res.status).toBe(400);
    expect(res.body.error.fieldErrors).toEqual([
      {
        path: 'change.pathMatchers.1.pathRules.3.paths.0',
        message:
          'Path "/api/v2*": "*" is only allowed at the end, right after "/" (e.g. /api/*)',
      },
    ]);
    expect(
      Object.keys(await backend.counters()).filter(k =>
        k.startsWith('compute.'),
      ),
    ).toEqual([]);
  });

  it('surfaces failing URL map tests from urlMaps.validate, and apply refuses the write', async () => {
    const [map] = await compute.get({
      project: 'gryyd-web',
      urlMap: 'gryyd-web-url-map',
    });
    const [op] = await compute.patch({
      project: 'gryyd-web',
      urlMap: 'gryyd-web-url-map',
      urlMapResource: {
        fingerprint: map.fingerprint,
        tests: [{ host: 'www.gryyd.ai', path: '/admin', service: BE }],
      },
    });
    expect(op).toBeDefined();
    const { edit, fingerprint } = await currentEdit();
    const rule = edit.pathMatchers[1]!.pathRules[1]!;
    rule.paths = rule.paths.filter(p => p !== '/admin');
    const res = await backend.call('POST', `${MAP}/preview`, { change: edit });
    expect(res.status).toBe(200);
    expect(res.body.validation.status).toBe('failed');
    expect(res.body.validation.testFailures).toEqual([
      expect.stringContaining('test www.gryyd.ai/admin: expected service'),
    ]);
    const applied = await backend.call('POST', `${MAP}/apply`, {
      change: edit,
      fingerprint,
    });
    expect(applied.status).toBe(400);
    expect(applied.body.error.name).toBe('InputError');
  });
});

describe('URL map apply', () => {
  it('applies with the fingerprint, waits for the operation and reads back the new route', async () => {
    const { fingerprint } = await currentEdit();
    const res = await backend.call('POST', `${MAP}/apply`, {
      change: await addApiV2(),
      fingerprint,
    });
    expect(res.status).toBe(200);
    expect(res.body.operation).toMatch(/^operation-/);
    expect(res.body.urlMap.fingerprint).not.toBe(fingerprint);
    const [stored] = await compute.get({
      project: 'gryyd-web',
      urlMap: 'gryyd-web-url-map',
    });
    const rules = stored.pathMatchers!.find(m => m.name === 'path-matcher-2')!
      .pathRules!;
    expect(rules.at(-1)).toMatchObject({
      paths: ['/api/v2/*'],
      service: expect.stringContaining(
        'global/backendServices/gryd-worker-be-service',
      ),
    });
    expect(backend.audit.entries.at(-1)).toMatchObject({
      action: 'urlMap.apply',
      result: 'succeeded',
      actor: 'test-user',
    });
  });

  it('turns a stale fingerprint into 409 with the current map and overwrites nothing', async () => {
    const { fingerprint } = await currentEdit();
    // Someone else changes the map meanwhile, through the real compute client.
    const [map] = await compute.get({
      project: 'gryyd-web',
      urlMap: 'gryyd-web-url-map',
    });
    await compute.patch({
      project: 'gryyd-web',
      urlMap: 'gryyd-web-url-map',
      urlMapResource: {
        fingerprint: map.fingerprint,
        description: 'edited elsewhere',
      },
    });
    await backend.control('DELETE', '/counters');
    const res = await backend.call('POST', `${MAP}/apply`, {
      change: await addApiV2(),
      fingerprint,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.name).toBe('ConflictError');
    expect(res.body.error.details.current.description).toBe('edited elsewhere');
    expect(res.body.error.details.fingerprint).not.toBe(fingerprint);
    expect((await backend.counters())['compute.urlMaps.update'] ?? 0).toBe(0);
    const after = await currentEdit();
    expect(
      after.edit.pathMatchers[1]!.pathRules.flatMap(r => r.paths),
    ).not.toContain('/api/v2/*');
    expect(backend.audit.entries.at(-1)).toMatchObject({
      action: 'urlMap.apply',
      result: 'conflict',
    });
  });
});
