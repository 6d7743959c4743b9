import { CloudTasksClient } from '@google-cloud/tasks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  readGcpServerlessConfig,
  googleClientOptions,
} from '@gcp-serverless/plugin-backend';
import { startTestBackend, type TestBackend } from './startTestBackend';

const Q = '/projects/gryyd-web/locations/asia-northeast3/queues/generation';
let backend: TestBackend;

beforeAll(async () => {
  backend = await startTestBackend({ scenarios: ['gryyd-web'] });
});
afterAll(async () => backend?.close());
beforeEach(async () => {
  await backend.control('POST', '/reset');
});

/** The queue's current settings as the form would send them back. */
async function currentSettings() {
  const list = await backend.call('GET', '/projects/gryyd-web/queues');
  const q = list.body.queues.find(
    (x: { name: string }) => x.name === 'generation',
  );
  return {
    rateLimits: {
      maxDispatchesPerSecond: q.rateLimits.maxDispatchesPerSecond,
      maxConcurrentDispatches: q.rateLimits.maxConcurrentDispatches,
    },
    retryConfig: q.retryConfig,
  };
}

describe('queues page', () => {
  it('lists the generation queue with state, limits, its worker and producer', async () => {
    const res = await backend.call(
      'GET',
      '/projects/gryyd-web/queues?window=6h',
    );
    expect(res.status).toBe(200);
    const q = res.body.queues.find(
      (x: { name: string }) => x.name === 'generation',
    );
    expect(q).toMatchObject({
      state: 'RUNNING',
      region: 'asia-northeast3',
      rateLimits: { maxDispatchesPerSecond: 5 },
    });
    expect(q.retryConfig).toMatchObject({
      maxAttempts: 10,
      minBackoffSeconds: 5,
      maxBackoffSeconds: 600,
      maxDoublings: 5,
    });
    expect(q.targets).toEqual([
      { service: 'gryd-worker', via: 'label tasks-queue-target=generation' },
    ]);
    expect(q.producers).toEqual([
      { service: 'gryd-be', via: 'env TASKS_QUEUE=generation' },
    ]);
  });
});

