import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import {
  CHANGE_KINDS,
  type ChangeKind,
  type ChangeRecord,
  type ChangeResult,
} from '@gcp-serverless/common';
import {
  createTableOnce,
  KnexTableStore,
  type TableQuery,
} from '../database/KnexTableStore';
import {
  newestFirst,
  olderThan,
  type RowPosition,
} from '../database/newestFirst';
import {
  decodeProjects,
  encodeProjects,
  listsProject,
} from '../database/projectsColumn';
import type { AuditEntry, AuditLog } from '../services/AuditLog';

const TABLE = 'gcp_serverless_changes';

/** Where a page of the history starts: just older than this entry (time, then id, descending). */
export type HistoryPosition = RowPosition;

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
export class KnexChangeHistory
  extends KnexTableStore<Row>
  implements AuditLog, ChangeHistory
{
  constructor(db: Knex) {
    super(db, TABLE, prepareTable);
  }

  async record(entry: AuditEntry): Promise<void> {
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
      project_ids: encodeProjects(projects),
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
    await this.query(t => t.insert(row));
  }

  async list(query: ChangeHistoryQuery): Promise<ChangeRecord[]> {
    const rows = await this.query(t => {
      let q = scoped(t, query);
      if (query.kind) q = q.andWhere('kind', query.kind);
      if (query.actor) q = q.andWhere('actor', query.actor);
      if (query.after) q = q.andWhere(olderThan('time', query.after));
      return q.orderBy(newestFirst('time')).limit(query.limit);
    });
    return rows.map(toRecord);
  }

  async facets(
    scope: ChangeHistoryScope,
  ): Promise<{ kinds: ChangeKind[]; actors: string[] }> {
    const [kinds, actors] = await Promise.all([
      this.query(t => scoped(t, scope).distinct('kind').orderBy('kind')),
      this.query(t => scoped(t, scope).distinct('actor').orderBy('actor')),
    ]);
    return {
      kinds: kinds.map(r => r.kind as ChangeKind),
      actors: actors.map(r => r.actor),
    };
  }

  async listPending(limit: number): Promise<ChangeRecord[]> {
    const rows = await this.query(t =>
      t.where('result', 'pending').orderBy('time', 'asc').limit(limit),
    );
    return rows.map(toRecord);
  }

  /**
   * Settles a pending entry: the one update the plugin makes to a row, and only from `pending`, so
   * replicas settling the same entry at once agree and a settled entry never changes again.
   */
  async settle(entry: AuditEntry): Promise<void> {
    if (!entry.id) throw new Error('settle needs the id of the pending entry');
    const id = entry.id;
    await this.query(t =>
      t.where({ id, result: 'pending' }).update({
        result: entry.result,
        error: entry.error ?? null,
        ...(entry.operation ? { operation: entry.operation } : {}),
      }),
    );
  }

  async get(id: string): Promise<ChangeRecord | undefined> {
    const row = await this.query(t => t.where('id', id).first());
    return row ? toRecord(row) : undefined;
  }
}

/** Rows listed under the scope's project (a budget under each project it covers), optionally of one resource. */
function scoped(t: TableQuery<Row>, scope: ChangeHistoryScope) {
  const q = t.where(listsProject(scope.projectId));
  return scope.resource ? q.andWhere('resource', scope.resource) : q;
}

/** Creates the table when missing, and adds the columns of newer versions to an older one. */
async function prepareTable(db: Knex): Promise<void> {
  if ((await createTableOnce(db, TABLE, defineTable)) === 'created') return;
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
}

function defineTable(t: Knex.CreateTableBuilder): void {
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
}

/** Every project an entry is listed under: the stored list, else the single project of older rows. */
function projectsOf(row: Row): string[] {
  if (row.project_ids) return decodeProjects(row.project_ids);
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
