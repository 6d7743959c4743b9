import type { Knex } from 'knex';
import { createTableOnce, KnexTableStore } from '../database/KnexTableStore';

const TABLE = 'gcp_serverless_leases';

/** A lease row: who holds `name` until `expires_at` (epoch ms; for an interval claim, the next due time). */
interface LeaseRow {
  name: string;
  holder: string;
  expires_at: number;
}

const defineTable = (t: Knex.CreateTableBuilder) => {
  t.string('name', 255).primary();
  t.string('holder', 64).notNullable();
  t.bigInteger('expires_at').notNullable();
};

/**
 * Short leases in the shared database, so that across replicas one computes a snapshot (or runs a
 * scheduled task) while the others wait for its result. A lease expires by itself, so a replica
 * that dies while holding one delays the others by at most its time to live. Times are wall-clock
 * epoch ms of the replicas (kept in step by NTP; a lease is seconds long, skew is far smaller).
 */
export class RefreshLeases extends KnexTableStore<LeaseRow> {
  constructor(db: Knex) {
    super(db, TABLE, d => createTableOnce(d, TABLE, defineTable));
  }

  /** Takes the lease `name` for `ttlMs` if nobody holds it (or its holder's lease ran out). */
  async acquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    await this.query(t =>
      t
        .insert({ name, holder, expires_at: now + ttlMs })
        .onConflict('name')
        .ignore(),
    );
    // Takes over an expired lease; the row lock makes one of two concurrent takers win.
    await this.query(t =>
      t
        .where({ name })
        .andWhere('expires_at', '<', now)
        .update({ holder, expires_at: now + ttlMs }),
    );
    const row = await this.query(t => t.where({ name }).first('holder'));
    return row?.holder === holder;
  }

  /** Whether anyone holds an unexpired lease `name`. */
  async isHeld(name: string): Promise<boolean> {
    const row = await this.query(t =>
      t
        .where({ name })
        .andWhere('expires_at', '>=', Date.now())
        .first('holder'),
    );
    return Boolean(row);
  }

  async release(name: string, holder: string): Promise<void> {
    await this.query(t => t.where({ name, holder }).delete());
  }

  /**
   * Claims the run of a periodic task due now: the row's `expires_at` is the next due time, and one
   * conditional update moves it on by `intervalMs`, so across replicas exactly one claims each interval.
   * `nowMs` is the replicas' clock (the sandbox's in sandbox mode). A due time more than two intervals
   * ahead means that clock moved back (a sandbox reset): the run is due now rather than stalled until
   * the clock catches up; two intervals of slack keep ordinary clock skew between replicas from
   * claiming twice.
   */
  async claimInterval(
    name: string,
    holder: string,
    intervalMs: number,
    nowMs: number = Date.now(),
  ): Promise<boolean> {
    await this.query(t =>
      t.insert({ name, holder, expires_at: 0 }).onConflict('name').ignore(),
    );
    const updated = await this.query(t =>
      t
        .where({ name })
        .andWhere(q =>
          q
            .where('expires_at', '<=', nowMs)
            .orWhere('expires_at', '>', nowMs + 2 * intervalMs),
        )
        .update({ holder, expires_at: nowMs + intervalMs }),
    );
    return updated === 1;
  }
}
