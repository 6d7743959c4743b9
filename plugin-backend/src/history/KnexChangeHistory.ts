import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import {
  CHANGE_KINDS,
  type ChangeKind,
  type ChangeRecord,
  type ChangeResult,
} from '@gcp-serverless/common';
import type { AuditEntry, AuditLog } from '../services/AuditLog';

const TABLE = 'gcp_serverless_changes';

/** Where a page of the history starts: just older than this entry (time, then id, descending). */
export interface HistoryPosition {
  /** ISO 8601 time of the last entry of the page before. */
  time: string;
  id: string;
}

/** What a history is read over: one project, optionally one resource. */
export interface ChangeHistoryScope {
  projectId: string;
  resource?: string;
}

/**
 * A query of the history, newest first: one project (optionally one resource, one kind of change, one
 * person), filtered in the database so a filter covers every entry, not only a page of them.
 */
export interface ChangeHistoryQuery extends ChangeHistoryScope {
  kind?: ChangeKind;
  actor?: string;
  /** Only entries older than this one (the page after it). */
  after?: HistoryPosition;
  /** Page size, 1..501 (the route asks one more than it shows, to know whether a next page exists). */
  limit: number;
}

/** Reads of the change history, as the history routes and the reconciler use them. */
export interface ChangeHistory {
  list(query: ChangeHistoryQuery): Promise<ChangeRecord[]>;
  /** Kinds of change and people present in the scope's whole history, sorted. */
  facets(
    scope: ChangeHistoryScope,
  ): Promise<{ kinds: ChangeKind[]; actors: string[] }>;
  get(id: string): Promise<ChangeRecord | undefined>;
  /** Entries still `pending`, oldest first (the reconciler settles them). */
  listPending(limit: number): Promise<ChangeRecord[]>;
}

interface Row {
  id: string;
  time: string;
  actor: string;
  kind: string;
  action: string;
  project_id: string | null;
  /** `|p1|p2|`: every project whose history lists the entry (a budget covers several). */
  project_ids: string | null;
  resource: string;
  before_json: string | null;
  after_json: string | null;
  result: string;
  operation: string | null;
  error: string | null;
  /** Added with approvals (docs/approvals.md); null on older rows. */
  note?: string | null;
}

/** Action prefixes that are not spelled like their kind of change. */
const ACTION_KIND_ALIASES: Record<string, ChangeKind> = {
  urlMap: 'routing',
  urlMaps: 'routing',
  routes: 'routing',
  budgets: 'budget',
  queues: 'queue',
};

/**
 * `scaling.apply` → `scaling`, `urlMap.apply` → `routing`. An unknown prefix is stored as it is
 * rather than refused: losing an audit entry is worse than an unfamiliar kind in the history.
 */
export function kindOfAction(action: string): ChangeKind {
  const prefix = action.split('.')[0]!;
  if ((CHANGE_KINDS as readonly string[]).includes(prefix))
    return prefix as ChangeKind;
  return ACTION_KIND_ALIASES[prefix] ?? (prefix as ChangeKind);
}

/** `projects/P/…` → `P`; billing-account resources have none. */
export function projectOfResource(resource: string): string | null {
  return /^projects\/([^/]+)/.exec(resource)?.[1] ?? null;
}

/**
 * The change history in a SQL database through knex: a SQLite file standalone, Backstage's database
 * service (SQLite, PostgreSQL or MySQL) inside Backstage. Every applied or failed change is a row;
 * rows are never deleted, and updated only to settle a `pending` entry.
 */
export class KnexChangeHistory implements AuditLog, ChangeHistory {
  /** Resolves once the table exists; every read and write waits for it, so construction stays synchronous. */
  readonly ready: Promise<void>;
  private readonly db: Knex;

  constructor(db: Knex) {
    this.db = db;
    this.ready = ensureTable(db);
    // Surface a broken database at the first use, not as an unhandled rejection at start-up.
    this.ready.catch(() => undefined);
  }

  async record(entry: AuditEntry): Promise<void> {
    await this.ready;
    const projects =
      entry.projects ??
      [projectOfResource(entry.resource)].filter(
        (p): p is string => p !== null,
      );
    const row: Row = {
      id: entry.id ?? randomUUID(),
      time: entry.time,
      actor: entry.actor,
      kind: kindOfAction(entry.action),
      action: entry.action,
      project_id: projectOfResource(entry.resource) ?? projects[0] ?? null,
      project_ids: projects.length > 0 ? `|${projects.join('|')}|` : null,
      resource: entry.resource,
      before_json:
        entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json:
        entry.after === undefined ? null : JSON.stringify(entry.after),
      result: entry.result,
      operation: entry.operation ?? null,
      error: entry.error ?? null,
      note: entry.note ?? null,
    };
    await this.db(TABLE).insert(row);
  }

