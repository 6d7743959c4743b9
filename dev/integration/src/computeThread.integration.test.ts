import { threadId as servingThreadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from './startTestBackend';

// The read model computes its snapshots in a worker thread of its own (readModel.computeThread),
// so the thread that serves pages never waits behind Google's decoding (docs/architecture.md,
// "The read model"). Every read here recomputes (refresh interval 0), so each page read is a
// computation, and the thread's counter of answers says where it ran.

describe('pages computed in the computation thread', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend({ scenarios: ['gryyd-web'] });
  });
  afterAll(async () => backend?.close());

  it('serves every page from computations answered by another thread', async () => {
    const thread = backend.services.computeThread;
    expect(thread).toBeDefined();
    for (const page of [
      '/projects/gryyd-web/services?window=1h',
      '/projects/gryyd-web/queues?window=1h',
      '/projects/gryyd-web/redis?window=1h',
      '/projects/gryyd-web/routing?window=1h',
      '/projects/gryyd-web/cdn?window=1h',
      '/overview?window=1h',
    ]) {
      const before = thread!.answered;
      const res = await backend.call('GET', page);
      expect(res.status, page).toBe(200);
      expect(res.body.errors ?? [], page).toEqual([]);
      expect(thread!.answered, page).toBeGreaterThan(before);
    }
    expect(thread!.threadId).toBeDefined();
    expect(thread!.threadId).not.toBe(servingThreadId);
    const services = await backend.call(
      'GET',
      '/projects/gryyd-web/services?window=1h',
    );
    expect(services.body.services.map((s: { name: string }) => s.name)).toEqual(
      expect.arrayContaining(['gryd-fe', 'gryd-be', 'gryd-worker']),
    );
  });

  it('gives a Monitoring failure in the thread as the same panel errors', async () => {
    await backend.control('POST', '/faults', {
      api: 'monitoring',
      status: 503,
    });
    try {
      const res = await backend.call(
        'GET',
        '/projects/gryyd-web/services?window=6h',
      );
      expect(res.status).toBe(200);
      expect(res.body.services).toHaveLength(3);
      expect(
        res.body.errors.map((e: { source: string; status: number }) => [
          e.source,
          e.status,
        ]),
      ).toEqual([
        ['requests', 503],
        ['latency', 503],
        ['instances', 503],
      ]);
      expect(res.body.snapshot.computedAt).toEqual(expect.any(String));
    } finally {
      await backend.control('POST', '/reset');
    }
  });
});

describe('pages computed in the serving thread', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend({
      scenarios: ['gryyd-web'],
      config: () => ({
        readModel: {
          refreshIntervalSeconds: 0,
          serveStaleForSeconds: 0,
          computeThread: false,
        },
      }),
    });
  });
  afterAll(async () => backend?.close());

  it('with readModel.computeThread false: no thread, the same pages', async () => {
    expect(backend.services.computeThread).toBeUndefined();
    const res = await backend.call(
      'GET',
      '/projects/gryyd-web/services?window=1h',
    );
    expect(res.status).toBe(200);
    expect(res.body.services).toHaveLength(3);
    expect(res.body.errors).toEqual([]);
  });
});
