import { cacheServiceFactory } from '@backstage/backend-defaults/cache';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  type TestBackend as BackstageTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox, type Sandbox } from '@gcp-serverless/sandbox';
import gcpServerlessPlugin from '@gcp-serverless/plugin-backend';
import { startRedisAndPostgres, type RealStore } from './realStores';
import { testTimeouts } from './testDeadlines';

/**
 * Scale-out inside Backstage (issue 10, point 2): two Backstage test backends with the plugin, on
 * Backstage's own cache, database and scheduler services (`@backstage/backend-defaults`, not mocks)
 * configured as an operator would (`backend.cache` → one `redis-server`, `backend.database` → one
 * PostgreSQL), against one sandbox. The cache store is `valkey` (iovalkey, the Redis protocol) on
 * the Redis server: Backstage's `redis` store (@keyv/redis 4) leaves its client's `error` event
 * without a listener, so the connection closing when the server stops ends the process with an
 * uncaught "Socket closed unexpectedly" (keyv issue #1272) — in this test at teardown, in
 * production whenever Redis restarts (docs/configuration.md). Backstage's scheduler keeps its own time (the database's clock,
 * a worker polling every few seconds), so the refresh is triggered through its task API and the
 * test waits for the run to be recorded — it never sleeps a fixed time.
 */

const TASK = 'gcp-serverless-read-model-refresh';
const API = '/api/gcp-serverless';
const SERVICES = `${API}/projects/gryyd-web/services?window=1h`;
const BE = `${API}/projects/gryyd-web/locations/asia-northeast3/services/gryd-be`;

interface Replica {
  backend: BackstageTestBackend;
  call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }>;
}

let redis: RealStore | undefined;
let postgres: RealStore | undefined;
let sandbox: Sandbox | undefined;
const replicas: Replica[] = [];
let a: Replica;
let b: Replica;

