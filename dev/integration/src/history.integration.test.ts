import { Logging } from '@google-cloud/logging';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  googleClientOptions,
  readGcpServerlessConfig,
} from '@gcp-serverless/plugin-backend';
import { startTestBackend, type TestBackend } from './startTestBackend';

const BE = '/projects/gryyd-web/locations/asia-northeast3/services/gryd-be';
const RESOURCE =
  'projects/gryyd-web/locations/asia-northeast3/services/gryd-be';
let backend: TestBackend;

beforeAll(async () => {
  backend = await startTestBackend({
    scenarios: ['gryyd-web'],
    config: () => ({
      cloudLogging: {
        projectId: 'gryyd-web',
        logName: 'gcp-serverless-changes',
      },
    }),
  });
});
afterAll(async () => backend?.close());
beforeEach(async () => {
  await backend.control('POST', '/reset');
  await backend.control('DELETE', '/faults');
});

async function history(resource?: string) {
  const q = resource ? `?resource=${encodeURIComponent(resource)}` : '';
  const res = await backend.call('GET', `/projects/gryyd-web/history${q}`);
  expect(res.status).toBe(200);
  return res.body.entries as Array<Record<string, any>>;
}

async function applyMax(maxInstances: number, etag?: string) {
  const change = { minInstances: 1, maxInstances, concurrency: 80 };
  const preview = await backend.call('POST', `${BE}/scaling/preview`, {
    change,
  });
  return backend.call('POST', `${BE}/scaling/apply`, {
    change,
    etag: etag ?? preview.body.etag,
  });
}

describe('change history', () => {
  it('records a success with who, what, before, after and the operation, newest first', async () => {
    const res = await applyMax(55);
    expect(res.status).toBe(200);
    const [entry] = await history(RESOURCE);
    expect(entry).toMatchObject({
      actor: 'test-user',
      kind: 'scaling',
      action: 'scaling.apply',
      projectId: 'gryyd-web',
      resource: RESOURCE,
      before: { minInstances: 1, maxInstances: 40, concurrency: 80 },
      after: { minInstances: 1, maxInstances: 55, concurrency: 80 },
      result: 'succeeded',
      operation: res.body.operation,
      error: null,
    });
    expect(entry!.operation).toMatch(/operations\//);
  });

  it('records a conflict when the etag is stale', async () => {
    const res = await applyMax(56, 'stale-etag');
    expect(res.status).toBe(409);
    const [entry] = await history(RESOURCE);
    expect(entry).toMatchObject({
      result: 'conflict',
      after: { maxInstances: 56 },
      operation: null,
    });
    expect(entry!.error).toMatch(/changed by someone else/);
  });

  it('records a failure when Google refuses the write (503: nothing written)', async () => {
    await backend.control('POST', '/faults', {
      api: 'run',
      method: 'run.services.patch',
      status: 503,
      times: 1,
    });
    const res = await applyMax(57);
    expect(res.status).toBe(503);
    const [entry] = await history(RESOURCE);
    expect(entry).toMatchObject({
      result: 'failed',
      after: { maxInstances: 57 },
    });
    expect(entry!.error).toBeTruthy();
  });

  it('records an ambiguous write failure (500) as pending, and the reconciler settles it as failed once the window has passed', async () => {
    await backend.control('POST', '/faults', {
      api: 'run',
      method: 'run.services.patch',
      status: 500,
      times: 1,
    });
    const res = await applyMax(59);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      outcome: 'pending',
      changeId: expect.any(String),
    });
    expect((await history(RESOURCE))[0]).toMatchObject({
      id: res.body.changeId,
      result: 'pending',
    });
    expect(await backend.reconcile()).toMatchObject({ stillPending: 1 });
    await backend.control('POST', '/clock', {
      advanceSeconds: backend.services.edits.context.settleAfterMs / 1000 + 1,
    });
    expect(await backend.reconcile()).toMatchObject({ failed: 1 });
    expect((await history(RESOURCE))[0]).toMatchObject({
      id: res.body.changeId,
      result: 'failed',
    });
  });

  it('filters by resource and lists the project newest first', async () => {
    const all = await history();
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.map(e => e.time)).toEqual(
      [...all.map(e => e.time)].sort().reverse(),
    );
    expect(
      await history(
        'projects/gryyd-web/locations/asia-northeast3/services/gryd-fe',
      ),
    ).toEqual([]);
  });

  it('writes each change to Cloud Logging, readable with the official client', async () => {
    await applyMax(58);
    const config = readGcpServerlessConfig({
      mode: 'sandbox',
      sandbox: { endpoint: backend.sandbox.url },
      projects: [{ projectId: 'gryyd-web', regions: ['asia-northeast3'] }],
    });
    const logging = new Logging({
      ...googleClientOptions(config),
      projectId: 'gryyd-web',
    });
    const [entries] = await logging.getEntries({
      resourceNames: ['projects/gryyd-web'],
      filter:
        'logName = "projects/gryyd-web/logs/gcp-serverless-changes" AND labels.result = "succeeded"',
      orderBy: 'timestamp desc',
      autoPaginate: false,
      pageSize: 10,
    });
    const latest = entries[0]!;
    expect(latest.metadata.labels).toMatchObject({
      action: 'scaling.apply',
      result: 'succeeded',
      actor: 'test-user',
      project_id: 'gryyd-web',
    });
    expect(latest.data).toMatchObject({
      resource: RESOURCE,
      after: { maxInstances: 58 },
    });
  });

  it('answers 404 for a project outside the allowlist and 400 for a bad limit', async () => {
    expect(
      (await backend.call('GET', '/projects/not-allowed-project/history'))
        .status,
    ).toBe(404);
    expect(
      (await backend.call('GET', '/projects/gryyd-web/history?limit=0')).status,
    ).toBe(400);
  });
});
