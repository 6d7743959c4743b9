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
 * What one answered row adds up. `resource`: per UTC day, project, Catalog service, SKU and resource,
 * for the costs page (cost per service and SKU family, anomalies, CSV). `project`: per UTC day and
 * project, all a budget, the month across projects and the overview need; at 10,000 services that is
 * one row per project and day instead of hundreds of thousands (docs/performance.md).
 */
export type ExportCostGrain = 'resource' | 'project';

/**
 * The default table of an account: the detailed usage cost export, the one whose rows name the
 * resource (`resource.name`), needed for cost per Cloud Run service, queue or Redis instance.
 */
export function defaultExportTable(accountId: string): string {
  return `gcp_billing_export_resource_v1_${accountId.replace(/-/g, '_')}`;
}

/**
 * The export query at `grain`: named parameters only (`@projects` ARRAY<STRING>, `@from_day` and
 * `@to_day` timestamps as strings; never string-built values), UTC days [from_day, to_day). Credits are
 * summed per row with a correlated UNNEST, as Google's documented export queries do. Both grains add
 * up the same export rows, so a project's day is the same sum either way.
 */
export function exportCostQuery(
  table: BillingExportTable,
  grain: ExportCostGrain = 'resource',
): string {
  const perResource = grain === 'resource';
  return [
    'SELECT',
    '  FORMAT_DATE("%Y-%m-%d", DATE(usage_start_time)) AS day,',
    '  project.id AS project_id,',
    ...(perResource
      ? [
          '  service.description AS service,',
          '  sku.description AS sku,',
          '  IFNULL(resource.name, "") AS resource_name,',
          '  IFNULL(resource.global_name, "") AS resource_global_name,',
        ]
      : []),
    '  currency,',
    '  SUM(cost) AS cost,',
    '  SUM(IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) AS c), 0)) AS credits',
    `FROM \`${table.projectId}.${table.dataset}.${table.table}\``,
    'WHERE project.id IN UNNEST(@projects)',
    '  AND usage_start_time >= TIMESTAMP(@from_day)',
    '  AND usage_start_time < TIMESTAMP(@to_day)',
    perResource
      ? 'GROUP BY day, project_id, service, sku, resource_name, resource_global_name, currency'
      : 'GROUP BY day, project_id, currency',
    perResource
      ? 'ORDER BY day, project_id, service, sku, resource_name'
      : 'ORDER BY day, project_id',
  ].join('\n');
}