async function startReplica(): Promise<Replica> {
  const backend = await startTestBackend({
    features: [
      gcpServerlessPlugin,
      cacheServiceFactory,
      databaseServiceFactory,
      schedulerServiceFactory,
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.rootConfig.factory({
        data: {
          // What an operator writes in app-config.yaml (docs/configuration.md).
          backend: {
            cache: { store: 'valkey', connection: redis!.url },
            database: { client: 'pg', connection: postgres!.url },
          },
          gcpServerless: {
            mode: 'sandbox',
            sandbox: { endpoint: sandbox!.url },
            projects: [
              { projectId: 'gryyd-web', regions: ['asia-northeast3'] },
            ],
            timeouts: testTimeouts({
              readMs: 5_000,
              writeMs: 5_000,
              operationMs: 10_000,
            }),
            readModel: { refreshIntervalSeconds: 3600, windows: ['1h'] },
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  return {
    backend,
    call: async (method, path, body) => {
      const res = await fetch(base + path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}

async function counters(): Promise<Record<string, number>> {
  return (await (await fetch(`${sandbox!.url}/_sandbox/counters`)).json())
    .counts;
}
async function resetCounters(): Promise<void> {
  await fetch(`${sandbox!.url}/_sandbox/counters`, { method: 'DELETE' });
}

/** Empties the shared Redis (FLUSHALL over the wire): every snapshot and remembered failure is gone. */
async function flushRedis(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () =>
      socket.write('*1\r\n$8\r\nFLUSHALL\r\n'),
    );
    socket.once('data', data => {
      socket.end();
      if (data.toString().startsWith('+OK')) resolve();
      else reject(new Error(`FLUSHALL answered ${data.toString().trim()}`));
    });
    socket.once('error', reject);
  });
}

/** The refresh task as Backstage's scheduler reports it (its state lives in the shared database). */
async function refreshTask(via: Replica): Promise<any> {
  const res = await via.call('GET', `${API}/.backstage/scheduler/v1/tasks`);
  expect(res.status).toBe(200);
  return res.body.tasks.find((t: { taskId: string }) => t.taskId === TASK);
}

/** Waits until the task's last run ended after `since` (ISO 8601) and no run is in progress. */
async function waitForRunAfter(since: string | undefined): Promise<any> {
  return vi.waitFor(
    async () => {
      const task = await refreshTask(a);
      const ended = task?.taskState?.lastRunEndedAt;
      if (
        task?.taskState?.status !== 'idle' ||
        !ended ||
        (since && Date.parse(ended) <= Date.parse(since))
      )
        throw new Error(`refresh not done yet: ${JSON.stringify(task)}`);
      return task;
    },
    // Backstage's worker looks for due runs every 5 s; a loaded machine may need a few looks.
    { timeout: 45_000, interval: 250 },
  );
}

async function cleanUp(): Promise<void> {
  // All at once: a backend that cannot stop cleanly must not keep the servers running.
  await Promise.allSettled([
    ...replicas.splice(0).map(r => r.backend.stop()),
    sandbox?.close(),
    redis?.stop(),
    postgres?.stop(),
  ]);
}

beforeAll(async () => {
  try {
    ({ redis, postgres } = await startRedisAndPostgres());
    sandbox = await startSandbox({
      port: 0,
      scenarios: ['gryyd-web'],
      operationDelayMs: 50,
    });
    // One after the other: the first creates the plugin's database and tables.
    replicas.push((a = await startReplica()));
    replicas.push((b = await startReplica()));
    // The task was due at registration: one replica ran it at start. Wait for that run to end.
    await waitForRunAfter(undefined);
  } catch (err) {
    await cleanUp();
    throw err;
  }
}, 180_000);
afterAll(cleanUp, 60_000);

describe('two Backstage backends on a real Redis server (backend.cache) and PostgreSQL (backend.database)', () => {
  it('runs the refresh as one global task: a trigger through A runs it once across both, seen by B', async () => {
    const task = await refreshTask(b);
    expect(task).toMatchObject({
      pluginId: 'gcp-serverless',
      scope: 'global',
      settings: { cadence: 'PT3600S' },
    });
    // One refresh's worth of Google calls, asked for directly through B.
    await resetCounters();
    expect(
      (await b.call('POST', `${API}/projects/gryyd-web/refresh`, {})).status,
    ).toBe(200);
    const oneRefresh = await counters();
    expect(oneRefresh['run.services.list']).toBeGreaterThan(0);

    // The scheduled run keeps a snapshot younger than half an interval (docs/architecture.md, "The
    // read model"), and the refresh just asked for made every one young: with the shared cache
    // emptied the triggered run computes every page, so its Google calls show how many replicas ran it.
    await flushRedis(redis!.url);
    await resetCounters();
    const before = task.taskState.lastRunEndedAt as string;
    const trigger = await a.call(
      'POST',
      `${API}/.backstage/scheduler/v1/tasks/${TASK}/trigger`,
    );
    expect(trigger.status).toBe(200);
    const after = await waitForRunAfter(before);
    // One replica ran it: one refresh's calls, not two. Its next run is an interval away, so
    // the other replica's worker has nothing to claim. (Other tasks share Backstage's scheduler —
    // the recommendations' hourly refresh, the scheduled-change check — and may add a few calls
    // of their own at any moment: so the refresh's lists, and fewer calls than two refreshes'.)
    const calls = await counters();
    expect(calls['run.services.list']).toBeGreaterThan(0);
    const sum = (c: Record<string, number>) =>
      Object.values(c).reduce((x, y) => x + y, 0);
    expect(sum(calls)).toBeLessThan(2 * sum(oneRefresh));
    expect(Date.parse(after.taskState.startsAt)).toBeGreaterThan(
      Date.parse(after.taskState.lastRunEndedAt) + 3000_000,
    );
    // Both replicas serve that run's snapshot from Redis, with no Google call.
    await resetCounters();
    const [viaA, viaB] = await Promise.all([
      a.call('GET', SERVICES),
      b.call('GET', SERVICES),
    ]);
    expect(viaB.body.snapshot).toEqual(viaA.body.snapshot);
    expect(viaB.body.snapshot.stale).toBe(false);
    expect(await counters()).toEqual({});
  });

  it('shows an edit applied through A when B is read next, and keeps one history in the database', async () => {
    const change = { minInstances: 1, maxInstances: 45, concurrency: 80 };
    const preview = await a.call('POST', `${BE}/scaling/preview`, { change });
    expect(preview.status).toBe(200);
    const applied = await a.call('POST', `${BE}/scaling/apply`, {
      change,
      etag: preview.body.etag,
      acknowledgedWarnings:
        preview.body.warnings?.map((w: { code: string }) => w.code) ?? [],
    });
    expect(applied.status).toBe(200);

    await resetCounters();
    const viaB = await b.call('GET', SERVICES);
    expect(
      viaB.body.services.find((s: { name: string }) => s.name === 'gryd-be')
        .scaling.maxInstances,
    ).toBe(45);
    expect(await counters()).toEqual({});

    const history = await b.call('GET', `${API}/projects/gryyd-web/history`);
    expect(history.status).toBe(200);
    expect(history.body.entries[0]).toMatchObject({
      result: 'succeeded',
      after: change,
    });
    expect(
      (await a.call('GET', `${API}/projects/gryyd-web/history`)).body,
    ).toEqual(history.body);
  });
  it('lets exactly one of two concurrent same-guard queue edits through A and B succeed (edit lease in the plugin database)', async () => {
    const Q = `${API}/projects/gryyd-web/locations/asia-northeast3/queues/generation`;
    const queueOf = (page: { body: any }) =>
      page.body.queues.find((q: { name: string }) => q.name === 'generation');
    const current = queueOf(
      await a.call('GET', `${API}/projects/gryyd-web/queues`),
    );
    const changeTo = (maxDispatchesPerSecond: number) => ({
      rateLimits: {
        maxDispatchesPerSecond,
        maxConcurrentDispatches: current.rateLimits.maxConcurrentDispatches,
      },
      retryConfig: current.retryConfig,
    });
    const [previewA, previewB] = await Promise.all([
      a.call('POST', `${Q}/preview`, { change: changeTo(0.4) }),
      b.call('POST', `${Q}/preview`, { change: changeTo(0.5) }),
    ]);
    expect(previewB.body.etag).toBe(previewA.body.etag);
    const ack = (p: { body: any }) =>
      p.body.warnings?.map((w: { code: string }) => w.code) ?? [];
    await resetCounters();
    // A slow Cloud Tasks write keeps the first apply in flight while the second arrives.
    await fetch(`${sandbox!.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        api: 'tasks',
        method: 'tasks.queues.patch',
        latencyMs: 500,
        times: 1,
      }),
    });
    const [viaA, viaB] = await Promise.all([
      a.call('POST', `${Q}/apply`, {
        change: changeTo(0.4),
        etag: previewA.body.etag,
        acknowledgedWarnings: ack(previewA),
      }),
      b.call('POST', `${Q}/apply`, {
        change: changeTo(0.5),
        etag: previewB.body.etag,
        acknowledgedWarnings: ack(previewB),
      }),
    ]);
    await fetch(`${sandbox!.url}/_sandbox/faults`, { method: 'DELETE' });
    expect([viaA.status, viaB.status].sort()).toEqual([200, 409]);
    expect((await counters())['tasks.queues.patch']).toBe(1);
    const won = viaA.status === 200 ? 0.4 : 0.5;
    expect(
      queueOf(await b.call('GET', `${API}/projects/gryyd-web/queues`))
        .rateLimits.maxDispatchesPerSecond,
    ).toBe(won);
  });
});
