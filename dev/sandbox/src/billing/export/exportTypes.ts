/**
 * Rows of the sandbox's Cloud Billing export (`gcp_billing_export_v1_<ACCOUNT>` and the detailed
 * `gcp_billing_export_resource_v1_<ACCOUNT>`, docs/google-apis.md §6), before they are loaded into the SQL
 * engine. One row per project, resource, SKU and UTC day ("daily rows per SKU"; Google's rows are
 * hourly or finer). Amounts are usage × the SKU's paid rate; monthly free tiers become credits.
 */

/** A credit on an export row (`credits[]`): negative amount in the row's currency. */
export interface ExportCredit {
  /** e.g. `Free tier`. */
  name: string;
  /** Negative, currency units. */
  amount: number;
  /** e.g. `FREE_TIER`, `PROMOTION`. */
  type: string;
  /** Stable id of the credit, e.g. `FreeTier:SBX1-RUN-0001`. */
  id: string;
  fullName: string;
}

/** One usage line: what one resource of one project used of one SKU in one UTC day. */
export interface UsageLine {
  projectId: string;
  /** Region of the usage (`location.region`), or `global`. */
  region: string;
  /** Catalog service id (`service.id`). */
  serviceId: string;
  /** SKU id (`sku.id`). */
  skuId: string;
  /** Short resource name (`resource.name`), e.g. the Cloud Run service id. */
  resourceName: string;
  /** Full resource name (`resource.global_name`), e.g. `//run.googleapis.com/projects/p/locations/l/services/s`. */
  resourceGlobalName: string;
  /** Resource labels (`labels[]`). */
  labels: Record<string, string>;
  /** `usage_start_time`, epoch ms (the UTC day start). */
  startMs: number;
  /** `usage_end_time`, epoch ms (the day end, or the last full hour of today). */
  endMs: number;
  /** Usage in the SKU's usage unit (`usage.amount_in_pricing_units`), e.g. vCPU-seconds, GiB-seconds, requests. */
  amount: number;
  /** Cost at the SKU's paid rate before credits, currency units. */
  cost: number;
}

/** A row of the export as loaded into the engine: a usage line plus its credits. */
export interface ExportRow extends UsageLine {
  credits: ExportCredit[];
}
