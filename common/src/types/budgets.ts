import type { SnapshotMeta } from './snapshot';
import type { ChangeWarning, FieldChange, UpstreamValidation } from './api';
import type { PanelError } from './metrics';
import type { AllProjectsMonthCost } from './monthCost';

/** Spend basis of a threshold rule: actual spend so far, or Google's forecast for the period (docs/google-apis.md §6). */
export type SpendBasis = 'CURRENT_SPEND' | 'FORECASTED_SPEND';

/** Calendar periods a budget may cover; `CUSTOM` is a budget with a custom date range (read-only here). */
export type BudgetPeriod = 'MONTH' | 'QUARTER' | 'YEAR' | 'CUSTOM';

/** One alert threshold: a fraction of the budget (0.5 = 50 %) and what it is compared with. */
export interface BudgetThreshold {
  /** Fraction of the amount, 1.0-based (0.9 = 90 %), as Google stores it. */
  percent: number;
  spendBasis: SpendBasis;
}

/** A Cloud Billing budget as the portal shows it (translated from billing.budgets.v1 Budget). */
export interface Budget {
  /** Full name `billingAccounts/A/budgets/B`. */
  name: string;
  /** Budget id (`B`). */
  budgetId: string;
  billingAccount: string;
  displayName: string;
  /** Specified amount in currency units (units + nanos), or null when the budget tracks last period's spend. */
  amount: number | null;
  /** ISO 4217 currency of the amount (the billing account's). */
  currency: string;
  period: BudgetPeriod;
  /** Project ids (or numbers, as Google returns them) in scope; empty = the whole billing account. */
  projects: string[];
  /** Service ids in scope (`services/152E-C115-5142`); empty = all services. */
  services: string[];
  thresholds: BudgetThreshold[];
  creditTypesTreatment: string;
  etag: string;
  /** Link to the budget in the Google Cloud console. */
  consoleUrl: string;
}

/** Actual spend against a budget for its current period, from the cost source. */
export interface BudgetSpend {
  /** Spend of the current period so far (net of credits), or null when the cost source failed. */
  actual: number | null;
  /** Forecast to the end of the current period, or null. */
  forecast: number | null;
  /** First day of the current period, `YYYY-MM-DD`. */
  periodStart: string;
  /** "billing-export" or "estimate". */
  source: 'billing-export' | 'estimate';
}

export interface BudgetWithSpend extends Budget {
  spend: BudgetSpend;
}

/** GET /billing/budgets */
/** What the budgets need and where it is set (the setup hint of a `notConfigured` budgets answer). */
export interface BillingSetupHint {
  /** The missing config key, `gcpServerless.billing.accountId`. */
  key: string;
  /** In words, for the page. */
  message: string;
}

export interface BudgetListResponse {
  /** Age of the read-model snapshot this answer came from (absent when read directly). */
  snapshot?: SnapshotMeta;
  /**
   * `notConfigured`: the plugin has no billing account (`gcpServerless.billing.accountId`), so there are
   * no budgets to read; `setup` says what to set. A state of the page, not an error of the request.
   */
  status: 'configured' | 'notConfigured';
  /** What makes budgets available, when `status` is `notConfigured`. */
  setup?: BillingSetupHint;
  /** The billing account, e.g. `billingAccounts/0A1B2C-…`; null when none is configured. */
  billingAccount: string | null;
  budgets: BudgetWithSpend[];
  /**
   * This month across every allowlisted project: month to date (gross, credits, net), forecast and the
   * monthly budgets' amounts, from the same rows as the budgets' spend; null when the cost source failed.
   */
  month?: AllProjectsMonthCost | null;
  errors: PanelError[];
}

/** POST /billing/budgets/:budgetId/preview */
export interface BudgetPreview {
  budget: Budget;
  diff: FieldChange[];
  warnings: ChangeWarning[];
  /** The Budget API has no validateOnly; preview validation is the shared schema plus our checks. */
  validation: UpstreamValidation;
  etag: string;
}

/** POST /billing/budgets/:budgetId/apply */
export interface BudgetApplyResult {
  budget: Budget;
  diff: FieldChange[];
}

/** The `details` of a 409 from a budget apply: the budget as it is now. */
export interface BudgetConflictDetails {
  current: Budget;
  etag: string;
}
