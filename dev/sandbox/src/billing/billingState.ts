/**
 * The sandbox's billing state: one billing account that pays for every scenario project, its budgets
 * (Cloud Billing Budget API v1 resources as served) and the cache of generated billing-export rows.
 * It hangs off the world as ONE optional field (`SandboxWorld.billing`), built with the scenarios so
 * that a sandbox reset restores the initial budgets.
 */
import { hashString } from '../traffic/hash';
import type { SandboxWorld } from '../world';
import type { ExportCache } from './export/exportCache';

/** The sandbox's billing account id (the format Google uses: three dash-separated groups of six hex digits). */
export const SANDBOX_BILLING_ACCOUNT_ID = '012345-6789AB-CDEF01';

/** Currency of the sandbox billing account; every price and cost of the sandbox is in it. */
export const SANDBOX_CURRENCY = 'USD';

/** A budget as stored: the Budget JSON (camelCase, enums as names, int64 as strings) as the API serves it. */
export type BudgetJson = Record<string, unknown>;

/** Billing state of the sandbox world. */
export interface SandboxBilling {
  /** Billing account id, e.g. `012345-6789AB-CDEF01`. */
  accountId: string;
  /** ISO 4217 code of the account's currency. */
  currency: string;
  /** Budgets by budget id (the last segment of `billingAccounts/A/budgets/B`), in creation order. */
  budgets: Map<string, BudgetJson>;
  /** Revision of each budget (1 at creation, +1 per update); the etag is derived from it. */
  revisions: Map<string, number>;
  /** Generated billing-export usage lines per project and day; created by the first BigQuery query. */
  exportCache?: ExportCache;
}

/**
 * Monthly budget per scenario project, whole currency units. Set a little above what the traffic
 * model spends in a month at the scenario's initial configuration (see docs/sandbox.md), so the
 * month-to-date line sits below the budget and a scaling change visibly moves it.
 */
const MONTHLY_BUDGET_UNITS: Record<string, number> = {
  'gryyd-web': 2500,
  'avocano-shop': 600,
  'chat-realtime': 25000,
  'scale-fleet': 30000,
};

/** A budget id that looks like Google's (a UUID), stable for a project so links survive a reset. */
export function budgetIdFor(projectId: string): string {
  const hex = [1, 2, 3, 4]
    .map(i => hashString(`${i}:${projectId}`).toString(16).padStart(8, '0'))
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
    13,
    16,
  )}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The quoted etag of a budget at a revision (opaque to clients; changes on every update). */
export function budgetEtag(budgetId: string, revision: number): string {
  return `"${hashString(`${budgetId}/${revision}`)
    .toString(16)
    .padStart(8, '0')}${revision.toString(16)}"`;
}

/** The initial monthly budget of a project: 50 %, 90 % and 100 % of current spend, 100 % of forecasted spend. */
function projectBudget(accountId: string, projectId: string): BudgetJson {
  const id = budgetIdFor(projectId);
  return {
    name: `billingAccounts/${accountId}/budgets/${id}`,
    displayName: `${projectId} monthly`,
    budgetFilter: {
      // Google stores the project NUMBER here (projects/123…); the sandbox has no numbers and uses ids (unverified choice).
      projects: [`projects/${projectId}`],
      creditTypesTreatment: 'INCLUDE_ALL_CREDITS',
      calendarPeriod: 'MONTH',
    },
    amount: {
      specifiedAmount: {
        currencyCode: SANDBOX_CURRENCY,
        units: String(MONTHLY_BUDGET_UNITS[projectId] ?? 500),
        nanos: 0,
      },
    },
    thresholdRules: [
      { thresholdPercent: 0.5, spendBasis: 'CURRENT_SPEND' },
      { thresholdPercent: 0.9, spendBasis: 'CURRENT_SPEND' },
      { thresholdPercent: 1, spendBasis: 'CURRENT_SPEND' },
      { thresholdPercent: 1, spendBasis: 'FORECASTED_SPEND' },
    ],
    notificationsRule: { disableDefaultIamRecipients: false },
    etag: budgetEtag(id, 1),
  };
}

/** Fresh billing state for a world: one account, one monthly budget per project. */
export function buildBilling(world: SandboxWorld): SandboxBilling {
  const budgets = new Map<string, BudgetJson>();
  const revisions = new Map<string, number>();
  for (const projectId of world.projects.keys()) {
    budgets.set(
      budgetIdFor(projectId),
      projectBudget(SANDBOX_BILLING_ACCOUNT_ID, projectId),
    );
    revisions.set(budgetIdFor(projectId), 1);
  }
  return {
    accountId: SANDBOX_BILLING_ACCOUNT_ID,
    currency: SANDBOX_CURRENCY,
    budgets,
    revisions,
  };
}

/** The world's billing state, created on first use for worlds built without it (e.g. hand-made test worlds). */
export function billingOf(world: SandboxWorld): SandboxBilling {
  world.billing ??= buildBilling(world);
  return world.billing;
}
