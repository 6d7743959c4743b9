import http from 'node:http';
import express from 'express';
import knexFactory from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@gcp-serverless/sandbox';
import {
  buildRouter,
  createPluginServices,
  readGcpServerlessConfig,
  type GcpServerlessConfigInput,
  type PluginServices,
} from '@gcp-serverless/plugin-backend';
import { startRedisAndPostgres, type RealStore } from './realStores';
import { testTimeouts } from './testDeadlines';

/**
 * Scale-out on real parts (issue 10, point 2): two standalone backend replicas, each with its own
 * Redis connection and PostgreSQL pool, pointed by config at one `redis-server` (snapshots) and one
 * PostgreSQL (history, leases) started from Debian's packages, against one sandbox. Time moves on
 * the sandbox clock; each replica's scheduler is ticked explicitly (what its timer does a quarter
 * interval apart), so no assertion depends on wall-clock time.
 */

/** One hour of sandbox time between background refreshes: it never comes due by itself in a test. */
const INTERVAL_SECONDS = 3600;
/** The pages' background refresh, as the scheduler (and Backstage's scheduler UI) names it. */
const REFRESH_TASK = 'gcp-serverless-read-model-refresh';
const SERVICES = '/projects/gryyd-web/services?window=1h';
const BE = '/projects/gryyd-web/locations/asia-northeast3/services/gryd-be';

interface Replica {
  name: string;
  services: PluginServices;
  call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }>;
  /** One tick of this replica's scheduler (every task, as its timer does): the ids of the tasks it ran. */
  tick(): Promise<string[]>;
  close(): Promise<void>;
}

let redis: RealStore | undefined;
let postgres: RealStore | undefined;
let sandbox: Sandbox | undefined;
const replicas: Replica[] = [];
let a: Replica;
let b: Replica;

const silent = { info() {}, warn() {}, error() {} };

async function startReplica(name: string): Promise<Replica> {
  const input: GcpServerlessConfigInput = {
    mode: 'sandbox',
    sandbox: { endpoint: sandbox!.url },
    projects: [{ projectId: 'gryyd-web', regions: ['asia-northeast3'] }],
    timeouts: testTimeouts({
      readMs: 5_000,
      writeMs: 5_000,
      operationMs: 10_000,
    }),
    access: {
      identity: { type: 'local', user: `editor-via-${name}` },
      roles: {
        editor: ['editor-via-A', 'editor-via-B'],
        finance: ['editor-via-A', 'editor-via-B'],
      },
    },
    readModel: {
      refreshIntervalSeconds: INTERVAL_SECONDS,
      serveStaleForSeconds: 2 * INTERVAL_SECONDS,
      windows: ['1h'],
    },
    // What an operator writes to share snapshots, history and leases (docs/configuration.md).
    cache: { store: 'redis', connection: redis!.url },
    database: { client: 'pg', connection: postgres!.url },
  };
  // What `createRouter` does, keeping the services so the test can tick the scheduler and stop it.
  const services = createPluginServices({
    config: readGcpServerlessConfig(input),
    logger: silent,
    now: () => sandbox!.clock.now(),
  });
  const app = express();
  app.use('/api/gcp-serverless', buildRouter(services));
  const server = http.createServer(app);
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const api = `http://127.0.0.1:${
    (server.address() as { port: number }).port
  }/api/gcp-serverless`;
  await services.readModelLifecycle.start();
  return {
    name,
    services,
    call: (method, path, body) => json(api + path, method, body),
    tick: () => services.readModelLifecycle.runDueTasks(),
    async close() {
      server.closeAllConnections();
      await new Promise<void>(r => server.close(() => r()));
      await services.readModelLifecycle.stop();
    },
  };
}

