import { createRequire } from 'node:module';
import type { SandboxWorld } from '../../world';
import { billingOf } from '../billingState';
import { CATALOG_SKUS, serviceDisplayName } from '../catalog/skuTable';
import { exportStateKey, yieldTurn } from '../export/exportCache';
import { exportCacheOf, exportRowsInChunks } from '../export/exportRows';
import type { ExportRow } from '../export/exportTypes';
import { CREATE_TABLES, ROWS_TABLE } from './sql/exportSchema';

/**
 * The embedded SQL engine (sql.js: SQLite compiled to WebAssembly) loaded with the generated billing
 * export. One database per world, rebuilt only when the export changed (a newly generated day or the
 * next full hour), so repeated dashboard queries do not reload 100,000 rows; a change replaces only the rows
 * from the first changed one on (usually the newest hour). A fleet's export is
 * millions of rows: it is generated and loaded in chunks with turns of the event loop between them
 * (the sandbox keeps answering other calls meanwhile), one build at a time per world; queries wait
 * for the build in progress. `POST /_sandbox/warm` builds it ahead of the first query.
 */

/** The part of sql.js's API the sandbox uses (sql.js ships no TypeScript types). */
export interface SqlJsDatabase {
  run(sql: string, params?: unknown[]): void;
  exec(sql: string): { columns: string[]; values: unknown[][] }[];
  prepare(sql: string): { run(params: unknown[]): void; free(): void };
  close(): void;
}
export type SqlJsStatic = { Database: new () => SqlJsDatabase };

const require = createRequire(import.meta.url);
let sqlJs: Promise<SqlJsStatic> | undefined;

/** sql.js, initialised once per process with the wasm file from its package. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= (async () => {
    const init = require('sql.js') as (config: {
      locateFile: (file: string) => string;
    }) => Promise<SqlJsStatic>;
    const dist = require
      .resolve('sql.js/dist/sql-wasm.wasm')
      .replace(/sql-wasm\.wasm$/, '');
    return init({ locateFile: file => `${dist}${file}` });
  })();
  return sqlJs;
}

const skusById = new Map(CATALOG_SKUS.map(s => [s.skuId, s]));
const HOUR_MS = 3_600_000;

/** Settings of the engine: temp tables and sorts in memory, no journal, a page cache holding the whole export. */
const SQL_ENGINE_PRAGMAS = [
  'PRAGMA temp_store = MEMORY',
  'PRAGMA journal_mode = OFF',
  'PRAGMA synchronous = OFF',
  'PRAGMA temp.cache_size = -1048576',
].join(';\n');

/** Rows inserted between two turns of the event loop (a few tens of milliseconds of work). */
const ROWS_PER_CHUNK = 2_000;
/** Rows per staging INSERT (10 bound numbers each, below SQLite's 999 parameters of old builds). */
const ROWS_PER_STATEMENT = 50;

/**
 * The part of a row that differs from row to row, all numbers: `row_id`, the SKU's and the
 * resource's index in their dimension tables, times (µs), cost, amounts and the invoice month.
 */
const STAGING_COLUMNS =
  'row_id INTEGER, sku_idx INTEGER, res_idx INTEGER, usage_start_time INTEGER, usage_end_time INTEGER, ' +
  'export_time INTEGER, cost REAL, usage_amount REAL, usage_amount_in_pricing_units REAL, invoice_month INTEGER';

/**
 * Tables the load goes through: a row's strings (SKU and service names, units, project, location,
 * resource names, labels) repeat over a fleet's 90 days, so they are written once per SKU and per
 * resource, and each row binds only its numbers. SQLite then copies the strings into the export's
 * tables itself: binding 13 strings per row from JavaScript (each copied into WebAssembly memory) was
 * most of a fleet's load.
 */
const CREATE_LOAD_TABLES = `
CREATE TEMP TABLE export_staging (${STAGING_COLUMNS});
CREATE TEMP TABLE export_skus (sku_idx INTEGER PRIMARY KEY, service_id TEXT, service_description TEXT, sku_id TEXT, sku_description TEXT, usage_unit TEXT, usage_pricing_unit TEXT);
CREATE TEMP TABLE export_resources (res_idx INTEGER PRIMARY KEY, project_id TEXT, location TEXT, resource_name TEXT, resource_global_name TEXT);
CREATE TEMP TABLE export_resource_labels (res_idx INTEGER, seq INTEGER, key TEXT, value TEXT);
CREATE INDEX export_resource_labels_res ON export_resource_labels(res_idx, seq);
`;

/** The staged rows into the export's rows table, in row order (account id and currency bound). */
const MOVE_STAGED_ROWS = `
INSERT INTO ${ROWS_TABLE} SELECT s.row_id, ?, k.service_id, k.service_description, k.sku_id, k.sku_description,
  s.usage_start_time, s.usage_end_time, r.project_id, r.project_id, r.location, r.location, s.export_time, s.cost, ?, 1,
  s.usage_amount, k.usage_unit, s.usage_amount_in_pricing_units, k.usage_pricing_unit, CAST(s.invoice_month AS TEXT),
  'regular', r.resource_name, r.resource_global_name
FROM export_staging s JOIN export_skus k ON k.sku_idx = s.sku_idx JOIN export_resources r ON r.res_idx = s.res_idx
ORDER BY s.row_id`;

