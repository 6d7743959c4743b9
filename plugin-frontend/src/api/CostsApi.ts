import type {
  ApplyAnswer,
  BudgetApplyRequest,
  BudgetApplyResult,
  BudgetChange,
  BudgetListResponse,
  BudgetPreview,
  CostRange,
  CostReportResponse,
} from '@gcp-serverless/common';

/** Options every call accepts (same shape as GcpServerlessApi's RequestOptions). */
interface CallOptions {
  signal?: AbortSignal;
}

/** The costs and budgets part of {@link GcpServerlessApi}. */
export interface CostsApi {
  /**
   * `GET /projects/:projectId/costs?range=&resource=`: what the costs page draws (cost per day and SKU
   * family, per resource in both ranges, the daily stack by resource, anomalies), requests per
   * service, budgets covering the project and where the figures come from (export or estimate); of
   * one resource with `options.resource`.
   */
  getCosts(
    projectId: string,
    range: CostRange,
    options?: CallOptions & { resource?: string },
  ): Promise<CostReportResponse>;

  /** `GET /billing/budgets`: every budget of the configured billing account with spend against it. */
  listBudgets(options?: CallOptions): Promise<BudgetListResponse>;

  /** `POST /billing/budgets/:budgetId/preview`: diff and warnings of a budget edit; changes nothing. */
  previewBudget(
    budgetId: string,
    change: BudgetChange,
    options?: CallOptions,
  ): Promise<BudgetPreview>;

  /**
   * `POST /billing/budgets/:budgetId/apply`: applies a previewed edit with its etag. Rejects with
   * `ConflictError` (details: `BudgetConflictDetails`) when the budget changed meanwhile.
   */
  applyBudget(
    budgetId: string,
    request: BudgetApplyRequest,
    options?: CallOptions,
  ): Promise<ApplyAnswer<BudgetApplyResult>>;
}

/** Path of a budget's routes. */
export function budgetPath(budgetId: string): string {
  return `/billing/budgets/${encodeURIComponent(budgetId)}`;
}
