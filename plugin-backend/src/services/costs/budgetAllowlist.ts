import { NotFoundError, type Budget } from '@gcp-serverless/common';

/**
 * Which budgets of the billing account the portal shows and changes (`billing.budgetScope`):
 * `allowlisted` (default) — only budgets scoped to configured projects, every one of them configured,
 * so that an edit never touches spending limits of projects outside the allowlist; `billingAccount` —
 * every budget of the account, including those with no project filter.
 */
export type BudgetScope = 'allowlisted' | 'billingAccount';

/** True when the budget is inside the configured scope. */
export function isBudgetAllowed(
  budget: Pick<Budget, 'projects'>,
  allowedProjects: readonly string[],
  scope: BudgetScope,
): boolean {
  if (scope === 'billingAccount') return true;
  return (
    budget.projects.length > 0 &&
    budget.projects.every(p => allowedProjects.includes(p))
  );
}

/**
 * Throws 404 for a budget outside the scope — the same answer as for one that does not exist, so
 * nothing about it leaks — before any write is sent to Google.
 */
export function assertBudgetAllowed(
  budget: Pick<Budget, 'projects'>,
  budgetId: string,
  allowedProjects: readonly string[],
  scope: BudgetScope,
): void {
  if (!isBudgetAllowed(budget, allowedProjects, scope)) {
    throw new NotFoundError(
      `Budget ${budgetId} not found among the budgets of the configured projects (gcpServerless.billing.budgetScope)`,
    );
  }
}
