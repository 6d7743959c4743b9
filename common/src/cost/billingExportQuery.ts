/**
 * The SQL the plugin runs on the Cloud Billing export in BigQuery, in one place: the backend's
 * BillingExportGateway runs it against Google (or the sandbox), and the sandbox's fleet timings run the
 * very same text, so the figure they time is the portal's query. Pure string building, no client.
 */

/** Where the billing export lives. */
export interface BillingExportTable {
  /** Project holding the dataset; query jobs run (and are billed) there. */
  projectId: string;
  dataset: string;
  table: string;
  location?: string;
}

/**
 * What one answered row adds up (docs/performance.md). `project`: per UTC day and project, all a
 * budget, the month across projects and the overview need; at 10,000 services one row per project and
 * day instead of hundreds of thousands. The costs page asks for three grains, each what it draws:
 * `sku` per day and SKU (the SKU families' daily stack, totals, month to date, forecast),
 * `resourcePeriod` per resource and period of the page (`earlier` | `previous` | `current`, split at
 * `@previous_start` and `@range_start`, with the resource's first day) and `resourceDay` per day and
 * resource of one project (the stack by service, the anomalies; `resource` is `resource.name`, else
 * `resource.global_name`). `resource`: per day, SKU and resource, every line
 * the page could need (the sandbox's fleet timings compare it).
 */
export type ExportCostGrain =
  | 'resource'
  | 'project'
  | 'sku'
  | 'resourcePeriod'
  | 'resourceDay';

/** Columns and grouping of each grain, beyond day/project/currency and the sums. */
const GRAINS: Record<
  ExportCostGrain,
  {
    day: boolean;
    /** false: no project and currency columns (a query of one project, whose currency another grain gives). */
    perProject?: boolean;
    columns: string[];
    groupBy: string[];
  }
> = {
  resource: {
    day: true,
    columns: [
      'service.description AS service',
      'sku.description AS sku',
      'IFNULL(resource.name, "") AS resource_name',
      'IFNULL(resource.global_name, "") AS resource_global_name',
    ],
    groupBy: ['service', 'sku', 'resource_name', 'resource_global_name'],
  },
  project: { day: true, columns: [], groupBy: [] },
  sku: {
    day: true,
    columns: ['service.description AS service', 'sku.description AS sku'],
    groupBy: ['service', 'sku'],
  },
  resourcePeriod: {
    day: false,
    columns: [
      'CASE WHEN usage_start_time >= TIMESTAMP(@range_start) THEN "current" WHEN usage_start_time >= TIMESTAMP(@previous_start) THEN "previous" ELSE "earlier" END AS period',
      'service.description AS service',
      'IFNULL(resource.name, "") AS resource_name',
      'IFNULL(resource.global_name, "") AS resource_global_name',
      'MIN(FORMAT_DATE("%Y-%m-%d", DATE(usage_start_time))) AS first_day',
    ],
    groupBy: ['period', 'service', 'resource_name', 'resource_global_name'],
  },
  // One project's, and the fewest columns: at 1,000 services these are the page's most rows (a
  // thousand per day), each decoded by the client in the portal's thread.
  resourceDay: {
    day: true,
    perProject: false,
    columns: [
      'CASE WHEN IFNULL(resource.name, "") != "" THEN resource.name ELSE IFNULL(resource.global_name, "") END AS resource',
    ],
    groupBy: ['resource'],
  },
};

/**
 * Lines of one resource by its short name (`@resource`): its `resource.name` (or the last segment of
 * it), else the last segment of `resource.global_name`, as the portal names a line's resource; the
 * lines that name none are `(unattributed)`. ENDS_WITH, not LIKE: a name may hold `_` or `%`,
 * which LIKE would read as wildcards (`a_b` would also match `a-b`).
 */
const RESOURCE_FILTER = [
  '  AND (IFNULL(resource.name, "") = @resource',
  '    OR ENDS_WITH(IFNULL(resource.name, ""), CONCAT("/", @resource))',
  '    OR (IFNULL(resource.name, "") = "" AND ENDS_WITH(IFNULL(resource.global_name, ""), CONCAT("/", @resource)))',
  '    OR (@resource = "(unattributed)" AND IFNULL(resource.name, "") = "" AND IFNULL(resource.global_name, "") = ""))',
];

/**
 * The default table of an account: the detailed usage cost export, the one whose rows name the
 * resource (`resource.name`), needed for cost per Cloud Run service, queue or Redis instance.
 */
export function defaultExportTable(accountId: string): string {
  return `gcp_billing_export_resource_v1_${accountId.replace(/-/g, '_')}`;
}

/**
 * The export query at `grain`: named parameters only (`@projects` ARRAY<STRING>, `@from_day` and
 * `@to_day` timestamps as strings, and for `resourcePeriod` `@previous_start` and `@range_start`;
 * never string-built values), UTC days [from_day, to_day); with `byResource`, only the lines of the
 * resource named `@resource`. Credits are summed per row with a correlated UNNEST, as Google's
 * documented export queries do. Every grain adds up the same export rows, so a project's day is the
 * same sum whichever is asked.
 */
export function exportCostQuery(
  table: BillingExportTable,
  grain: ExportCostGrain = 'resource',
  options: { byResource?: boolean } = {},
): string {
  const g = GRAINS[grain];
  const perProject = g.perProject ?? true;
  const groupBy = [
    ...(g.day ? ['day'] : []),
    ...(perProject ? ['project_id'] : []),
    ...g.groupBy,
    ...(perProject ? ['currency'] : []),
  ];
  return [
    'SELECT',
    ...(g.day
      ? ['  FORMAT_DATE("%Y-%m-%d", DATE(usage_start_time)) AS day,']
      : []),
    ...(perProject ? ['  project.id AS project_id,'] : []),
    ...g.columns.map(c => `  ${c},`),
    ...(perProject ? ['  currency,'] : []),
    '  SUM(cost) AS cost,',
    '  SUM(IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) AS c), 0)) AS credits',
    `FROM \`${table.projectId}.${table.dataset}.${table.table}\``,
    'WHERE project.id IN UNNEST(@projects)',
    '  AND usage_start_time >= TIMESTAMP(@from_day)',
    '  AND usage_start_time < TIMESTAMP(@to_day)',
    ...(options.byResource ? RESOURCE_FILTER : []),
    `GROUP BY ${groupBy.join(', ')}`,
    `ORDER BY ${groupBy.filter(c => c !== 'currency').join(', ')}`,
  ].join('\n');
}
