import type { Knex } from 'knex';
import { createTableOnce, KnexTableStore } from '../database/KnexTableStore';

const TABLE = 'gcp_serverless_edit_leases';

/**
 * Per-resource leases that serialize read-compare-write for resources without a Google etag
 * (Cloud Tasks queues, Memorystore instances, backend buckets). They live in the shared database,
 * not in process memory, so every backend replica sees the same lease. A lease expires on its own,
 * so a replica that dies mid-apply blocks its resource for at most the lease's lifetime.
 */
export interface EditLeases {
  /** Takes the lease of `resource` for `holder` (the change id); false when another holder has a live lease. */
  acquire(resource: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease back (only the holder's own). */
  release(resource: string, holder: string): Promise<void>;
}

interface LeaseRow {
  resource: string;
  holder: string;
  /** Epoch ms after which the lease is free. */
  expires_at: number;
}

/**
 * Leases in a knex database: one row per leased resource, the resource name as primary key, so
 * that of two replicas inserting at once the database lets exactly one win (SQLite, PostgreSQL
 * and MySQL alike). Expired rows are deleted before the insert.
 */
export class KnexEditLeases
  extends KnexTableStore<LeaseRow>
  implements EditLeases
{
  private readonly now: () => number;

  /** `now` is real time: leases are about processes being alive, not about the sandbox's clock. */
  constructor(db: Knex, now: () => number = Date.now) {
    super(db, TABLE, d => createTableOnce(d, TABLE, defineTable));
    this.now = now;
  }

  async acquire(
    resource: string,
    holder: string,
    ttlMs: number,
  ): Promise<boolean> {
    const now = this.now();
    await this.query(t =>
      t.where('resource', resource).andWhere('expires_at', '<=', now).delete(),
    );
    try {
      await this.query(t =>
        t.insert({ resource, holder, expires_at: now + ttlMs }),
      );
      return true;
    } catch (err) {
      // The primary key refused a second lease; any other failure is real and surfaces.
      const existing = await this.query(t =>
        t.where('resource', resource).first(),
      );
      if (existing) return false;
      throw err;
    }
  }

  async release(resource: string, holder: string): Promise<void> {
    await this.query(t => t.where({ resource, holder }).delete());
  }
}

function defineTable(t: Knex.CreateTableBuilder): void {
  t.string('resource', 400).primary();
  t.string('holder', 64).notNullable();
  t.bigInteger('expires_at').notNullable();
}
