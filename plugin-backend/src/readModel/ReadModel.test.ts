import knexFactory, { type Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '@gcp-serverless/common';
import { ReadModel, type ReadModelTiming } from './ReadModel';
import { RefreshLeases } from './RefreshLeases';
import { keyvSnapshotCache, type ClosableSnapshotCache } from './SnapshotCache';

const silent = { info() {}, warn() {}, error() {} };

/** A computation that resolves when the test says so, counting its calls. */
function gate<T>(value: T) {
  let calls = 0;
  let open!: () => void;
  let opened = new Promise<void>(r => (open = r));
  return {
    compute: async () => {
      calls++;
      await opened;
      return value;
    },
    open: () => open(),
    reset: () => {
      opened = new Promise<void>(r => (open = r));
    },
    calls: () => calls,
  };
}

describe('ReadModel', () => {
  let db: Knex;
  let cache: ClosableSnapshotCache;
  let clock = 1_000_000;
  const now = () => clock;
  /** A read model on the test's cache and database; `deps` replaces any of its parts. */
  const model = (
    timing: Partial<ReadModelTiming> = {},
    deps: Partial<ConstructorParameters<typeof ReadModel>[0]> = {},
  ) =>
    new ReadModel({
      cache,
      leases: new RefreshLeases(db),
      now,
      logger: silent,
      timing: {
        freshForMs: 60_000,
        serveStaleForMs: 900_000,
        leaseMs: 30_000,
        ...timing,
      },
      ...deps,
    });

  beforeEach(() => {
    db = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
      pool: { min: 1, max: 1 },
    });
    cache = keyvSnapshotCache({ store: 'memory' });
    clock = 1_000_000;
  });
  afterEach(async () => {
    await cache.close();
    await db.destroy();
  });

  it('serves 20 concurrent readers of a missing page from one computation', async () => {
    const m = model();
    const g = gate({ n: 1 });
    const reads = Array.from({ length: 20 }, () =>
      m.read('services/p/1h', g.compute),
    );
    await new Promise(r => setTimeout(r, 50));
    g.open();
    const pages = await Promise.all(reads);
    expect(g.calls()).toBe(1);
    expect(pages.every(p => p.n === 1)).toBe(true);
    expect(pages[0]!.snapshot).toEqual({
      computedAt: new Date(1_000_000).toISOString(),
      stale: false,
      refreshing: false,
    });
  });

  it('coalesces across replicas: a second model on the same cache and database waits for the first one’s snapshot', async () => {
    const a = model();
    const b = model();
    const g = gate({ n: 2 });
    const first = a.read('k', g.compute);
    await new Promise(r => setTimeout(r, 30));
    const second = b.read('k', g.compute);
    await new Promise(r => setTimeout(r, 150));
    g.open();
    const [pa, pb] = await Promise.all([first, second]);
    expect(g.calls()).toBe(1);
    expect(pb.snapshot.computedAt).toBe(pa.snapshot.computedAt);
  });

  it('coalesces across replicas when the holder finishes between the waiting replica’s last look and its claim', async () => {
    const a = model();
    const g = gate({ n: 3 });
    const first = a.read('k', g.compute);
    await new Promise(r => setTimeout(r, 30));
    // B's second claim comes only once A has stored its snapshot and released the lease: the
    // moment B's last look found nothing and its claim succeeds.
    const leasesB = new RefreshLeases(db);
    const claim = leasesB.acquire.bind(leasesB);
    let claims = 0;
    leasesB.acquire = async (name, holder, ttlMs) => {
      if (++claims === 2) {
        g.open();
        await first;
      }
      return claim(name, holder, ttlMs);
    };
    const b = model({}, { leases: leasesB });
    const pb = await b.read('k', g.compute);
    const pa = await first;
    expect(claims).toBe(2);
    expect(g.calls()).toBe(1);
    expect(pb.snapshot.computedAt).toBe(pa.snapshot.computedAt);
  });

  it('serves a stale snapshot at once while one refresh runs behind it', async () => {
    const m = model();
    let version = 1;
    await m.read('k', async () => ({ version }));
    clock += 120_000; // past the 60 s interval, within the 900 s stale window
    version = 2;
    const stale = await m.read('k', async () => ({ version }));
    expect(stale).toMatchObject({
      version: 1,
      snapshot: { stale: true, refreshing: true },
    });
    await m.refresh('k', async () => ({ version })); // joins the background refresh
    expect(await m.read('k', async () => ({ version: 99 }))).toMatchObject({
      version: 2,
      snapshot: { stale: false },
    });
  });

  it('counts freshness from when a computation finished: one longer than the interval is fresh on arrival, its start still served as its age', async () => {
    const m = model();
    let calls = 0;
    const slow = async () => {
      calls++;
      clock += 90_000; // the computation takes 1.5 intervals on the model's clock
      return { version: calls };
    };
    const first = await m.read('k', slow);
    expect(first.snapshot.computedAt).toBe(new Date(1_000_000).toISOString());
    clock += 30_000; // 120 s after it started, 30 s after it was stored
    expect(await m.read('k', slow)).toMatchObject({
      version: 1,
      snapshot: { stale: false, refreshing: false },
    });
    // The background run keeps it too: it is younger than half an interval since it was stored.
    await m.refresh('k', slow, { skipYoungerThanMs: 30_001 });
    expect(calls).toBe(1);
    clock += 31_000; // an interval after it was stored: stale, one refresh behind it
    expect(await m.read('k', slow)).toMatchObject({
      version: 1,
      snapshot: { stale: true, refreshing: true },
    });
  });

  it('a "still being computed" 503 says when to ask again', async () => {
    const m = model({ viewerWaitMs: 20 });
    const g = gate({ n: 1 });
    const err = await m.read('k', g.compute).catch(e => e);
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect(err.details).toEqual({ computing: true, retryAfterSeconds: 5 });
    expect(err.message).toMatch(/try again in 5 s$/);
    g.open();
  });

  it('waits for a refresh past the stale window, and falls back on the last good snapshot when it fails', async () => {
    const m = model();
    await m.read('k', async () => ({ version: 1 }));
    clock += 1_000_000;
    expect(await m.read('k', async () => ({ version: 2 }))).toMatchObject({
      version: 2,
      snapshot: { stale: false },
    });
    clock += 1_000_000;
    const failed = await m.read('k', async () => {
      throw new Error('Cloud Run is down');
    });
    expect(failed).toMatchObject({
      version: 2,
      snapshot: {
        computedAt: new Date(2_000_000).toISOString(),
        stale: true,
        refreshing: false,
      },
    });
    await expect(
      m.read('other', async () => Promise.reject(new Error('down'))),
    ).rejects.toThrow('down');
  });

  it('remembers a failed first computation for one interval: the same error at once, no second computation, then one retry', async () => {
    const m = model();
    let calls = 0;
    const failing = async (): Promise<{ n: number }> => {
      calls++;
      throw new ServiceUnavailableError(
        'listing Cloud Run services of p failed: 503 Service Unavailable',
      );
    };
    await expect(m.read('services/p/1h', failing)).rejects.toThrow(
      ServiceUnavailableError,
    );
    clock += 30_000; // within the 60 s interval
    for (let i = 0; i < 5; i++) {
      const err = await m.read('services/p/1h', failing).catch(e => e);
      expect(err).toBeInstanceOf(ServiceUnavailableError);
      expect(err.message).toBe(
        'listing Cloud Run services of p failed: 503 Service Unavailable',
      );
    }
    expect(calls).toBe(1);
    clock += 31_000; // the interval is over: the next read tries again
    expect(await m.read('services/p/1h', async () => ({ n: 1 }))).toMatchObject(
      { n: 1, snapshot: { stale: false } },
    );
  });

  it('serves the last good snapshot with the failed refresh’s reasons, and retries it at most once per interval in the background', async () => {
    const m = model();
    await m.read('routing/p/1h', async () => ({ maps: 2 }));
    clock += 120_000; // stale: this read starts one refresh, which fails
    let attempts = 0;
    const failing = async (): Promise<{ maps: number }> => {
      attempts++;
      throw new ServiceUnavailableError(
        'listing URL maps of p failed: 503 Service Unavailable',
      );
    };
    await m.read('routing/p/1h', failing);
    await m.refresh('routing/p/1h', failing).catch(() => undefined); // joins it
    expect(attempts).toBe(1);
    const failedAt = new Date(clock).toISOString();
    clock += 30_000;
    for (let i = 0; i < 5; i++) {
      const page = await m.read('routing/p/1h', failing);
      expect(page).toMatchObject({
        maps: 2,
        snapshot: {
          computedAt: new Date(1_000_000).toISOString(),
          stale: true,
          refreshing: false,
          lastRefreshFailure: {
            at: failedAt,
            errors: [
              {
                source: 'routing',
                status: 503,
                message:
                  'listing URL maps of p failed: 503 Service Unavailable',
              },
            ],
          },
        },
      });
    }
    expect(attempts).toBe(1);
    clock += 31_000; // one interval after the failure: one retry behind the snapshot
    const g = gate({ maps: 3 });
    const reads = await Promise.all(
      Array.from({ length: 5 }, () => m.read('routing/p/1h', g.compute)),
    );
    expect(reads.every(r => r.maps === 2 && r.snapshot.refreshing)).toBe(true);
    g.open();
    await m.refresh('routing/p/1h', g.compute);
    expect(g.calls()).toBe(1);
    const after = await m.read('routing/p/1h', failing);
    expect(after.maps).toBe(3);
    expect(after.snapshot).toEqual({
      computedAt: expect.any(String),
      stale: false,
      refreshing: false,
    });
  });

  it('remembers a failure for retryFailedAfterMs when it is shorter than the freshness (slower snapshots)', async () => {
    const m = model({ freshForMs: 3_600_000, retryFailedAfterMs: 60_000 });
    let calls = 0;
    const failing = async (): Promise<{ n: number }> => {
      calls++;
      throw new ServiceUnavailableError('Monitoring is down');
    };
    await expect(m.read('recommendations/p', failing)).rejects.toThrow();
    clock += 59_000;
    await expect(m.read('recommendations/p', failing)).rejects.toThrow();
    expect(calls).toBe(1);
    clock += 2_000;
    expect(
      await m.read('recommendations/p', async () => ({ n: 1 })),
    ).toMatchObject({
      n: 1,
    });
  });

  it('a background refresh keeps a good snapshot younger than skipYoungerThanMs and recomputes an older one', async () => {
    const m = model();
    await m.read('k', async () => ({ v: 1 }));
    clock += 10_000;
    let calls = 0;
    const next = async () => ({ v: 2 + calls++ });
    expect(
      (await m.refresh('k', next, { skipYoungerThanMs: 30_000 })).value,
    ).toEqual({ v: 1 });
    expect(calls).toBe(0);
    clock += 25_000;
    expect(
      (await m.refresh('k', next, { skipYoungerThanMs: 30_000 })).value,
    ).toEqual({ v: 2 });
    expect(calls).toBe(1);
  });

  it('names the panels a partial refresh lost and keeps the complete snapshot', async () => {
    const m = model();
    await m.read('services/p/1h', async () => ({ n: 5, errors: [] }));
    const lost = {
      source: 'latency',
      status: 504,
      message: 'reading p95 latency of p did not finish within 10 s',
    };
    await m
      .refresh('services/p/1h', async () => ({ n: 0, errors: [lost] }))
      .catch(() => undefined);
    const page = await m.read('services/p/1h', async () => ({
      n: -1,
      errors: [],
    }));
    expect(page.n).toBe(5);
    expect(page.snapshot.lastRefreshFailure?.errors).toEqual([lost]);
  });

  it('a viewer waits at most its wait: then "still computing" (503), while the one computation runs on and serves everyone after', async () => {
    const m = model({ viewerWaitMs: 50 });
    const g = gate({ n: 7 });
    const viewers = await Promise.all(
      Array.from({ length: 5 }, () =>
        m.read('services/p/1h', g.compute).catch(e => e),
      ),
    );
    for (const v of viewers) {
      expect(v).toBeInstanceOf(ServiceUnavailableError);
      expect(v.message).toContain('still being computed');
    }
    expect(m.isRefreshing('services/p/1h')).toBe(true);
    g.open();
    await m.refresh('services/p/1h', g.compute); // joins the computation
    expect(await m.read('services/p/1h', g.compute)).toMatchObject({
      n: 7,
      snapshot: { stale: false },
    });
    expect(g.calls()).toBe(1);
  });

  it('past its wait, a viewer of a snapshot too old to serve at once gets it, marked stale and refreshing', async () => {
    const m = model({ viewerWaitMs: 50 });
    await m.read('k', async () => ({ version: 1 }));
    clock += 1_000_000; // past the 900 s stale window
    const g = gate({ version: 2 });
    expect(await m.read('k', g.compute)).toMatchObject({
      version: 1,
      snapshot: { stale: true, refreshing: true },
    });
    g.open();
    await m.refresh('k', g.compute);
    expect(g.calls()).toBe(1);
  });

  it('runs every computation through the runner it was given (the computations’ own read deadline)', async () => {
    const ran: string[] = [];
    const m = model(
      {},
      {
        runComputation: async work => {
          ran.push('runner');
          return work();
        },
      },
    );
    await m.read('k', async () => ({ n: 1 }));
    expect(ran).toEqual(['runner']);
  });

  it('a refresh after an edit does not settle for a computation that started before it', async () => {
    const m = model();
    const before = gate({ version: 'before' });
    const running = m.refresh('k', before.compute);
    while (before.calls() === 0) await new Promise(r => setTimeout(r, 5));
    clock += 1; // the write lands after the first computation started reading

    const afterEdit = m.refresh('k', async () => ({ version: 'after' }), {
      startedAfterMs: clock,
    });
    before.open();
    expect((await running).value).toEqual({ version: 'before' });
    expect((await afterEdit).value).toEqual({ version: 'after' });
  });

  it('reads only the head of a snapshot whose value it holds, as a shared cache would be read', async () => {
    // A shared cache as keyv stores in Redis: JSON text, parsed on every get; counting the values parsed.
    const text = new Map<string, string>();
    const parsed: string[] = [];
    const shared: ClosableSnapshotCache = {
      async get(key) {
        const json = text.get(key);
        if (json === undefined) return undefined;
        parsed.push(key);
        return JSON.parse(json);
      },
      async set(key, value) {
        text.set(key, JSON.stringify(value));
      },
      async delete(key) {
        text.delete(key);
      },
      close: async () => undefined,
    };
    const replica = () => model({}, { cache: shared });
    const a = replica();
    const b = replica();
    const page = { services: Array.from({ length: 3 }, (_, i) => `s${i}`) };
    await a.read('k', async () => page);
    // b never read k: it parses the value once, then only its head.
    expect(await b.read('k', async () => ({ services: [] }))).toMatchObject(
      page,
    );
    parsed.length = 0;
    for (let i = 0; i < 3; i++)
      expect(await b.read('k', async () => ({ services: [] }))).toMatchObject(
        page,
      );
    expect(parsed).toEqual(['head:k', 'head:k', 'head:k']);
    // a computes a new snapshot: b's next read sees the new head and reads the new value.
    clock += 61_000;
    await a.refresh('k', async () => ({ services: ['new'] }));
    parsed.length = 0;
    expect(await b.read('k', async () => ({ services: [] }))).toMatchObject({
      services: ['new'],
    });
    expect(parsed).toEqual(['head:k', 'k']);
    // a's refresh fails: b's copy of the value is served with the failure the head now names.
    clock += 61_000;
    await a
      .refresh('k', async () => {
        throw new ServiceUnavailableError('Cloud Run is down');
      })
      .catch(() => undefined);
    const served = await b.read('k', async () => ({ services: [] }));
    expect(served.services).toEqual(['new']);
    expect(served.snapshot.stale).toBe(true);
    expect(served.snapshot.lastRefreshFailure?.errors[0]?.message).toContain(
      'Cloud Run is down',
    );
  });

  it('keeps snapshots JSON: what is stored is what a shared cache would give back', async () => {
    const m = model();
    await m.read('k', async () => ({
      at: '2026-01-01T00:00:00.000Z',
      list: [1, 2],
    }));
    const stored = await cache.get('k');
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
  });
});

describe('RefreshLeases.claimInterval', () => {
  it('lets one holder claim each interval', async () => {
    const db = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
      pool: { min: 1, max: 1 },
    });
    const leases = new RefreshLeases(db);
    const claims = await Promise.all(
      ['a', 'b', 'c'].map(h => leases.claimInterval('task', h, 60_000)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await leases.claimInterval('task', 'a', 60_000)).toBe(false);
    await db.destroy();
  });
});
