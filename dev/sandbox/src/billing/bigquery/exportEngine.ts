import { createRequire } from 'node:module';
import type { SandboxWorld } from '../../world';
import { billingOf } from '../billingState';
import { CATALOG_SKUS, serviceDisplayName } from '../catalog/skuTable';
import { yieldTurn } from '../export/exportCache';
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

/** Inserts `rows[from…]`, each under its index as row_id, in chunks between turns of the event loop. */
async function insertRows(
  db: SqlJsDatabase,
  rows: ExportRow[],
  from: number,
  accountId: string,
  currency: string,
  nowMs: number,
): Promise<void> {
  const insert = db.prepare(
    `INSERT INTO ${ROWS_TABLE} VALUES (${new Array(24).fill('?').join(', ')})`,
  );
  const credit = db.prepare(
    'INSERT INTO export_credits VALUES (?, ?, ?, ?, ?, ?)',
  );
  const label = db.prepare('INSERT INTO export_labels VALUES (?, ?, ?)');
  db.run('BEGIN');
  for (let rowId = from; rowId < rows.length; rowId++) {
    if (rowId > from && (rowId - from) % ROWS_PER_CHUNK === 0)
      await yieldTurn();
    const row = rows[rowId]!;
    const sku = skusById.get(row.skuId)!;
    const start = new Date(row.startMs);
    const invoiceMonth = `${start.getUTCFullYear()}${String(
      start.getUTCMonth() + 1,
    ).padStart(2, '0')}`;
    insert.run([
      rowId,
      accountId,
      row.serviceId,
      serviceDisplayName(row.serviceId),
      row.skuId,
      sku.description,
      row.startMs * 1000,
      row.endMs * 1000,
      row.projectId,
      row.projectId,
      row.region === 'global' ? null : row.region,
      row.region === 'global' ? null : row.region,
      // Exported a little after the usage ends (Google: hours to a day later; unverified).
      Math.min(row.endMs + HOUR_MS, nowMs) * 1000,
      row.cost,
      currency,
      1,
      row.amount * sku.baseUnitConversionFactor,
      sku.baseUnit,
      row.amount,
      sku.usageUnitDescription,
      invoiceMonth,
      'regular',
      row.resourceName,
      row.resourceGlobalName,
    ]);
    for (const c of row.credits)
      credit.run([rowId, c.name, c.amount, c.type, c.id, c.fullName]);
    for (const [key, value] of Object.entries(row.labels))
      label.run([rowId, key, value]);
  }
  db.run('COMMIT');
  insert.free();
  credit.free();
  label.free();
}

/** The loaded engine per world (kept across resets, which replace the cache: the old database is closed then). */
const databases = new WeakMap<
  SandboxWorld,
  { cache: object; key: string; db: SqlJsDatabase; rows: ExportRow[] }
>();

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
): Promise<{ db: SqlJsDatabase; rows: ExportRow[] }> {
  const cache = exportCacheOf(world);
  const billing = billingOf(world);
  const rows = await exportRowsInChunks(world, nowMs);
  // Rows change only when a day was (re)generated or another full hour of today elapsed.
  const key = `${cache.generated}|${Math.floor(nowMs / HOUR_MS)}`;
  const cached = databases.get(world);
  if (cached && cached.cache === cache && cached.key === key) return cached;
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
    const entry = { cache, key, db: cached.db, rows };
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
  const entry = { cache, key, db, rows };
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