/** Their labels, in row order and each row's labels in their order; then the staging table is emptied. */
const MOVE_STAGED_LABELS = `
INSERT INTO export_labels SELECT s.row_id, l.key, l.value
FROM export_staging s JOIN export_resource_labels l ON l.res_idx = s.res_idx ORDER BY s.row_id, l.seq;
DELETE FROM export_staging;
`;

/** The SKUs and resources a database's dimension tables hold, by key, with their index. */
interface Dimensions {
  skus: Map<string, number>;
  resources: Map<string, number>;
}
const dimensionsOf = new WeakMap<SqlJsDatabase, Dimensions>();
/** The key of a labels object's content (a day's lines share one object per service). */
const labelKeys = new WeakMap<object, string>();

function labelsKey(labels: Record<string, string>): string {
  let key = labelKeys.get(labels);
  if (key === undefined) {
    key = JSON.stringify(Object.entries(labels));
    labelKeys.set(labels, key);
  }
  return key;
}

/** The index of `row`'s SKU in the dimension table, written there first if new. */
function skuIndex(db: SqlJsDatabase, dims: Dimensions, row: ExportRow): number {
  const key = `${row.serviceId}\u0000${row.skuId}`;
  let index = dims.skus.get(key);
  if (index === undefined) {
    index = dims.skus.size;
    const sku = skusById.get(row.skuId)!;
    db.run('INSERT INTO export_skus VALUES (?, ?, ?, ?, ?, ?, ?)', [
      index,
      row.serviceId,
      serviceDisplayName(row.serviceId),
      row.skuId,
      sku.description,
      sku.baseUnit,
      sku.usageUnitDescription,
    ]);
    dims.skus.set(key, index);
  }
  return index;
}

/** The index of `row`'s resource (project, location, names, labels), written there first if new. */
function resourceIndex(
  db: SqlJsDatabase,
  dims: Dimensions,
  row: ExportRow,
): number {
  const key = `${row.projectId}\u0000${row.region}\u0000${
    row.resourceName
  }\u0000${row.resourceGlobalName}\u0000${labelsKey(row.labels)}`;
  let index = dims.resources.get(key);
  if (index === undefined) {
    index = dims.resources.size;
    const location = row.region === 'global' ? null : row.region;
    db.run('INSERT INTO export_resources VALUES (?, ?, ?, ?, ?)', [
      index,
      row.projectId,
      location,
      row.resourceName,
      row.resourceGlobalName,
    ]);
    let seq = 0;
    for (const [labelKey, value] of Object.entries(row.labels))
      db.run('INSERT INTO export_resource_labels VALUES (?, ?, ?, ?)', [
        index,
        seq++,
        labelKey,
        value,
      ]);
    dims.resources.set(key, index);
  }
  return index;
}

/** Inserts `rows[from…]`, each under its index as row_id, in chunks between turns of the event loop. */
async function insertRows(
  db: SqlJsDatabase,
  rows: ExportRow[],
  from: number,
  accountId: string,
  currency: string,
  nowMs: number,
): Promise<void> {
  let dims = dimensionsOf.get(db);
  if (!dims) {
    db.run(CREATE_LOAD_TABLES);
    dims = { skus: new Map(), resources: new Map() };
    dimensionsOf.set(db, dims);
  }
  const placeholders = (n: number) =>
    new Array(n).fill(`(${new Array(10).fill('?').join(', ')})`).join(', ');
  const stageMany = db.prepare(
    `INSERT INTO export_staging VALUES ${placeholders(ROWS_PER_STATEMENT)}`,
  );
  const stageOne = db.prepare(
    `INSERT INTO export_staging VALUES ${placeholders(1)}`,
  );
  const credit = db.prepare(
    'INSERT INTO export_credits VALUES (?, ?, ?, ?, ?, ?)',
  );
  const staged: number[] = [];
  const flush = () => {
    for (let at = 0; at < staged.length; at += 10)
      stageOne.run(staged.slice(at, at + 10));
    staged.length = 0;
  };
  db.run('BEGIN');
  for (let chunk = from; chunk < rows.length; chunk += ROWS_PER_CHUNK) {
    if (chunk > from) await yieldTurn();
    const end = Math.min(rows.length, chunk + ROWS_PER_CHUNK);
    for (let rowId = chunk; rowId < end; rowId++) {
      const row = rows[rowId]!;
      const sku = skusById.get(row.skuId)!;
      const start = new Date(row.startMs);
      staged.push(
        rowId,
        skuIndex(db, dims, row),
        resourceIndex(db, dims, row),
        row.startMs * 1000,
        row.endMs * 1000,
        // Exported a little after the usage ends (Google: hours to a day later; unverified).
        Math.min(row.endMs + HOUR_MS, nowMs) * 1000,
        row.cost,
        row.amount * sku.baseUnitConversionFactor,
        row.amount,
        start.getUTCFullYear() * 100 + start.getUTCMonth() + 1,
      );
      if (staged.length === ROWS_PER_STATEMENT * 10) {
        stageMany.run(staged);
        staged.length = 0;
      }
      for (const c of row.credits)
        credit.run([rowId, c.name, c.amount, c.type, c.id, c.fullName]);
    }
    flush();
    // sql.js runs only the first statement of a text given with parameters.
    db.run(MOVE_STAGED_ROWS, [accountId, currency]);
    db.run(MOVE_STAGED_LABELS);
  }
  db.run('COMMIT');
  stageMany.free();
  stageOne.free();
  credit.free();
}

