import { ServicesClient } from '@google-cloud/run';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  googleClientOptions,
  readGcpServerlessConfig,
} from '@gcp-serverless/plugin-backend';
import { startTestBackend, type TestBackend } from './startTestBackend';

const BE = '/projects/gryyd-web/locations/asia-northeast3/services/gryd-be';
let backend: TestBackend;

beforeAll(async () => {
  backend = await startTestBackend({ scenarios: ['gryyd-web'] });
});
afterAll(async () => backend?.close());
beforeEach(async () => {
  await backend.control('POST', '/reset');
});

async function preview(change: Record<string, unknown>) {
  return backend.call('POST', `${BE}/scaling/preview`, { change });
}

describe('scaling preview', () => {
  it('returns the diff, Google validation and the etag, and writes nothing', async () => {
    const before = await backend.call('GET', BE);
    await backend.control('DELETE', '/counters');
    const res = await preview({
      minInstances: 1,
      maxInstances: 50,
      concurrency: 80,
    });
    expect(res.status).toBe(200);
    expect(res.body.diff).toEqual([
      { field: 'maxInstances', label: 'Max instances', before: 40, after: 50 },
    ]);
    expect(res.body.validation).toEqual({ status: 'passed' });
    expect(res.body.etag).toBe(before.body.service.etag);
    expect(res.body.peakConcurrentRequests24h).toBeGreaterThan(0);
    const counts = await backend.counters();
    expect(counts['run.services.patch.validateOnly']).toBe(1);
    expect(counts['run.services.patch'] ?? 0).toBe(0);
    expect(
      (await backend.call('GET', BE)).body.service.scaling.maxInstances,
    ).toBe(40);
  });

  it('warns that min instances are billed while idle', async () => {
    const res = await preview({
      minInstances: 3,
      maxInstances: 40,
      concurrency: 80,
    });
    expect(res.body.warnings.map((w: { code: string }) => w.code)).toContain(
      'MIN_INSTANCES_BILLED_IDLE',
    );
  });

  it('warns, and requires acknowledgement, when capacity falls below the 24 h peak', async () => {
    const res = await preview({
      minInstances: 0,
      maxInstances: 1,
      concurrency: 1,
    });
    const warning = res.body.warnings.find(
      (w: { code: string }) => w.code === 'CAPACITY_BELOW_PEAK',
    );
    expect(warning).toMatchObject({ requiresAcknowledgement: true });
    const change = { minInstances: 0, maxInstances: 1, concurrency: 1 };
    const refused = await backend.call('POST', `${BE}/scaling/apply`, {
      change,
      etag: res.body.etag,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fieldErrors[0].path).toBe('acknowledgedWarnings');
    expect((await backend.counters())['run.services.patch'] ?? 0).toBe(0);
    const applied = await backend.call('POST', `${BE}/scaling/apply`, {
      change,
      etag: res.body.etag,
      acknowledgedWarnings: ['CAPACITY_BELOW_PEAK'],
    });
    expect(applied.status).toBe(200);
  });

  it('skips Google validation when nothing changes', async () => {
    const res = await preview({
      minInstances: 1,
      maxInstances: 40,
      concurrency: 80,
    });
    expect(res.status).toBe(200);
    expect(res.body.diff).toEqual([]);
    expect(res.body.validation.status).toBe('skipped');
  });

  it("shows Google's validateOnly rejection as a failed validation, not a failed preview", async () => {
    await backend.control('POST', '/faults', {
      api: 'run',
      method: 'run.services.patch.validateOnly',
      status: 400,
      message: 'template.scaling: quota exceeded for max instances',
    });
    const res = await preview({
      minInstances: 1,
      maxInstances: 45,
      concurrency: 80,
    });
    expect(res.status).toBe(200);
    expect(res.body.validation.status).toBe('failed');
    expect(res.body.validation.message).toContain(
      'quota exceeded for max instances',
    );
  });
});

describe('scaling apply', () => {
  it('applies, waits for the operation and the new value is read back', async () => {
    const p = await preview({
      minInstances: 1,
      maxInstances: 55,
      concurrency: 60,
    });
    const res = await backend.call('POST', `${BE}/scaling/apply`, {
      change: { minInstances: 1, maxInstances: 55, concurrency: 60 },
      etag: p.body.etag,
    });
    expect(res.status).toBe(200);
    expect(res.body.operation).toMatch(
      /^projects\/gryyd-web\/locations\/asia-northeast3\/operations\//,
    );
    expect(res.body.service.scaling).toEqual({
      minInstances: 1,
      maxInstances: 55,
      concurrency: 60,
    });
    const reread = await backend.call('GET', BE);
    expect(reread.body.service.scaling).toEqual({
      minInstances: 1,
      maxInstances: 55,
      concurrency: 60,
    });
    expect(reread.body.service.etag).not.toBe(p.body.etag);
    expect(backend.audit.entries.at(-1)).toMatchObject({
      actor: 'test-user',
      action: 'scaling.apply',
      result: 'succeeded',
      before: { minInstances: 1, maxInstances: 40, concurrency: 80 },
      after: { minInstances: 1, maxInstances: 55, concurrency: 60 },
    });
  });

  it('refuses a stale etag with 409 and the current values, and keeps the newer edit', async () => {
    const p = await preview({
      minInstances: 1,
      maxInstances: 50,
      concurrency: 80,
    });
    // Someone else changes the service through Google directly (the real client, as gcloud would).
    const config = readGcpServerlessConfig({
      mode: 'sandbox',
      sandbox: { endpoint: backend.sandbox.url },
      projects: [{ projectId: 'gryyd-web', regions: ['asia-northeast3'] }],
    });
    const other = new ServicesClient(googleClientOptions(config) as never);
    const name =
      'projects/gryyd-web/locations/asia-northeast3/services/gryd-be';
    const [current] = await other.getService({ name });
    const [op] = await other.updateService({
      service: {
        ...current,
        template: {
          ...current.template,
          scaling: { ...current.template!.scaling, maxInstanceCount: 70 },
        },
      },
    });
    await op.promise();
    await other.close();

    await backend.control('DELETE', '/counters');
    const res = await backend.call('POST', `${BE}/scaling/apply`, {
      change: { minInstances: 1, maxInstances: 50, concurrency: 80 },
      etag: p.body.etag,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.name).toBe('ConflictError');
    expect(res.body.error.details.current).toEqual({
      minInstances: 1,
      maxInstances: 70,
      concurrency: 80,
    });
    expect(res.body.error.details.etag).not.toBe(p.body.etag);
    expect((await backend.counters())['run.services.patch'] ?? 0).toBe(0);
    expect(
      (await backend.call('GET', BE)).body.service.scaling.maxInstances,
    ).toBe(70);
    expect(backend.audit.entries.at(-1)).toMatchObject({ result: 'conflict' });
  });
});

describe('invalid scaling bodies', () => {
  const valid = { minInstances: 1, maxInstances: 40, concurrency: 80 };
  it.each([
    [
      'min > max',
      { change: { ...valid, minInstances: 50 } },
      'change.minInstances',
    ],
    [
      'concurrency 0',
      { change: { ...valid, concurrency: 0 } },
      'change.concurrency',
    ],
    [
      'concurrency 1001',
      { change: { ...valid, concurrency: 1001 } },
      'change.concurrency',
    ],
    [
      'a string',
      { change: { ...valid, maxInstances: '40' } },
      'change.maxInstances',
    ],
    ['an unknown field', { change: { ...valid, cpu: 2 } }, 'change'],
    ['an unknown top-level field', { change: valid, force: true }, '(body)'],
    ['no change at all', {}, 'change'],
  ])(
    'preview with %s → 400 naming the field, no upstream call',
    async (_name, body, path) => {
      await backend.control('DELETE', '/counters');
      const res = await backend.call('POST', `${BE}/scaling/preview`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(
        res.body.error.fieldErrors.map((f: { path: string }) => f.path),
      ).toContain(path);
      expect(await backend.counters()).toEqual({});
    },
  );

  it('apply without etag → 400 naming etag, no upstream call', async () => {
    await backend.control('DELETE', '/counters');
    const res = await backend.call('POST', `${BE}/scaling/apply`, {
      change: { ...valid, maxInstances: 45 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fieldErrors).toEqual([
      { path: 'etag', message: 'etag is required: preview the change first' },
    ]);
    expect(await backend.counters()).toEqual({});
  });

  it('a body that is not JSON → 400', async () => {
    const res = await fetch(`${backend.api}${BE}/scaling/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"change": ',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.name).toBe('InputError');
  });
});
