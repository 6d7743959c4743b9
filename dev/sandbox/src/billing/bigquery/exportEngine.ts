import { createRequire } from 'node:module';
import type { SandboxWorld } from '../../world';
import { billingOf } from '../billingState';
import { CATALOG_SKUS, serviceDisplayName } from '../catalog/skuTable';
import { exportCacheOf, exportRows } from '../export/exportRows';
import type { ExportRow } from '../export/exportTypes';
import { CREATE_TABLES, ROWS_TABLE } from './sql/exportSchema';

/**
 * The embedded SQL engine (sql.js: SQLite compiled to WebAssembly) loaded with the generated billing
 * export. One database per world, rebuilt only when the export changed (a newly generated day or the
 * next full hour), so repeated dashboard queries do not reload 100,000 rows.
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

function insertRows(
  db: SqlJsDatabase,
  rows: ExportRow[],
  accountId: string,
  currency: string,
  nowMs: number,
): void {
  const insert = db.prepare(
    `INSERT INTO ${ROWS_TABLE} VALUES (${new Array(24).fill('?').join(', ')})`,
  );
  const credit = db.prepare(
    'INSERT INTO export_credits VALUES (?, ?, ?, ?, ?, ?)',
  );
  const label = db.prepare('INSERT INTO export_labels VALUES (?, ?, ?)');
  db.run('BEGIN');
  rows.forEach((row, rowId) => {
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
  });
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

/**
 * Runs `use` on the engine loaded with the world's export at sandbox time `nowMs`. `use` runs in the
 * same synchronous stretch as the load, so a concurrent query can never close the database under it.
 */
export async function withExportDatabase<T>(
  world: SandboxWorld,
  nowMs: number,
  use: (db: SqlJsDatabase, rows: ExportRow[]) => T,
): Promise<T> {
  const SQL = await loadSqlJs();
  const { db, rows } = loadExport(SQL, world, nowMs);
  return use(db, rows);
}

function loadExport(
  SQL: SqlJsStatic,
  world: SandboxWorld,
  nowMs: number,
): { db: SqlJsDatabase; rows: ExportRow[] } {
  const cache = exportCacheOf(world);
  const billing = billingOf(world);
  const rows = exportRows(world, nowMs);
  // Rows change only when a day was (re)generated or another full hour of today elapsed.
  const key = `${cache.generated}|${Math.floor(nowMs / HOUR_MS)}`;
  const cached = databases.get(world);
  if (cached && cached.cache === cache && cached.key === key) return cached;
  // sql.js memory is not garbage-collected: close the database this one replaces.
  cached?.db.close();
  const db = new SQL.Database();
  db.run(CREATE_TABLES);
  insertRows(db, rows, billing.accountId, billing.currency, nowMs);
  const entry = { cache, key, db, rows };
  databases.set(world, entry);
  return entry;
}
