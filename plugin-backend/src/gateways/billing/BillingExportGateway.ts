import {
  defaultExportTable,
  exportCostQuery,
  UpstreamError,
  type BillingExportTable,
  type ExportCostGrain,
} from '@gcp-serverless/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { BigQuery } from '@google-cloud/bigquery';
import type { GcpServerlessConfig } from '../../config/config';
import type { GoogleCredentials } from '../credentials/GoogleCredentials';
import { guardClient } from '../credentials/guardClient';
import { withDeadline } from '../callSettings';
import { readDeadlineMs } from '../computationReadDeadline';
import { wrapGoogleError } from '../googleErrors';
import { bigQueryOptions } from './bigQueryOptions';

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

/** One project's UTC day in the export, every service, SKU and resource added up by BigQuery. */
export type ExportProjectDayLine = Pick<
  ExportCostLine,
  'day' | 'projectId' | 'currency' | 'cost' | 'credits'
>;

/** One UTC day of one Catalog service and SKU of a project (every resource together, or the one asked). */
export type ExportSkuDayLine = ExportProjectDayLine &
  Pick<ExportCostLine, 'service' | 'sku'>;

/** One UTC day of one resource of the project asked (every SKU together). */
export interface ExportResourceDayLine {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  /** `resource.name`, else `resource.global_name`, else ''. */
  resource: string;
  cost: number;
  credits: number;
}

/** A resource's cost in one period of the costs page, every SKU and day together. */
export interface ExportResourcePeriodLine
  extends Omit<ExportProjectDayLine, 'day'>,
    Pick<ExportCostLine, 'service' | 'resourceName' | 'resourceGlobalName'> {
  /** `current` (from the range's start), `previous` (the range before it) or `earlier`. */
  period: 'current' | 'previous' | 'earlier';
  /** `YYYY-MM-DD`: the first day of the period with a line of the resource. */
  firstDay: string;
}

/** The days of a costs page's three queries, `YYYY-MM-DD` (UTC), `to` days exclusive. */
export interface ExportBreakdownDays {
  fromDay: string;
  previousStart: string;
  rangeStart: string;
  resourceDaysFrom: string;
  toDay: string;
}

/** Slices of the portal's thread a long conversion takes before it lets other work run, ms. */
const SLICE_MS = 10;

/**
 * `rows.map(f)` that lets the event loop turn every SLICE_MS: a fleet's day × resource rows (100,000
 * at 1,000 services over 90 days) never hold the portal's thread in one piece.
 */