/** The loaded engine per world (kept across resets, which replace the cache: the old database is closed then). */
const databases = new WeakMap<SandboxWorld, LoadedExport>();

interface LoadedExport {
  cache: object;
  /** The cache's generation count and the sandbox hour the rows were gathered at. */
  key: string;
  /** The world's {@link exportStateKey} before the rows were gathered (their days' keys follow from it). */
  state: string;
  db: SqlJsDatabase;
  rows: ExportRow[];
}

/** The world's builds, one after another (each waits for the one before it). */
const builds = new WeakMap<SandboxWorld, Promise<unknown>>();

/**
 * Runs `use` on the engine loaded with the world's export at sandbox time `nowMs`. `use` runs in the
 * same synchronous stretch as the build's end, so a later build can never close the database under it.
 */
export async function withExportDatabase<T>(
  world: SandboxWorld,
  nowMs: number,
  use: (db: SqlJsDatabase, rows: ExportRow[]) => T,
): Promise<T> {
  const SQL = await loadSqlJs();
  const previous = builds.get(world) ?? Promise.resolve();
  const current = previous
    .catch(() => undefined)
    .then(() => loadExport(SQL, world, nowMs));
  builds.set(world, current);
  const { db, rows } = await current;
  return use(db, rows);
}

/** Builds the world's export database now (in chunks), so the first dashboard query finds it ready. */
export async function warmExport(
  world: SandboxWorld,
  nowMs: number,
): Promise<void> {
  await withExportDatabase(world, nowMs, () => undefined);
}

async function loadExport(
  SQL: SqlJsStatic,
  world: SandboxWorld,
  nowMs: number,
): Promise<LoadedExport> {
  const cache = exportCacheOf(world);
  const billing = billingOf(world);
  const cached = databases.get(world);
  // Rows change only when a day was (re)generated or another full hour of today elapsed.
  const hour = Math.floor(nowMs / HOUR_MS);
  // Taken before the rows are gathered: a write during a chunked build leaves the next query a
  // different state, so that query gathers them again.
  const state = exportStateKey(world);
  // Current without gathering the rows (1.0–1.3 s at 10,000 services, docs/performance.md): in the
  // same hour, with nothing generated since and the same state, every day keeps its lines.
  if (
    cached &&
    cached.cache === cache &&
    cached.key === `${cache.generated}|${hour}` &&
    cached.state === state
  )
    return cached;
  const rows = await exportRowsInChunks(world, nowMs);
  const key = `${cache.generated}|${hour}`;
  if (cached && cached.cache === cache && cached.key === key) {
    cached.state = state;
    return cached;
  }
  if (cached && cached.cache === cache) {
    // Usually only the newest rows changed (another hour of today; at midnight the days whose sampling
    // step grew): the rows before the first changed one stay, the rest are replaced. A fleet's full
    // load is minutes of work; an hour of today is a few seconds.
    const kept = unchangedPrefix(cached.rows, rows);
    for (const table of [ROWS_TABLE, 'export_credits', 'export_labels'])
      cached.db.run(`DELETE FROM ${table} WHERE row_id >= ${kept}`);
    await insertRows(
      cached.db,
      rows,
      kept,
      billing.accountId,
      billing.currency,
      nowMs,
    );
    const entry = { cache, key, state, db: cached.db, rows };
    databases.set(world, entry);
    return entry;
  }
  const db = new SQL.Database();
  // Nothing here needs durability; the tables are TEMP ones, in memory (exportSchema.ts).
  db.run(SQL_ENGINE_PRAGMAS);
  db.run(CREATE_TABLES);
  await insertRows(db, rows, 0, billing.accountId, billing.currency, nowMs);
  // sql.js memory is not garbage-collected: close the database this one replaces.
  cached?.db.close();
  const entry = { cache, key, state, db, rows };
  databases.set(world, entry);
  return entry;
}

/**
 * How many leading rows of the loaded export are still the export's rows. The cache hands out the same
 * line objects for a day it did not regenerate, and rows are in time order with free-tier credits
 * consumed in that order, so a row that is the same object after only unchanged rows has the same
 * values and credits too.
 */
function unchangedPrefix(loaded: ExportRow[], rows: ExportRow[]): number {
  const n = Math.min(loaded.length, rows.length);
  let i = 0;
  while (i < n && loaded[i] === rows[i]) i++;
  return i;
}
