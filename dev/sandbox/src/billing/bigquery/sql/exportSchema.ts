/**
 * The billing-export tables as the SQL engine holds them: BigQuery's nested columns (docs/google-apis.md §6)
 * flattened into SQLite columns, and the repeated `credits` and `labels` as child tables joined on
 * `row_id`. TIMESTAMPs are INTEGER microseconds since the epoch (BigQuery's precision), DATEs are
 * 'YYYY-MM-DD' text.
 */

/** BigQuery column types the translation tracks. */
export type SqlType =
  | 'STRING'
  | 'INT64'
  | 'FLOAT64'
  | 'BOOL'
  | 'TIMESTAMP'
  | 'DATE'
  | 'NULL';

/** A BigQuery column path and the SQLite column holding it. */
export interface ColumnSpec {
  sql: string;
  type: SqlType;
}

/** Columns of the standard export table, by BigQuery path. */
export const STANDARD_COLUMNS: Record<string, ColumnSpec> = {
  billing_account_id: { sql: 'billing_account_id', type: 'STRING' },
  'service.id': { sql: 'service_id', type: 'STRING' },
  'service.description': { sql: 'service_description', type: 'STRING' },
  'sku.id': { sql: 'sku_id', type: 'STRING' },
  'sku.description': { sql: 'sku_description', type: 'STRING' },
  usage_start_time: { sql: 'usage_start_time', type: 'TIMESTAMP' },
  usage_end_time: { sql: 'usage_end_time', type: 'TIMESTAMP' },
  'project.id': { sql: 'project_id', type: 'STRING' },
  'project.name': { sql: 'project_name', type: 'STRING' },
  'location.location': { sql: 'location_location', type: 'STRING' },
  'location.region': { sql: 'location_region', type: 'STRING' },
  export_time: { sql: 'export_time', type: 'TIMESTAMP' },
  cost: { sql: 'cost', type: 'FLOAT64' },
  currency: { sql: 'currency', type: 'STRING' },
  currency_conversion_rate: {
    sql: 'currency_conversion_rate',
    type: 'FLOAT64',
  },
  'usage.amount': { sql: 'usage_amount', type: 'FLOAT64' },
  'usage.unit': { sql: 'usage_unit', type: 'STRING' },
  'usage.amount_in_pricing_units': {
    sql: 'usage_amount_in_pricing_units',
    type: 'FLOAT64',
  },
  'usage.pricing_unit': { sql: 'usage_pricing_unit', type: 'STRING' },
  'invoice.month': { sql: 'invoice_month', type: 'STRING' },
  cost_type: { sql: 'cost_type', type: 'STRING' },
};

/** Columns of the detailed (resource-level) export table: the standard ones plus `resource`. */
export const RESOURCE_COLUMNS: Record<string, ColumnSpec> = {
  ...STANDARD_COLUMNS,
  'resource.name': { sql: 'resource_name', type: 'STRING' },
  'resource.global_name': { sql: 'resource_global_name', type: 'STRING' },
};

/** Fields of one element of `credits[]`. */
export const CREDIT_COLUMNS: Record<string, ColumnSpec> = {
  name: { sql: 'name', type: 'STRING' },
  amount: { sql: 'amount', type: 'FLOAT64' },
  type: { sql: 'type', type: 'STRING' },
  id: { sql: 'id', type: 'STRING' },
  full_name: { sql: 'full_name', type: 'STRING' },
};

/** Fields of one element of `labels[]`. */
export const LABEL_COLUMNS: Record<string, ColumnSpec> = {
  key: { sql: 'key', type: 'STRING' },
  value: { sql: 'value', type: 'STRING' },
};

/** Repeated fields of the export and the child table holding them. */
export const REPEATED: Record<
  string,
  { table: string; columns: Record<string, ColumnSpec> }
> = {
  credits: { table: 'export_credits', columns: CREDIT_COLUMNS },
  labels: { table: 'export_labels', columns: LABEL_COLUMNS },
};

/** The SQLite table of the export rows (both BigQuery tables read it; the standard one hides `resource`). */
export const ROWS_TABLE = 'export_rows';

/**
 * DDL of the engine's tables. TEMP tables: with `temp_store = MEMORY` their pages live in SQLite's
 * memory, whereas sql.js keeps a main database as a file in Emscripten's in-memory file system, whose
 * writes copy (most of a fleet's build was spent there). Queries name them without a schema as before.
 */
export const CREATE_TABLES = `
CREATE TEMP TABLE ${ROWS_TABLE} (row_id INTEGER PRIMARY KEY, ${Object.values(
  RESOURCE_COLUMNS,
)
  .map(
    c =>
      `${c.sql} ${
        c.type === 'FLOAT64'
          ? 'REAL'
          : c.type === 'TIMESTAMP'
          ? 'INTEGER'
          : 'TEXT'
      }`,
  )
  .join(', ')});
CREATE TEMP TABLE export_credits (row_id INTEGER, name TEXT, amount REAL, type TEXT, id TEXT, full_name TEXT);
CREATE TEMP TABLE export_labels (row_id INTEGER, key TEXT, value TEXT);
CREATE INDEX export_credits_row ON export_credits(row_id);
CREATE INDEX export_labels_row ON export_labels(row_id);
`;

/** Table names of the export for a billing account: `gcp_billing_export_v1_012345_6789AB_CDEF01` and the resource one. */
export function exportTableNames(accountId: string): {
  standard: string;
  resource: string;
} {
  const suffix = accountId.replace(/-/g, '_');
  return {
    standard: `gcp_billing_export_v1_${suffix}`,
    resource: `gcp_billing_export_resource_v1_${suffix}`,
  };
}