async function json(url: string, method: string, body?: unknown) {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function counters(): Promise<Record<string, number>> {
  return (await json(`${sandbox!.url}/_sandbox/counters`, 'GET')).body.counts;
}
async function resetCounters(): Promise<void> {
  await json(`${sandbox!.url}/_sandbox/counters`, 'DELETE');
}
const total = (counts: Record<string, number>) =>
  Object.values(counts).reduce((n, v) => n + v, 0);

async function cleanUp(): Promise<void> {
  // All at once: a replica that cannot close cleanly must not keep the servers running.
  await Promise.allSettled([
    ...replicas.splice(0).map(r => r.close()),
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
    // One after the other, so the tables are created once (concurrent creation is covered too, by the catch).
    replicas.push((a = await startReplica('A')));
    replicas.push((b = await startReplica('B')));
    // Each replica ticked once at start; the one that claimed the first interval refreshed. Both
    // ticks done (a tick waits for the one in progress), the first interval is spent.
    expect(await Promise.all([a.tick(), b.tick()])).toEqual([[], []]);
  } catch (err) {
    await cleanUp();
    throw err;
  }
}, 120_000);
afterAll(cleanUp, 60_000);

async function applyMaxInstances(via: Replica, maxInstances: number) {
  const change = { minInstances: 1, maxInstances, concurrency: 80 };
  const preview = await via.call('POST', `${BE}/scaling/preview`, { change });
  expect(preview.status).toBe(200);
  return via.call('POST', `${BE}/scaling/apply`, {
    change,
    etag: preview.body.etag,
    acknowledgedWarnings:
      preview.body.warnings?.map((w: { code: string }) => w.code) ?? [],
  });
}

const maxInstancesOf = (page: { body: any }) =>
  page.body.services.find((s: { name: string }) => s.name === 'gryd-be').scaling
    .maxInstances;

describe('two replicas on real Redis and PostgreSQL', () => {
  it('runs the background refresh once per interval across both replicas, and both serve its snapshot', async () => {
    // One refresh's worth of Google calls: the background refresh run once, directly, on one replica.
    await resetCounters();
    await a.services.readModel.refreshAll();
    const oneRefresh = await counters();
    expect(oneRefresh['run.services.list']).toBeGreaterThan(0);
    for (let interval = 1; interval <= 3; interval++) {
      await resetCounters();
      // Within the interval, however often either replica ticks, nothing is due.
      expect(
        await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]),
      ).toEqual([[], [], [], []]);
      expect(await counters()).toEqual({});

      sandbox!.clock.advance(INTERVAL_SECONDS);
      const dueAt = sandbox!.clock.now();
      // Both replicas tick at once, twice each: exactly one claims the interval and refreshes, and
      // so for every other task on the scheduler (the recommendations' hourly refresh is due too).
      const ran = (
        await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()])
      ).flat();
      expect(ran.filter(id => id === REFRESH_TASK)).toHaveLength(1);
      expect(new Set(ran).size).toBe(ran.length);
      // The Google calls of the interval: at least one refresh's, and fewer than two refreshes' (a
      // refresh per replica would be two; the recommendations' run adds a few Monitoring reads, and
      // how many of its lists it shares with the refresh depends on timing, gateways/InFlightReads.ts).
      const calls = await counters();
      for (const [method, n] of Object.entries(oneRefresh))
        expect(calls[method] ?? 0, method).toBeGreaterThanOrEqual(n);
      expect(total(calls)).toBeLessThan(2 * total(oneRefresh));

      // Both replicas serve that one refresh's snapshot from Redis, fresh, with no Google call.
      await resetCounters();
      const [viaA, viaB] = await Promise.all([
        a.call('GET', SERVICES),
        b.call('GET', SERVICES),
      ]);
      expect([viaA.status, viaB.status]).toEqual([200, 200]);
      expect(viaB.body.snapshot).toEqual(viaA.body.snapshot);
      expect(viaB.body.snapshot.stale).toBe(false);
      expect(Date.parse(viaB.body.snapshot.computedAt)).toBeGreaterThanOrEqual(
        dueAt,
      );
      expect(await counters()).toEqual({});
    }
    console.info(
      `two replicas, 3 intervals: 1 background refresh per interval, ${total(
        oneRefresh,
      )} Google calls each`,
      oneRefresh,
    );
  });

  it('computes a page both replicas miss at once a single time (lease in PostgreSQL, snapshot in Redis)', async () => {
    await resetCounters();
    // 6h is not kept warm: nobody has viewed it yet.
    const [viaA, viaB] = await Promise.all([
      a.call('GET', '/projects/gryyd-web/services?window=6h'),
      b.call('GET', '/projects/gryyd-web/services?window=6h'),
    ]);
    expect([viaA.status, viaB.status]).toEqual([200, 200]);
    expect(viaB.body.snapshot.computedAt).toBe(viaA.body.snapshot.computedAt);
    expect((await counters())['run.services.list']).toBe(1);
  });

  it('shows an edit applied through A when B is read next, at once and without a Google call', async () => {
    expect(maxInstancesOf(await b.call('GET', SERVICES))).toBe(40);
    const applied = await applyMaxInstances(a, 43);
    expect(applied.status).toBe(200);
    await resetCounters();
    const viaB = await b.call('GET', SERVICES);
    expect(viaB.status).toBe(200);
    expect(maxInstancesOf(viaB)).toBe(43);
    expect(viaB.body.snapshot.stale).toBe(false);
    // The 6h window someone viewed was refreshed by the apply too.
    expect(
      maxInstancesOf(
        await b.call('GET', '/projects/gryyd-web/services?window=6h'),
      ),
    ).toBe(43);
    expect(await counters()).toEqual({});
  });

  it('keeps one history: a change through either replica is in both replicas’ history, in one table', async () => {
    expect((await applyMaxInstances(b, 44)).status).toBe(200);
    const [viaA, viaB] = await Promise.all([
      a.call('GET', '/projects/gryyd-web/history'),
      b.call('GET', '/projects/gryyd-web/history'),
    ]);
    expect(viaA.status).toBe(200);
    expect(viaB.body.entries).toEqual(viaA.body.entries);
    expect(
      viaA.body.entries.map((e: any) => [e.actor, e.after?.maxInstances]),
    ).toEqual([
      ['editor-via-B', 44],
      ['editor-via-A', 43],
    ]);
    // The rows are in PostgreSQL's one table, next to the refresh's interval claim.
    const db = knexFactory({ client: 'pg', connection: postgres!.url });
    try {
      expect(await db('gcp_serverless_changes').count({ n: '*' })).toEqual([
        { n: '2' },
      ]);
      expect(
        await db('gcp_serverless_leases')
          .where({ name: 'task:gcp-serverless-read-model-refresh' })
          .count({ n: '*' }),
      ).toEqual([{ n: '1' }]);
    } finally {
      await db.destroy();
    }
  });
  it('lets exactly one of two concurrent same-guard queue edits through A and B succeed (edit lease in PostgreSQL)', async () => {
    const Q = '/projects/gryyd-web/locations/asia-northeast3/queues/generation';
    const queueOf = (page: { body: any }) =>
      page.body.queues.find((q: { name: string }) => q.name === 'generation');
    const current = queueOf(await a.call('GET', '/projects/gryyd-web/queues'));
    const changeTo = (maxDispatchesPerSecond: number) => ({
      rateLimits: {
        maxDispatchesPerSecond,
        maxConcurrentDispatches: current.rateLimits.maxConcurrentDispatches,
      },
      retryConfig: current.retryConfig,
    });
    // Each editor previews on their replica: the same guard (fingerprint of the same settings).
    const [previewA, previewB] = await Promise.all([
      a.call('POST', `${Q}/preview`, { change: changeTo(0.2) }),
      b.call('POST', `${Q}/preview`, { change: changeTo(0.3) }),
    ]);
    expect([previewA.status, previewB.status]).toEqual([200, 200]);
    expect(previewB.body.etag).toBe(previewA.body.etag);
    const ack = (p: { body: any }) =>
      p.body.warnings?.map((w: { code: string }) => w.code) ?? [];

    await resetCounters();
    // Google takes its time with the write, so the first apply is still in flight (holding the
    // queue's lease) when the second arrives — though the assertions hold whichever order they run.
    await json(`${sandbox!.url}/_sandbox/faults`, 'POST', {
      api: 'tasks',
      method: 'tasks.queues.patch',
      latencyMs: 500,
      times: 1,
    });
    const [viaA, viaB] = await Promise.all([
      a.call('POST', `${Q}/apply`, {
        change: changeTo(0.2),
        etag: previewA.body.etag,
        acknowledgedWarnings: ack(previewA),
      }),
      b.call('POST', `${Q}/apply`, {
        change: changeTo(0.3),
        etag: previewB.body.etag,
        acknowledgedWarnings: ack(previewB),
      }),
    ]);
    // One wins; the other is refused with 409 — by the lease if it came while the first was in
    // flight, by the moved guard if it came after — and Google is written once.
    expect([viaA.status, viaB.status].sort()).toEqual([200, 409]);
    const [winner, loser] = viaA.status === 200 ? [viaA, viaB] : [viaB, viaA];
    expect(winner.body.outcome).toBe('succeeded');
    expect(loser.body.error.name).toBe('ConflictError');
    expect((await counters())['tasks.queues.patch']).toBe(1);
    const won = viaA.status === 200 ? 0.2 : 0.3;
    await json(`${sandbox!.url}/_sandbox/faults`, 'DELETE');
    console.info(
      `concurrent queue edits: the loser was refused: ${loser.body.error.message}`,
    );

    // Both replicas show the winner's value at once.
    const [pageA, pageB] = await Promise.all([
      a.call('GET', '/projects/gryyd-web/queues'),
      b.call('GET', '/projects/gryyd-web/queues'),
    ]);
    expect(queueOf(pageA).rateLimits.maxDispatchesPerSecond).toBe(won);
    expect(queueOf(pageB).rateLimits.maxDispatchesPerSecond).toBe(won);
    const queueHistory = (
      await b.call(
        'GET',
        `/projects/gryyd-web/history?resource=${encodeURIComponent(
          'projects/gryyd-web/locations/asia-northeast3/queues/generation',
        )}`,
      )
    ).body.entries.filter((e: { result: string }) => e.result === 'succeeded');
    expect(queueHistory).toHaveLength(1);
    expect(queueHistory[0].after.rateLimits.maxDispatchesPerSecond).toBe(won);
  });

  // Last: it stops the Redis server.
  it('starts and reverts a scheduled window once across both replicas (the step claimed in PostgreSQL)', async () => {
    const current = (await a.call('GET', BE)).body.service.scaling;
    const change = { ...current, minInstances: current.minInstances + 2 };
    const preview = await a.call('POST', `${BE}/scaling/preview`, { change });
    const hour = 3_600_000;
    const startMs = Math.ceil((sandbox!.clock.now() + 2 * hour) / hour) * hour;
    const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);
    const scheduled = await a.call('POST', `${BE}/scaling/schedule`, {
      change,
      etag: preview.body.etag,
      acknowledgedWarnings: preview.body.warnings.map(
        (w: { code: string }) => w.code,
      ),
      window: {
        timeZone: 'UTC',
        start: local(startMs),
        end: local(startMs + hour),
      },
    });
    expect(scheduled.status).toBe(201);
    const runBoth = async () => {
      const [ra, rb] = await Promise.all([
        a.services.scheduledChanges.runner.runDue(),
        b.services.scheduledChanges.runner.runDue(),
      ]);
      return [ra, rb];
    };
    sandbox!.clock.set(startMs + 60_000);
    const starts = (await runBoth()).flatMap(r => r.started);
    expect(starts).toEqual([scheduled.body.id]);
    expect((await b.call('GET', BE)).body.service.scaling.minInstances).toBe(
      change.minInstances,
    );
    sandbox!.clock.set(startMs + hour + 60_000);
    const reverts = (await runBoth()).flatMap(r => r.reverted);
    expect(reverts).toEqual([scheduled.body.id]);
    expect((await a.call('GET', BE)).body.service.scaling).toEqual(current);
    const runs = (
      await b.call('GET', '/projects/gryyd-web/history')
    ).body.entries.filter((e: { actor: string }) =>
      e.actor.endsWith('run by the scheduler'),
    );
    expect(runs).toHaveLength(2);
  });

  it('keeps answering when Redis goes away: every read computes its page, no replica hangs or dies', async () => {
    await redis!.stop();
    await resetCounters();
    const [viaA, viaB] = await Promise.all([
      a.call('GET', SERVICES),
      b.call('GET', SERVICES),
    ]);
    expect([viaA.status, viaB.status]).toEqual([200, 200]);
    expect(maxInstancesOf(viaA)).toBe(44);
    expect(maxInstancesOf(viaB)).toBe(44);
    // Without the shared cache each replica reads Google itself (still one computation per replica).
    expect((await counters())['run.services.list']).toBeGreaterThanOrEqual(1);
    expect(
      (await a.call('GET', '/projects/gryyd-web/history')).body.entries.length,
    ).toBeGreaterThanOrEqual(2);
  });
});
