import type { Knex } from 'knex';
import type {
  ScheduledChange,
  ScheduledChangeStatus,
} from '@gcp-serverless/common';
import { createTableOnce, KnexTableStore } from '../database/KnexTableStore';

const TABLE = 'gcp_serverless_scheduled_changes';

interface Row {
  id: string;
  project_id: string;
  kind: string;
  resource: string;
  /** Window start and end, epoch ms: the runner's and the calendar's queries. */
  start_ms: number;
  end_ms: number;
  status: string;
  /** Real-time epoch ms after which a `starting`/`reverting` claim of a replica that died may be taken over. */
  claim_expires: number | null;
  /** The rest of the scheduled change as JSON (never queried). */
  data_json: string;
}

/** The steps a replica claims, from which status into which. */
export type ScheduledStepClaim =
  | { from: 'scheduled'; to: 'starting' }
  | { from: 'active'; to: 'reverting' };

/**
 * Scheduled changes in the plugin's database (the history's: SQLite or PostgreSQL standalone,
 * Backstage's database service inside Backstage). Every step of a window moves the row's status
 * with one conditional update, so when replicas race for the same step exactly one wins it.
 */
export class KnexScheduledChanges extends KnexTableStore<Row> {
  constructor(db: Knex) {
    super(db, TABLE, d => createTableOnce(d, TABLE, defineTable));
  }

  async insert(change: ScheduledChange): Promise<void> {
    await this.query(t => t.insert(toRow(change)));
  }

  async get(id: string): Promise<ScheduledChange | undefined> {
    const row = await this.query(t => t.where('id', id).first());
    return row ? toChange(row) : undefined;
  }

  /** The project's windows that overlap [fromMs, toMs), by start. */
  async listOverlapping(
    projectId: string,
    fromMs: number,
    toMs: number,
  ): Promise<ScheduledChange[]> {
    const rows = await this.query(t =>
      t
        .where('project_id', projectId)
        .andWhere('start_ms', '<', toMs)
        .andWhere('end_ms', '>', fromMs)
        .orderBy([
          { column: 'start_ms', order: 'asc' },
          { column: 'id', order: 'asc' },
        ])
        .limit(500),
    );
    return rows.map(toChange);
  }

  /**
   * Steps due at `nowMs` (the backend's clock: the sandbox's in sandbox mode): starts whose time
   * came, reverts whose end came, and steps whose claimant's lease ran out in real time.
   */
  async listDue(nowMs: number, realNowMs: number): Promise<ScheduledChange[]> {
    const rows = await this.query(t =>
      t
        .where(q =>
          q
            .where(w =>
              w.where('status', 'scheduled').andWhere('start_ms', '<=', nowMs),
            )
            .orWhere(w =>
              w.where('status', 'active').andWhere('end_ms', '<=', nowMs),
            )
            .orWhere(w =>
              w
                .whereIn('status', ['starting', 'reverting'])
                .andWhere('claim_expires', '<', realNowMs),
            ),
        )
        .orderBy('start_ms', 'asc')
        .limit(100),
    );
    return rows.map(toChange);
  }

  /**
   * Claims a step: moves the status from `from` to `to` if it still is `from` — or takes over a
   * `to` claim whose lease ran out — and holds it until `claimExpiresMs` (real time). True when
   * this caller won.
   */
  async claim(
    id: string,
    step: ScheduledStepClaim,
    realNowMs: number,
    claimExpiresMs: number,
  ): Promise<boolean> {
    const updated = await this.query(t =>
      t
        .where('id', id)
        .andWhere(q =>
          q
            .where('status', step.from)
            .orWhere(w =>
              w
                .where('status', step.to)
                .andWhere('claim_expires', '<', realNowMs),
            ),
        )
        .update({ status: step.to, claim_expires: claimExpiresMs }),
    );
    return updated === 1;
  }

  /** Ends a step (or cancels): writes the change's new state if its status still is `from`; true when it was. */
  async update(
    change: ScheduledChange,
    from: ScheduledChangeStatus,
  ): Promise<boolean> {
    const { status, data_json } = toRow(change);
    const updated = await this.query(t =>
      t
        .where({ id: change.id, status: from })
        .update({ status, data_json, claim_expires: null }),
    );
    return updated === 1;
  }
}

function toRow(change: ScheduledChange): Row {
  const { status, ...data } = change;
  return {
    id: change.id,
    project_id: change.projectId,
    kind: change.kind,
    resource: change.resource,
    start_ms: Date.parse(change.startsAt),
    end_ms: Date.parse(change.endsAt),
    status,
    claim_expires: null,
    data_json: JSON.stringify(data),
  };
}

function toChange(row: Row): ScheduledChange {
  const data = JSON.parse(row.data_json) as Omit<ScheduledChange, 'status'>;
  return { ...data, status: row.status as ScheduledChangeStatus };
}

function defineTable(t: Knex.CreateTableBuilder): void {
  t.string('id', 36).primary();
  t.string('project_id', 64).notNullable();
  t.string('kind', 16).notNullable();
  t.string('resource', 400).notNullable();
  t.bigInteger('start_ms').notNullable();
  t.bigInteger('end_ms').notNullable();
  t.string('status', 16).notNullable();
  t.bigInteger('claim_expires').nullable();
  t.text('data_json').notNullable();
  t.index(['project_id', 'start_ms']);
  t.index(['status', 'start_ms']);
}
