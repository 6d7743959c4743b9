import knexFactory, { type Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RefreshLeases } from './RefreshLeases';
import { LeaseIntervalScheduler } from './RefreshScheduler';

const silent = { info() {}, warn() {}, error() {} };
const HOUR = 3600_000;

describe('LeaseIntervalScheduler', () => {
  let db: Knex;
  let clock: number;
  const schedulers: LeaseIntervalScheduler[] = [];
  /** A replica's scheduler on the shared database and the shared (test) clock. */
  const replica = () => {
    const s = new LeaseIntervalScheduler({
      leases: new RefreshLeases(db),
      logger: silent,
      now: () => clock,
    });
    schedulers.push(s);
    return s;
  };

  beforeEach(() => {
    clock = Date.parse('2026-12-05T12:00:00Z');
    db = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
      pool: { min: 1, max: 1 },
    });
  });
  afterEach(async () => {
    schedulers.splice(0).forEach(s => s.stop());
    await db.destroy();
  });

  it('runs a task once per interval of its clock across replicas, however often they tick', async () => {
    let runs = 0;
    const task = {
      id: 't',
      intervalMs: HOUR,
      timeoutMs: HOUR,
      run: async () => void runs++,
    };
    const [a, b] = [replica(), replica()];
    await a.schedule(task);
    await b.schedule(task);
    // Each scheduled run ticks at once; runDue waits for that tick, so the first interval is spent.
    expect(await Promise.all([a.runDue(), b.runDue()])).toEqual([[], []]);
    expect(runs).toBe(1);
    clock += HOUR;
    const ran = await Promise.all([a.runDue(), b.runDue(), a.runDue()]);
    expect(ran.flat()).toEqual(['t']);
    expect(runs).toBe(2);
  });

  it('starts a task with an initial delay only once the delay is over, then per interval as any other', async () => {
    let runs = 0;
    let firstRun!: () => void;
    const ran = new Promise<void>(resolve => (firstRun = resolve));
    const a = replica();
    await a.schedule({
      id: 'later',
      intervalMs: HOUR,
      timeoutMs: HOUR,
      initialDelayMs: 50,
      run: async () => {
        runs++;
        firstRun();
      },
    });
    // Scheduling ran nothing (a task without a delay ticks at once, as the test above shows), and
    // neither does a tick asked for during the delay: the timer would not tick it either.
    expect(runs).toBe(0);
    expect(await a.runDue()).toEqual([]);
    expect(runs).toBe(0);
    await ran;
    expect(runs).toBe(1);
    // The interval after it is spent: no second run until the clock moves on.
    expect(await a.runDue()).toEqual([]);
    clock += HOUR;
    expect(await a.runDue()).toEqual(['later']);
  });

  it('runs at once when the clock moved back by more than an interval (a sandbox reset), not an hour later', async () => {
    let runs = 0;
    const a = replica();
    await a.schedule({
      id: 't',
      intervalMs: HOUR,
      timeoutMs: HOUR,
      run: async () => void runs++,
    });
    await a.runDue();
    expect(runs).toBe(1);
    clock -= 3 * HOUR;
    expect(await a.runDue()).toEqual(['t']);
    // Then it is an ordinary interval again.
    expect(await a.runDue()).toEqual([]);
    expect(runs).toBe(2);
  });

  it('does not run twice for a replica whose clock is a little behind', async () => {
    const leases = new RefreshLeases(db);
    expect(await leases.claimInterval('t', 'a', HOUR, clock)).toBe(true);
    expect(await leases.claimInterval('t', 'b', HOUR, clock - 5_000)).toBe(
      false,
    );
  });
});