  async list(query: ChangeHistoryQuery): Promise<ChangeRecord[]> {
    await this.ready;
    let q = this.scoped(query);
    if (query.kind) q = q.andWhere('kind', query.kind);
    if (query.actor) q = q.andWhere('actor', query.actor);
    const after = query.after;
    if (after)
      q = q.andWhere(w =>
        w
          .where('time', '<', after.time)
          .orWhere(same =>
            same.where('time', after.time).andWhere('id', '<', after.id),
          ),
      );
    const rows = await q
      .orderBy([
        { column: 'time', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.limit);
    return rows.map(toRecord);
  }

  async facets(
    scope: ChangeHistoryScope,
  ): Promise<{ kinds: ChangeKind[]; actors: string[] }> {
    await this.ready;
    const [kinds, actors] = await Promise.all([
      this.scoped(scope).distinct('kind').orderBy('kind'),
      this.scoped(scope).distinct('actor').orderBy('actor'),
    ]);
    return {
      kinds: kinds.map(r => r.kind as ChangeKind),
      actors: actors.map(r => r.actor),
    };
  }

  /** Rows listed under the scope's project (a budget under each project it covers), optionally of one resource. */
  private scoped(scope: ChangeHistoryScope) {
    const q = this.db<Row>(TABLE).where(w =>
      w
        .where('project_id', scope.projectId)
        .orWhere('project_ids', 'like', `%|${scope.projectId}|%`),
    );
    return scope.resource ? q.andWhere('resource', scope.resource) : q;
  }

  async listPending(limit: number): Promise<ChangeRecord[]> {
    await this.ready;
    const rows = await this.db<Row>(TABLE)
      .where('result', 'pending')
      .orderBy('time', 'asc')
      .limit(limit);
    return rows.map(toRecord);
  }

  /**
   * Settles a pending entry: the one update the plugin makes to a row, and only from `pending`, so
   * replicas settling the same entry at once agree and a settled entry never changes again.
   */
  async settle(entry: AuditEntry): Promise<void> {
    await this.ready;
    if (!entry.id) throw new Error('settle needs the id of the pending entry');
    await this.db<Row>(TABLE)
      .where({ id: entry.id, result: 'pending' })
      .update({
        result: entry.result,
        error: entry.error ?? null,
        ...(entry.operation ? { operation: entry.operation } : {}),
      });
  }

  async get(id: string): Promise<ChangeRecord | undefined> {
    await this.ready;
    const row = await this.db<Row>(TABLE).where('id', id).first();
    return row ? toRecord(row) : undefined;
  }
}

/** Creates the table when missing (idempotent, and safe when replicas start together), and adds columns of newer versions. */
async function ensureTable(db: Knex): Promise<void> {
  if (await db.schema.hasTable(TABLE)) {
    if (!(await db.schema.hasColumn(TABLE, 'project_ids'))) {
      await db.schema.alterTable(TABLE, t => {
        t.text('project_ids').nullable();
      });
    }
    if (!(await db.schema.hasColumn(TABLE, 'note'))) {
      await db.schema
        .alterTable(TABLE, t => {
          t.text('note').nullable();
        })
        // Another replica added it between our check and our alter.
        .catch(async err => {
          if (!(await db.schema.hasColumn(TABLE, 'note'))) throw err;
        });
    }
    return;
  }
  try {
    await createTable(db);
  } catch (err) {
    // Another replica on the same database created it between our check and our create.
    if (!(await db.schema.hasTable(TABLE))) throw err;
  }
}

async function createTable(db: Knex): Promise<void> {
  await db.schema.createTable(TABLE, t => {
    t.string('id', 36).primary();
    // ISO 8601 strings sort chronologically and read the same on every database.
    t.string('time', 32).notNullable();
    t.string('actor', 320).notNullable();
    t.string('kind', 16).notNullable();
    t.string('action', 64).notNullable();
    t.string('project_id', 64).nullable();
    t.text('project_ids').nullable();
    t.string('resource', 400).notNullable();
    t.text('before_json').nullable();
    t.text('after_json').nullable();
    t.string('result', 16).notNullable();
    t.string('operation', 400).nullable();
    t.text('error').nullable();
    t.text('note').nullable();
    t.index(['project_id', 'time']);
    t.index(['resource', 'time']);
    t.index(['result']);
  });
}

/** Every project an entry is listed under: the stored list, else the single project of older rows. */
function projectsOf(row: Row): string[] {
  if (row.project_ids) return row.project_ids.split('|').filter(Boolean);
  return row.project_id ? [row.project_id] : [];
}

function toRecord(row: Row): ChangeRecord {
  return {
    id: row.id,
    time: row.time,
    actor: row.actor,
    kind: row.kind as ChangeKind,
    action: row.action,
    projectId: row.project_id,
    projects: projectsOf(row),
    resource: row.resource,
    before: row.before_json === null ? null : JSON.parse(row.before_json),
    after: row.after_json === null ? null : JSON.parse(row.after_json),
    result: row.result as ChangeResult,
    operation: row.operation,
    error: row.error,
    ...(row.note ? { note: row.note } : {}),
  };
}
