import { UpstreamError } from '@gcp-serverless/common';
import { BigQuery } from '@google-cloud/bigquery';
import type { GcpServerlessConfig } from '../../config/config';
import type { GoogleCredentials } from '../credentials/GoogleCredentials';
import { guardClient } from '../credentials/guardClient';
import { withDeadline } from '../callSettings';
import { wrapGoogleError } from '../googleErrors';
import { bigQueryOptions } from './bigQueryOptions';

/** Where the billing export lives. */
export interface BillingExportTable {
  /** Project holding the dataset; query jobs run (and are billed) there. */
  projectId: string;
  dataset: string;
  table: string;
  location?: string;
}

/** One aggregated line of the export: a UTC day, project, Catalog service, SKU and resource. */
export interface ExportCostLine {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  projectId: string;
  /** `service.description`, e.g. "Cloud Run". */
  service: string;
  /** `sku.description`. */
  sku: string;
  /** `resource.name` (short), or '' when the line names no resource. */
  resourceName: string;
  /** `resource.global_name`, e.g. `//run.googleapis.com/projects/p/locations/l/services/s`. */
  resourceGlobalName: string;
  currency: string;
  /** Sum of `cost` (before credits). */
  cost: number;
  /** Sum of `credits[].amount` (≤ 0). */
  credits: number;
}

/**
 * The default table of an account: the detailed usage cost export, the one whose rows name the
 * resource (`resource.name`), needed for cost per Cloud Run service, queue or Redis instance.
 */
export function defaultExportTable(accountId: string): string {
  return `gcp_billing_export_resource_v1_${accountId.replace(/-/g, '_')}`;
}

/**
 * The export query: named parameters only (never string-built values), grouped per UTC day,
 * project, service, SKU and resource. Credits are summed per row with a correlated UNNEST, as
 * Google's documented export queries do.
 */
export function exportCostQuery(table: BillingExportTable): string {
  return [
    'SELECT',
    '  FORMAT_DATE("%Y-%m-%d", DATE(usage_start_time)) AS day,',
    '  project.id AS project_id,',
    '  service.description AS service,',
    '  sku.description AS sku,',
    '  IFNULL(resource.name, "") AS resource_name,',
    '  IFNULL(resource.global_name, "") AS resource_global_name,',
    '  currency,',
    '  SUM(cost) AS cost,',
    '  SUM(IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) AS c), 0)) AS credits',
    `FROM \`${table.projectId}.${table.dataset}.${table.table}\``,
    'WHERE project.id IN UNNEST(@projects)',
    '  AND usage_start_time >= TIMESTAMP(@from_day)',
    '  AND usage_start_time < TIMESTAMP(@to_day)',
    'GROUP BY day, project_id, service, sku, resource_name, resource_global_name, currency',
    'ORDER BY day, project_id, service, sku, resource_name',
  ].join('\n');
}

/** The Cloud Billing export in BigQuery, read with the official `@google-cloud/bigquery` client. */
export class BillingExportGateway {
  private readonly client: BigQuery;
  readonly table: BillingExportTable;
  private readonly deadlineMs: number;

  constructor(client: BigQuery, table: BillingExportTable, deadlineMs: number) {
    this.client = client;
    this.table = table;
    this.deadlineMs = deadlineMs;
  }

  /** The gateway of the configured export, or undefined when none is configured. */
  static fromConfig(
    config: GcpServerlessConfig,
    credentials: GoogleCredentials,
  ): BillingExportGateway | undefined {
    const billing = config.billing;
    if (!billing?.export) return undefined;
    const { projectId, dataset, location } = billing.export;
    const table = {
      projectId,
      dataset,
      table: billing.export.table ?? defaultExportTable(billing.accountId),
      ...(location ? { location } : {}),
    };
    // Export queries scan weeks of rows: they get the write deadline, not the short read one.
    return new BillingExportGateway(
      guardClient(
        new BigQuery(bigQueryOptions(config, projectId, location)),
        credentials,
        ['query'],
      ),
      table,
      config.timeouts.writeMs,
    );
  }

  /** Cost lines of the projects for the UTC days [fromDay, toDay), `YYYY-MM-DD`. */
  async costLines(
    projectIds: readonly string[],
    fromDay: string,
    toDay: string,
  ): Promise<ExportCostLine[]> {
    const what = `querying the billing export ${this.table.dataset}.${this.table.table}`;
    try {
      const [rows] = await withDeadline(
        this.client.query({
          query: exportCostQuery(this.table),
          params: {
            projects: [...projectIds],
            from_day: `${fromDay} 00:00:00`,
            to_day: `${toDay} 00:00:00`,
          },
          types: { projects: ['STRING'], from_day: 'STRING', to_day: 'STRING' },
          useLegacySql: false,
          ...(this.table.location ? { location: this.table.location } : {}),
          jobTimeoutMs: this.deadlineMs,
        }),
        this.deadlineMs,
        what,
      );
      return (rows as Record<string, unknown>[]).map(r => ({
        day: String(r.day ?? ''),
        projectId: String(r.project_id ?? ''),
        service: String(r.service ?? ''),
        sku: String(r.sku ?? ''),
        resourceName: String(r.resource_name ?? ''),
        resourceGlobalName: String(r.resource_global_name ?? ''),
        currency: String(r.currency ?? 'USD'),
        cost: Number(r.cost ?? 0),
        credits: Number(r.credits ?? 0),
      }));
    } catch (err) {
      throw wrapBigQueryError(err, what);
    }
  }
}

/**
 * BigQuery errors are ApiErrors with an HTTP `code`, not a gRPC one: map them onto the gRPC codes
 * wrapGoogleError knows (403 → NotAllowed, 404 → NotFound, 429/503 → ServiceUnavailable); anything
 * else, a 400 included (a bad query is our bug, not the user's input), is an UpstreamError.
 */
function wrapBigQueryError(err: unknown, what: string) {
  const http = (err as { code?: unknown })?.code;
  if (/Unrecognized name: resource/i.test((err as Error)?.message ?? '')) {
    return new UpstreamError(
      `${what} failed: the table has no resource column, so it is the standard usage cost export; ` +
        'the costs need the detailed usage cost export (table gcp_billing_export_resource_v1_<ACCOUNT>, docs/costs-and-budgets.md): ' +
        'enable it under Billing → Billing export and point gcpServerless.billing.export.table at it',
      { cause: err, details: { setup: { reason: 'STANDARD_EXPORT_TABLE' } } },
    );
  }
  if (typeof http !== 'number') return wrapGoogleError(err, what);
  const grpc: Record<number, number> = {
    401: 16,
    403: 7,
    404: 5,
    429: 8,
    503: 14,
  };
  return wrapGoogleError(
    { code: grpc[http] ?? 2, message: (err as Error).message },
    what,
  );
}
