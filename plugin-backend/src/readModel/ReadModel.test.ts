import knexFactory, { type Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
  const model = (timing: Partial<ReadModelTiming> = {}) =>
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
