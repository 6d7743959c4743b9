import type { Knex } from 'knex';

const TABLE = 'gcp_serverless_leases';

/**
 * Short leases in the shared database, so that across replicas one computes a snapshot (or runs a
 * scheduled task) while the others wait for its result. A lease expires by itself, so a replica
 * that dies while holding one delays the others by at most its time to live. Times are wall-clock
 * epoch ms of the replicas (kept in step by NTP; a lease is seconds long, skew is far smaller).
 */
export class RefreshLeases {
  private readonly db: Knex;
  private readonly ready: Promise<void>;

  constructor(db: Knex) {
    this.db = db;
    this.ready = ensureTable(db);
    this.ready.catch(() => undefined);
  }

  /** Takes the lease `name` for `ttlMs` if nobody holds it (or its holder's lease ran out). */
  async acquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    await this.ready;
    const now = Date.now();
    await this.db(TABLE)
      .insert({ name, holder, expires_at: now + ttlMs })
      .onConflict('name')
      .ignore();
    // Takes over an expired lease; the row lock makes one of two concurrent takers win.
    await this.db(TABLE)
      .where({ name })
      .andWhere('expires_at', '<', now)
      .update({ holder, expires_at: now + ttlMs });
    const row = await this.db(TABLE).where({ name }).first('holder');
    return row?.holder === holder;
  }

  /** Whether anyone holds an unexpired lease `name`. */
  async isHeld(name: string): Promise<boolean> {
    await this.ready;
    const row = await this.db(TABLE)
      .where({ name })
      .andWhere('expires_at', '>=', Date.now())
      .first('holder');
    return Boolean(row);
  }

  async release(name: string, holder: string): Promise<void> {
    await this.ready;
    await this.db(TABLE).where({ name, holder }).delete();
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
    await this.ready;
    await this.db(TABLE)
      .insert({ name, holder, expires_at: 0 })
      .onConflict('name')
      .ignore();
    const updated = await this.db(TABLE)
      .where({ name })
      .andWhere(q =>
        q
          .where('expires_at', '<=', nowMs)
          .orWhere('expires_at', '>', nowMs + 2 * intervalMs),
      )
      .update({ holder, expires_at: nowMs + intervalMs });
    return updated === 1;
  }
}

async function ensureTable(db: Knex): Promise<void> {
  if (await db.schema.hasTable(TABLE)) return;
  try {
    await db.schema.createTable(TABLE, t => {
      t.string('name', 255).primary();
      t.string('holder', 64).notNullable();
      t.bigInteger('expires_at').notNullable();
    });
  } catch (err) {
    // Another replica created it between our check and our create.
    if (!(await db.schema.hasTable(TABLE))) throw err;
  }
}
