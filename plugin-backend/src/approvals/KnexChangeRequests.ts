import type { Knex } from 'knex';
import type {
  ChangeKind,
  ChangeRequest,
  ChangeRequestStatus,
} from '@gcp-serverless/common';
import { createTableOnce, KnexTableStore } from '../database/KnexTableStore';
import { newestFirst } from '../database/newestFirst';
import {
  decodeProjects,
  encodeProjects,
  listsProject,
} from '../database/projectsColumn';

const TABLE = 'gcp_serverless_change_requests';

/** A query of the change requests: newest first, optionally one status and one project. */
export interface ChangeRequestQuery {
  status?: ChangeRequestStatus;
  projectId?: string;
  limit: number;
}

interface Row {
  id: string;
  kind: string;
  resource: string;
  project_id: string | null;
  /** `|p1|p2|`, as the history stores it. */
  project_ids: string | null;
  path: string;
  change_json: string;
  etag: string;
  acknowledged_json: string;
  preview_json: string;
  reasons_json: string;
  requested_by: string;
  requested_at: string;
  /** `open`, `approving` (an approver's apply is running), `approved`, `rejected`, `failed`. */
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  comment: string | null;
  outcome: string | null;
  change_id: string | null;
}

/**
 * Change requests in the plugin's database (SQLite or PostgreSQL standalone, Backstage's database
 * service inside Backstage), next to the history. A request leaves `open` once, through a
 * conditional update, so two approvers deciding at once (or two replicas) never both apply it.
 */
export class KnexChangeRequests extends KnexTableStore<Row> {
  constructor(db: Knex) {
    super(db, TABLE, d => createTableOnce(d, TABLE, defineTable));
  }

  async create(request: ChangeRequest): Promise<void> {
    await this.query(t => t.insert(toRow(request)));
  }

  async get(id: string): Promise<ChangeRequest | undefined> {
    const row = await this.query(t => t.where('id', id).first());
    return row ? toRequest(row) : undefined;
  }

  async list(query: ChangeRequestQuery): Promise<ChangeRequest[]> {
    const rows = await this.query(t => {
      let q = t;
      if (query.status === 'open')
        q = q.whereIn('status', ['open', 'approving']);
      else if (query.status) q = q.where('status', query.status);
      if (query.projectId) q = q.andWhere(listsProject(query.projectId));
      return q.orderBy(newestFirst('requested_at')).limit(query.limit);
    });
    return rows.map(toRequest);
  }

  async countOpen(): Promise<number> {
    const [row] = await this.query(t =>
      t.whereIn('status', ['open', 'approving']).count({ n: '*' }),
    );
    return Number((row as { n: number | string } | undefined)?.n ?? 0);
  }

  /**
   * Moves an open request to `to` (`approving` before the apply, `rejected`); false when it was not
   * open any more (decided by someone else meanwhile).
   */
  async take(
    id: string,
    to: 'approving' | 'rejected',
    decision: { decidedBy: string; decidedAt: string; comment: string | null },
  ): Promise<boolean> {
    const n = await this.query(t =>
      t.where({ id, status: 'open' }).update({
        status: to,
        decided_by: decision.decidedBy,
        decided_at: decision.decidedAt,
        comment: decision.comment,
      }),
    );
    return n === 1;
  }

  /** Settles an `approving` request as `approved` or `failed` with what the apply did. */
  async settle(
    id: string,
    to: 'approved' | 'failed',
    result: { outcome: string | null; changeId: string | null },
  ): Promise<void> {
    await this.query(t =>
      t.where({ id, status: 'approving' }).update({
        status: to,
        outcome: result.outcome,
        change_id: result.changeId,
      }),
    );
  }
}

function defineTable(t: Knex.CreateTableBuilder): void {
  t.string('id', 36).primary();
  t.string('kind', 16).notNullable();
  t.string('resource', 400).notNullable();
  t.string('project_id', 64).nullable();
  t.text('project_ids').nullable();
  t.string('path', 600).notNullable();
  t.text('change_json').notNullable();
  t.string('etag', 512).notNullable();
  t.text('acknowledged_json').notNullable();
  t.text('preview_json').notNullable();
  t.text('reasons_json').notNullable();
  t.string('requested_by', 320).notNullable();
  // ISO 8601 strings sort chronologically on every database.
  t.string('requested_at', 32).notNullable();
  t.string('status', 16).notNullable();
  t.string('decided_by', 320).nullable();
  t.string('decided_at', 32).nullable();
  t.text('comment').nullable();
  t.text('outcome').nullable();
  t.string('change_id', 36).nullable();
  t.index(['status', 'requested_at']);
}

function toRow(r: ChangeRequest): Row {
  return {
    id: r.id,
    kind: r.kind,
    resource: r.resource,
    project_id: r.projectId,
    project_ids: encodeProjects(r.projects),
    path: r.path,
    change_json: JSON.stringify(r.change),
    etag: r.etag,
    acknowledged_json: JSON.stringify(r.acknowledgedWarnings),
    preview_json: JSON.stringify(r.preview),
    reasons_json: JSON.stringify(r.reasons),
    requested_by: r.requestedBy,
    requested_at: r.requestedAt,
    status: r.status,
    decided_by: r.decidedBy,
    decided_at: r.decidedAt,
    comment: r.comment,
    outcome: r.outcome,
    change_id: r.changeId,
  };
}

function toRequest(row: Row): ChangeRequest {
  return {
    id: row.id,
    kind: row.kind as ChangeKind,
    resource: row.resource,
    projectId: row.project_id,
    projects: decodeProjects(row.project_ids),
    path: row.path,
    change: JSON.parse(row.change_json),
    etag: row.etag,
    acknowledgedWarnings: JSON.parse(row.acknowledged_json),
    preview: JSON.parse(row.preview_json),
    reasons: JSON.parse(row.reasons_json),
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    // `approving` is open to readers: the decision is being applied.
    status: (row.status === 'approving'
      ? 'open'
      : row.status) as ChangeRequestStatus,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    comment: row.comment,
    outcome: row.outcome,
    changeId: row.change_id,
  };
}
