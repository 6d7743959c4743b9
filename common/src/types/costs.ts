import type { SnapshotMeta } from './snapshot';
import type { PanelError } from './metrics';

/**
 * SKU families the portal groups billing lines into (docs/google-apis.md §6, §8). `other` holds whatever a
 * billing export contains beyond these (e.g. networking of a VPC connector).
 */
export const SKU_FAMILIES = [
  'cpu',
  'memory',
  'requests',
  'cdn-egress',
  'cdn-fill',
  'cdn-lookups',
  'lb-rules',
  'tasks-operations',
  'redis-capacity',
  'other',
] as const;
export type SkuFamily = (typeof SKU_FAMILIES)[number];

/** Human labels of the SKU families, in chart legend order. */
export const SKU_FAMILY_LABELS: Record<SkuFamily, string> = {
  cpu: 'CPU',
  memory: 'Memory',
  requests: 'Requests',
  'cdn-egress': 'CDN egress',
  'cdn-fill': 'CDN cache fill',
  'cdn-lookups': 'CDN lookups',
  'lb-rules': 'Load balancer rules',
  'tasks-operations': 'Tasks operations',
  'redis-capacity': 'Redis capacity',
  other: 'Other',
};

/** What a cost line is attributed to: a Cloud Run service, a load-balancer backend, a queue, a Redis instance. */
export type CostResourceKind =
  | 'cloud-run'
  | 'backend'
  | 'queue'
  | 'redis'
  | 'other';

/**
 * One project's cost on one UTC day, every resource and SKU together: all that budgets, the month
 * across projects and the overview need (the export adds it up, so a fleet's rows never travel).
 * Amounts in the billing account's currency.
 */
export interface ProjectDayCost {
  /** UTC day of `usage_start_time`, `YYYY-MM-DD`. */
  date: string;
  projectId: string;
  /** Gross cost before credits (currency units, e.g. USD). */
  cost: number;
  /** Sum of credits, ≤ 0 (free tier, committed use, promotions), shown apart from the cost. */
  credits: number;
}

/** One day of cost of one resource and SKU family. Amounts in the billing account's currency. */
export interface CostRow extends ProjectDayCost {
  /** Short resource name, e.g. `gryd-be`, `generation`, `chat-redis`; `(unattributed)` when the line names none. */
  resource: string;
  resourceKind: CostResourceKind;
  skuFamily: SkuFamily;
}

/** Where the figures come from; an estimate must be labelled as one wherever it is shown. */
export interface CostSourceInfo {
  kind: 'billing-export' | 'estimate';
  /** One sentence for the page, e.g. "Cloud Billing export billing.gcp_billing_export_v1_… in BigQuery". */
  description: string;
}

/** Ranges the costs page offers; each is compared with the period of equal length before it. */
export const COST_RANGES = ['7d', '30d', '90d'] as const;
export type CostRange = (typeof COST_RANGES)[number];
export const COST_RANGE_DAYS: Record<CostRange, number> = {
  '7d': 7,
  '30d': 30,
  '90d': 90,
};
export const DEFAULT_COST_RANGE: CostRange = '30d';

/** Requests served by a resource over the current range (Cloud Monitoring), for cost per 1,000 requests. */
export interface ResourceRequests {
  resource: string;
  requests: number;
}

/** A budget of the billing account that covers the project, reduced to what the costs page draws. */
export interface BudgetLine {
  budgetId: string;
  displayName: string;
  /** Budget amount per period in `currency`, or null for "last period's spend" budgets. */
  amount: number | null;
  currency: string;
  calendarPeriod: string;
  /** Threshold fractions (0.5 = 50 %) with their spend basis. */
  thresholds: {
    percent: number;
    spendBasis: 'CURRENT_SPEND' | 'FORECASTED_SPEND';
  }[];
}

/** GET /projects/:projectId/costs?range= */
export interface CostReportResponse {
  /** Age of the read-model snapshot this answer came from (absent when read directly). */
  snapshot?: SnapshotMeta;
  projectId: string;
  range: CostRange;
  /** ISO 4217 code of the billing account (e.g. "USD"). */
  currency: string;
  source: CostSourceInfo;
  /** ISO 8601 time the figures were read. */
  asOf: string;
  /** First day of the current range, `YYYY-MM-DD` (UTC). */
  rangeStart: string;
  /** First day of the previous range of equal length. */
  previousStart: string;
  /** First day of the current calendar month (UTC). */
  monthStart: string;
  /**
   * Daily rows from min(previousStart, monthStart) up to today (UTC, today partial): one query
   * answers the range, the previous range and month to date.
   */
  rows: CostRow[];
  /** Requests per resource over the current range; empty when Monitoring failed (see errors). */
  requests: ResourceRequests[];
  /** Budgets of the billing account whose scope includes this project (monthly ones first). */
  budgets: BudgetLine[];
  errors: PanelError[];
}
