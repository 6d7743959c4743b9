import { GoogleApiError } from '../../googleError';
import type { SandboxWorld } from '../../world';
import { billingOf } from '../billingState';
import { withExportDatabase } from './exportEngine';
import {
  exportTableNames,
  RESOURCE_COLUMNS,
  STANDARD_COLUMNS,
  type ColumnSpec,
  type SqlType,
} from './sql/exportSchema';
import type { Expr } from './sql/sqlExpr';
import { SqlError } from './sql/sqlLexer';
import { QueryTranslator, type OutputColumn } from './sql/translateQuery';

/**
 * Runs a BigQuery Standard SQL query over the sandbox billing export: resolve the table names,
 * translate to SQLite, execute on the embedded engine. Errors are BigQuery's JSON (`errors[]` with a
 * `reason`), which @google-cloud/bigquery surfaces as `err.errors`.
 */

/** Project and dataset holding the export tables (the dataset Cloud Billing exports to; names are the sandbox's). */
export const BILLING_EXPORT_PROJECT = 'finance-billing';
export const BILLING_EXPORT_DATASET = 'billing_export';

/** BigQuery's error JSON: Google's error plus the legacy `errors[{message, domain, reason}]`. */
export class BigQueryError extends GoogleApiError {
  readonly reason: string;

  constructor(
    httpStatus: number,
    status: string,
    message: string,
    reason: string,
  ) {
    super(httpStatus, status, message);
    this.reason = reason;
  }

  override toJSON() {
    const base = super.toJSON();
    return {
      error: {
        ...base.error,
        errors: [
          { message: this.message, domain: 'global', reason: this.reason },
        ],
      },
    };
  }
}

/** 400 invalidQuery, BigQuery's answer to SQL it cannot run. */
export function invalidQuery(message: string): BigQueryError {
  return new BigQueryError(400, 'INVALID_ARGUMENT', message, 'invalidQuery');
}

/** A finished query: output columns and the rows as SQLite values (timestamps in µs). */
export interface QueryResult {
  columns: OutputColumn[];
  rows: unknown[][];
}

/** What a query needs to know besides its text. */
export interface QueryContext {
  /** Project the job runs in (used for two-part table names without a default dataset). */
  jobProject: string;
  /** `defaultDataset` of the request, if any. */
  defaultDataset?: { projectId?: string; datasetId?: string };
  params: Map<string, Expr>;
}

function tableResolver(
  world: SandboxWorld,
  context: QueryContext,
): (name: string) => Record<string, ColumnSpec> | undefined {
  const names = exportTableNames(billingOf(world).accountId);
  return name => {
    const parts = name.split('.');
    const fallbackProject =
      context.defaultDataset?.projectId ?? context.jobProject;
    const [project, dataset, table] =
      parts.length === 3
        ? parts
        : parts.length === 2
        ? [fallbackProject, ...parts]
        : [fallbackProject, context.defaultDataset?.datasetId, parts[0]];
    if (parts.length > 3 || !dataset)
      throw invalidQuery(
        `Table name "${name}" missing dataset while no default dataset is set in the request.`,
      );
    const found =
      project === BILLING_EXPORT_PROJECT && dataset === BILLING_EXPORT_DATASET
        ? table === names.standard
          ? STANDARD_COLUMNS
          : table === names.resource
          ? RESOURCE_COLUMNS
          : undefined
        : undefined;
    if (!found)
      throw new BigQueryError(
        404,
        'NOT_FOUND',
        `Not found: Table ${project}:${dataset}.${table} was not found in location US`,
        'notFound',
      );
    return found;
  };
}

/** Translates and runs `query` over the world's export at sandbox time `nowMs`. */
export async function runQuery(
  world: SandboxWorld,
  nowMs: number,
  query: string,
  context: QueryContext,
): Promise<QueryResult> {
  let translated;
  try {
    translated = new QueryTranslator(
      tableResolver(world, context),
      context.params,
      nowMs * 1000,
    ).translate(query);
  } catch (error) {
    if (error instanceof SqlError) throw invalidQuery(error.message);
    throw error;
  }
  const rows = await withExportDatabase(world, nowMs, (db, exportRows) => {
    const answers = answersOf(exportRows);
    const cached = answers.get(translated.sql);
    if (cached) return cached;
    let result;
    try {
      result = db.exec(translated.sql);
    } catch (error) {
      // The translation produced SQL SQLite rejects: still the query's fault from the caller's view.
      throw invalidQuery(
        `The sandbox could not run this query: ${(error as Error).message}`,
      );
    }
    const values = result[0]?.values ?? [];
    answers.set(translated.sql, values);
    if (answers.size > MAX_CACHED_ANSWERS)
      answers.delete(answers.keys().next().value!);
    return values;
  });
  return { columns: translated.columns, rows };
}

/**
 * Answers per loaded export (its rows array, new whenever the database's contents change, also when
 * only its newest rows were replaced), by translated SQL (parameters and sandbox now are literals in
 * it): a dashboard repeats the same query while the export is unchanged, and at fleet scale running it
 * again costs seconds. Rows are never modified by their readers (pages are slices).
 */
const answerCaches = new WeakMap<object, Map<string, unknown[][]>>();
const MAX_CACHED_ANSWERS = 16;

function answersOf(loadedExport: object): Map<string, unknown[][]> {
  let answers = answerCaches.get(loadedExport);
  if (!answers) {
    answers = new Map();
    answerCaches.set(loadedExport, answers);
  }
  return answers;
}

/** BigQuery REST schema type names (the legacy names the API answers). */
export function restType(type: SqlType): string {
  return {
    STRING: 'STRING',
    INT64: 'INTEGER',
    FLOAT64: 'FLOAT',
    BOOL: 'BOOLEAN',
    TIMESTAMP: 'TIMESTAMP',
    DATE: 'DATE',
    NULL: 'STRING',
  }[type];
}

/**
 * One cell as BigQuery's REST answer carries it (`{v}`): every value a string; TIMESTAMP as integer
 * microseconds with `formatOptions.useInt64Timestamp` (what the Node client asks for) or float seconds.
 */
export function restValue(
  value: unknown,
  type: SqlType,
  int64Timestamp: boolean,
): string | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'TIMESTAMP': {
      const us = Math.round(Number(value));
      return int64Timestamp ? String(us) : String(us / 1e6);
    }
    case 'BOOL':
      return Number(value) !== 0 ? 'true' : 'false';
    case 'INT64':
      return String(Math.round(Number(value)));
    default:
      return String(value);
  }
}