export async function mapInSlices<R, T>(
  rows: readonly R[],
  f: (row: R) => T,
): Promise<T[]> {
  const out: T[] = [];
  let sliceStart = performance.now();
  for (const row of rows) {
    out.push(f(row));
    if (performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  return out;
}

/** The columns every grain answers. */
const projectDayLine = (r: Record<string, unknown>): ExportProjectDayLine => ({
  day: String(r.day ?? ''),
  projectId: String(r.project_id ?? ''),
  currency: String(r.currency ?? 'USD'),
  cost: Number(r.cost ?? 0),
  credits: Number(r.credits ?? 0),
});

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

  /**
   * Cost lines per resource and SKU of the projects for the UTC days [fromDay, toDay), `YYYY-MM-DD`:
   * every line the export holds, grouped; the setup doctor reads an empty day of it to learn that the
   * table is readable and has the `resource` column.
   */
  async costLines(
    projectIds: readonly string[],
    fromDay: string,
    toDay: string,
  ): Promise<ExportCostLine[]> {
    const rows = await this.query('resource', projectIds, fromDay, toDay);
    return rows.map(r => ({
      ...projectDayLine(r),
      service: String(r.service ?? ''),
      sku: String(r.sku ?? ''),
      resourceName: String(r.resource_name ?? ''),
      resourceGlobalName: String(r.resource_global_name ?? ''),
    }));
  }

  /**
   * What the costs page of one project draws, in three queries run together, each added up by
   * BigQuery at its grain (docs/costs-and-budgets.md): per day and SKU, per resource and period, per
   * day and resource. With `resource`, the day grains keep only that resource's lines.
   */
  async breakdownLines(
    projectId: string,
    days: ExportBreakdownDays,
    resource: string | null,
  ): Promise<{
    skuDays: ExportSkuDayLine[];
    resourcePeriods: ExportResourcePeriodLine[];
    resourceDays: ExportResourceDayLine[];
  }> {
    const only: Record<string, string> = resource === null ? {} : { resource };
    const [skuRows, periodRows, dayRows] = await Promise.all([
      this.query('sku', [projectId], days.fromDay, days.toDay, only),
      this.query('resourcePeriod', [projectId], days.fromDay, days.toDay, {
        previous_start: `${days.previousStart} 00:00:00`,
        range_start: `${days.rangeStart} 00:00:00`,
      }),
      this.query(
        'resourceDay',
        [projectId],
        days.resourceDaysFrom,
        days.toDay,
        only,
      ),
    ]);
    const resourceOf = (r: Record<string, unknown>) => ({
      resourceName: String(r.resource_name ?? ''),
      resourceGlobalName: String(r.resource_global_name ?? ''),
    });
    return {
      skuDays: skuRows.map(r => ({
        ...projectDayLine(r),
        service: String(r.service ?? ''),
        sku: String(r.sku ?? ''),
      })),
      resourcePeriods: periodRows.map(r => {
        const { day: _day, ...line } = projectDayLine(r);
        return {
          ...line,
          ...resourceOf(r),
          service: String(r.service ?? ''),
          period: String(r.period) as ExportResourcePeriodLine['period'],
          firstDay: String(r.first_day ?? ''),
        };
      }),
      resourceDays: await mapInSlices(dayRows, r => ({
        day: String(r.day ?? ''),
        resource: String(r.resource ?? ''),
        cost: Number(r.cost ?? 0),
        credits: Number(r.credits ?? 0),
      })),
    };
  }

  /**
   * Cost per project and UTC day for [fromDay, toDay), added up by BigQuery: what budgets and the
   * overview need, one row per project and day however many services the projects have.
   */
  async projectDayLines(
    projectIds: readonly string[],
    fromDay: string,
    toDay: string,
  ): Promise<ExportProjectDayLine[]> {
    const rows = await this.query('project', projectIds, fromDay, toDay);
    return rows.map(projectDayLine);
  }

  /** One query at `grain`; `extra` are its further string parameters (`resource`, the period starts). */
  private async query(
    grain: ExportCostGrain,
    projectIds: readonly string[],
    fromDay: string,
    toDay: string,
    extra: Record<string, string> = {},
  ): Promise<Record<string, unknown>[]> {
    const what = `querying the billing export ${this.table.dataset}.${this.table.table}`;
    try {
      // jobs.query: the rows in the answer of the one call when the query completes within
      // `timeoutMs`, else the client reads them with getQueryResults (docs/google-apis.md §6).
      // A job-only option such as `jobTimeoutMs` would make the client insert a job and then
      // read its results: two round trips in a row on every cold budgets read.
      const [rows] = await withDeadline(
        this.client.query(
          {
            query: exportCostQuery(this.table, grain, {
              byResource: 'resource' in extra,
            }),
            params: {
              projects: [...projectIds],
              from_day: `${fromDay} 00:00:00`,
              to_day: `${toDay} 00:00:00`,
              ...extra,
            },
            types: {
              projects: ['STRING'],
              from_day: 'STRING',
              to_day: 'STRING',
              ...Object.fromEntries(Object.keys(extra).map(k => [k, 'STRING'])),
            },
            useLegacySql: false,
            ...(this.table.location ? { location: this.table.location } : {}),
          },
          { timeoutMs: readDeadlineMs(this.deadlineMs) },
        ),
        this.deadlineMs,
        what,
      );
      return rows as Record<string, unknown>[];
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
