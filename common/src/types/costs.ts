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

/** A day on which a resource cost far more than its trend. */
export interface CostAnomaly {
  resource: string;
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  /** Net cost of that day. */
  amount: number;
  /** Median net cost per day over the days before it (the trend). */
  trend: number;
  /** amount ÷ trend (Infinity when the trend is 0). */
  ratio: number;
}

/** Gross cost and credits of something over some days. Amounts in the billing account's currency. */
export interface CostAmounts {
  /** Gross cost before credits (currency units). */
  cost: number;
  /** Sum of credits, ≤ 0. */
  credits: number;
}

/** One UTC day of one SKU family (every resource of the project, or of the filtered one, together). */
export interface CostSkuDay extends CostAmounts {
  /** `YYYY-MM-DD`, UTC. */
  date: string;
  skuFamily: SkuFamily;
}

/** One UTC day of one resource (every SKU together). */
export interface CostResourceDay extends CostAmounts {
  /** `YYYY-MM-DD`, UTC. */
  date: string;
  resource: string;
}

/** A resource's cost in the current range and in the range of equal length before it. */
export interface ResourceCostTotals {
  resource: string;
  resourceKind: CostResourceKind;
  current: CostAmounts;
  previous: CostAmounts;
}

/** Largest resources that a stacked daily chart shows on their own; the rest are summed as "other". */
export const COST_STACK_TOP_N = 8;

/** A daily cost of one (or all) services, that a fleet's costs page draws without its every row. */
export interface CostStackByResource {
  /**
   * The largest resources of the range by gross cost, largest first; when there are more than
   * COST_STACK_TOP_N + 1, the first COST_STACK_TOP_N and then `other` (OTHER_KEY).
   */
  keys: string[];
  /** How many resources `other` adds up (0 when there is no `other` key). */
  otherCount: number;
  /** Per day of the range (today included) and key. */
  rows: CostResourceDay[];
}

/**
 * GET /projects/:projectId/costs?range=&resource=: the costs page and a service's cost panel, shaped
 * to what they draw (docs/costs-and-budgets.md). The billing export adds the rows up (BigQuery groups
 * by day and SKU, by resource and period, by day and resource): a fleet of 1,000 services answers
 * in kilobytes, not its days × services × SKUs.
 */
export interface CostReportResponse {
  /** Age of the read-model snapshot this answer came from (absent when read directly). */
  snapshot?: SnapshotMeta;
  projectId: string;
  range: CostRange;
  /** The one resource the figures are of, or null for the whole project. */
  resource: string | null;
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
   * Per day and SKU family from min(previousStart, monthStart) up to today (UTC, today partial), of
   * the resource or the whole project: totals of the range and the previous one, month to date, the
   * forecast, the stack by SKU family and its movers.
   */
  skuDays: CostSkuDay[];
  /** Every resource of the project (whatever `resource` is) with its cost in both ranges, largest current gross first. */
  resources: ResourceCostTotals[];
  /** Daily cost of the range by resource: the largest ones and the rest as `other`. */
  byResource: CostStackByResource;
  /** Days of the range on which a resource cost far more than its trend (complete days only), largest excess first. */
  anomalies: CostAnomaly[];
  /** Requests per resource over the current range; empty when Monitoring failed (see errors). */
  requests: ResourceRequests[];
  /** Budgets of the billing account whose scope includes this project (monthly ones first). */
  budgets: BudgetLine[];
  errors: PanelError[];
}