describe('queue rate limits and retry', () => {
  it('previews with a diff and the worker guardrail, applies, and is audited', async () => {
    const current = await currentSettings();
    const change = {
      ...current,
      rateLimits: { maxDispatchesPerSecond: 2, maxConcurrentDispatches: 8 },
    };
    const preview = await backend.call('POST', `${Q}/preview`, { change });
    expect(preview.status).toBe(200);
    expect(preview.body.diff.map((d: { field: string }) => d.field)).toEqual([
      'rateLimits.maxDispatchesPerSecond',
      'rateLimits.maxConcurrentDispatches',
    ]);
    expect(preview.body.impacts[0].after).toContain('generation → gryd-worker');
    await backend.control('DELETE', '/counters');
    const applied = await backend.call('POST', `${Q}/apply`, {
      change,
      etag: preview.body.etag,
    });
    expect(applied.status).toBe(200);
    expect(applied.body.queue.rateLimits).toMatchObject({
      maxDispatchesPerSecond: 2,
      maxConcurrentDispatches: 8,
    });
    expect((await backend.counters())['tasks.queues.patch']).toBe(1);
    expect((await currentSettings()).rateLimits).toEqual({
      maxDispatchesPerSecond: 2,
      maxConcurrentDispatches: 8,
    });
    expect(backend.audit.entries.at(-1)).toMatchObject({
      action: 'queue.apply',
      result: 'succeeded',
      actor: 'test-user',
    });
  });

  it('asks for acknowledgement when a change lets the queue outrun its worker (max 10 × 1)', async () => {
    const current = await currentSettings();
    // First within the worker's capacity: 5 in flight ≤ 10 × 1, nothing to acknowledge.
    const safe = {
      ...current,
      rateLimits: { maxDispatchesPerSecond: 0.1, maxConcurrentDispatches: 5 },
    };
    const p1 = await backend.call('POST', `${Q}/preview`, { change: safe });
    expect(
      p1.body.warnings.filter(
        (w: { requiresAcknowledgement: boolean }) => w.requiresAcknowledgement,
      ),
    ).toEqual([]);
    expect(
      (
        await backend.call('POST', `${Q}/apply`, {
          change: safe,
          etag: p1.body.etag,
        })
      ).status,
    ).toBe(200);

    const risky = {
      ...current,
      rateLimits: { maxDispatchesPerSecond: 50, maxConcurrentDispatches: 100 },
    };
    const p2 = await backend.call('POST', `${Q}/preview`, { change: risky });
    const warning = p2.body.warnings.find(
      (w: { code: string }) =>
        w.code === 'QUEUE_DISPATCH_ABOVE_WORKER_CAPACITY',
    );
    expect(warning).toMatchObject({ requiresAcknowledgement: true });
    expect(warning.message).toContain('vs max 10 × 1 = 10');
    await backend.control('DELETE', '/counters');
    const refused = await backend.call('POST', `${Q}/apply`, {
      change: risky,
      etag: p2.body.etag,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fieldErrors[0].path).toBe('acknowledgedWarnings');
    expect((await backend.counters())['tasks.queues.patch'] ?? 0).toBe(0);
    const applied = await backend.call('POST', `${Q}/apply`, {
      change: risky,
      etag: p2.body.etag,
      acknowledgedWarnings: ['QUEUE_DISPATCH_ABOVE_WORKER_CAPACITY'],
    });
    expect(applied.status).toBe(200);
  });

  it('refuses a stale preview with 409 and the current values when the queue changed meanwhile', async () => {
    const current = await currentSettings();
    const change = {
      ...current,
      rateLimits: { ...current.rateLimits, maxDispatchesPerSecond: 3 },
    };
    const preview = await backend.call('POST', `${Q}/preview`, { change });
    // Someone else changes the queue through Google directly (the real client, as gcloud would).
    const config = readGcpServerlessConfig({
      mode: 'sandbox',
      sandbox: { endpoint: backend.sandbox.url },
      projects: [{ projectId: 'gryyd-web', regions: ['asia-northeast3'] }],
    });
    const other = new CloudTasksClient(googleClientOptions(config) as never);
    await other.updateQueue({
      queue: {
        name: 'projects/gryyd-web/locations/asia-northeast3/queues/generation',
        rateLimits: { maxDispatchesPerSecond: 7 },
      },
      updateMask: { paths: ['rate_limits.max_dispatches_per_second'] },
    });
    await other.close();
    await backend.control('DELETE', '/counters');
    const res = await backend.call('POST', `${Q}/apply`, {
      change,
      etag: preview.body.etag,
    });
    expect(res.status).toBe(409);
    expect(
      res.body.error.details.current.rateLimits.maxDispatchesPerSecond,
    ).toBe(7);
    expect((await backend.counters())['tasks.queues.patch'] ?? 0).toBe(0);
    expect(backend.audit.entries.at(-1)).toMatchObject({
      action: 'queue.apply',
      result: 'conflict',
    });
  });

  it.each([
    [
      'rate above 500',
      { maxDispatchesPerSecond: 501 },
      'change.rateLimits.maxDispatchesPerSecond',
    ],
    [
      'concurrency above 5000',
      { maxConcurrentDispatches: 5001 },
      'change.rateLimits.maxConcurrentDispatches',
    ],
    [
      'max attempts below -1',
      { maxAttempts: -2 },
      'change.retryConfig.maxAttempts',
    ],
    [
      'min backoff above max backoff',
      { minBackoffSeconds: 900 },
      'change.retryConfig.minBackoffSeconds',
    ],
  ])(
    '%s → 400 naming the field, no upstream write',
    async (_name, patch, path) => {
      const current = await currentSettings();
      const change = {
        rateLimits: {
          ...current.rateLimits,
          ...pick(patch, ['maxDispatchesPerSecond', 'maxConcurrentDispatches']),
        },
        retryConfig: {
          ...current.retryConfig,
          ...pick(patch, ['maxAttempts', 'minBackoffSeconds']),
        },
      };
      await backend.control('DELETE', '/counters');
      const res = await backend.call('POST', `${Q}/preview`, { change });
      expect(res.status).toBe(400);
      expect(
        res.body.error.fieldErrors.map((f: { path: string }) => f.path),
      ).toContain(path);
      expect(await backend.counters()).toEqual({});
    },
  );
});

describe('pause, resume, purge', () => {
  it('pauses and resumes through Cloud Tasks, each audited', async () => {
    const paused = await backend.call('POST', `${Q}/pause`, {});
    expect(paused.status).toBe(200);
    expect(paused.body.queue.state).toBe('PAUSED');
    const listed = await backend.call('GET', '/projects/gryyd-web/queues');
    expect(
      listed.body.queues.find((q: { name: string }) => q.name === 'generation')
        .state,
    ).toBe('PAUSED');
    const resumed = await backend.call('POST', `${Q}/resume`, {});
    expect(resumed.body.queue.state).toBe('RUNNING');
    expect(backend.audit.entries.slice(-2).map(e => e.action)).toEqual([
      'queue.pause',
      'queue.resume',
    ]);
  });

  it('purge needs the queue name typed again', async () => {
    await backend.control('DELETE', '/counters');
    const wrong = await backend.call('POST', `${Q}/purge`, {
      confirmName: 'generatio',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fieldErrors[0].path).toBe('confirmName');
    const missing = await backend.call('POST', `${Q}/purge`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.fieldErrors[0].path).toBe('confirmName');
    expect(await backend.counters()).toEqual({});
    const purged = await backend.call('POST', `${Q}/purge`, {
      confirmName: 'generation',
    });
    expect(purged.status).toBe(200);
    expect(purged.body.queue.purgeTime).not.toBeNull();
    expect(backend.audit.entries.at(-1)).toMatchObject({
      action: 'queue.purge',
      result: 'succeeded',
    });
  });

  it('an unknown queue is a 404 with context', async () => {
    const res = await backend.call(
      'POST',
      '/projects/gryyd-web/locations/asia-northeast3/queues/nope/pause',
      {},
    );
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain(
      'pausing Cloud Tasks queue nope in asia-northeast3 failed',
    );
  });
});

function pick(
  o: Record<string, number>,
  keys: string[],
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(o).filter(([k]) => keys.includes(k)),
  );
}

describe('what a queue preview reads', () => {
  it("reads only its worker's median latency, by name: no instance counts, no other service's series", async () => {
    const current = await currentSettings();
    await backend.control('DELETE', '/counters');
    const preview = await backend.call('POST', `${Q}/preview`, {
      change: {
        ...current,
        rateLimits: { maxDispatchesPerSecond: 2, maxConcurrentDispatches: 8 },
      },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.impacts[0].after).toContain('generation → gryd-worker');
    const points = (await backend.control('GET', '/activity')).points[
      'monitoring.timeSeries.list'
    ];
    // One worker (gryd-worker), 24 h at 5 minutes of its median latency: the task duration.
    expect(points).toBeGreaterThan(0);
    expect(points).toBeLessThanOrEqual(24 * 12);
  });
});
