import {
  allProjectsMonthCost,
  addDays,
  budgetPeriodBounds,
  ConflictError,
  dailyNet,
  forecastPeriodEnd,
  InputError,
  unacknowledgedWarnings,
  utcDay,
  type Budget,
  type BudgetApplyRequest,
  type BudgetApplyResult,
  type BudgetChange,
  type BudgetListResponse,
  type BudgetPreview,
  type BudgetWithSpend,
  type CostRow,
} from '@gcp-serverless/common';
import {
  conflict,
  type BudgetsGateway,
} from '../../gateways/billing/BudgetsGateway';
import type { AuditLog } from '../AuditLog';
import { settlePanels } from '../panelErrors';
import type { ProjectAccess } from '../ProjectAccess';
import type { CostSource } from './CostSource';
import { budgetDiff, budgetWarnings } from './budgetChecks';
import {
  assertBudgetAllowed,
  isBudgetAllowed,
  type BudgetScope,
} from './budgetAllowlist';

/**
 * The budgets page: every budget of the configured billing account with spend against it, and the
 * edit flow (preview: schema, diff, warnings; apply: etag-guarded update, audited). Spend is read
 * from the cost source for the allowlisted projects only: a budget scoped to projects outside the
 * allowlist shows the spend of the allowed ones (the page says which).
 */
export class BudgetService {
  private readonly deps: {
    access: ProjectAccess;
    budgets?: BudgetsGateway;
    source: CostSource;
    audit: AuditLog;
    now: () => number;
    budgetScope?: BudgetScope;
  };

  constructor(deps: {
    access: ProjectAccess;
    budgets?: BudgetsGateway;
    source: CostSource;
    audit: AuditLog;
    now: () => number;
    budgetScope?: BudgetScope;
  }) {
    this.deps = deps;
  }

  private gateway(): BudgetsGateway {
    if (!this.deps.budgets) {
      throw new InputError(
        'No billing account is configured: set gcpServerless.billing.accountId (docs/configuration.md)',
        [{ path: 'billing.accountId', message: 'is not configured' }],
      );
    }
    return this.deps.budgets;
  }

  private scope(): BudgetScope {
    return this.deps.budgetScope ?? 'allowlisted';
  }

  /** The budget, or 404 when it is outside the configured scope (nothing is written to Google then). */
  private async allowedBudget(budgetId: string): Promise<Budget> {
    const budget = await this.gateway().getBudget(budgetId);
    assertBudgetAllowed(
      budget,
      budgetId,
      this.deps.access.list().map(p => p.projectId),
      this.scope(),
    );
    return budget;
  }

  async list(): Promise<BudgetListResponse> {
    const gateway = this.gateway();
    const allowed = this.deps.access.list().map(p => p.projectId);
    const budgets = (await gateway.listBudgets()).filter(b =>
      isBudgetAllowed(b, allowed, this.scope()),
    );
    const today = utcDay(this.deps.now());
    const earliest = budgets.reduce((min, b) => {
      const start = budgetPeriodBounds(
        b.period === 'CUSTOM' ? 'MONTH' : b.period,
        today,
      ).start;
      return start < min ? start : min;
    }, addDays(today, -7));
    const from = addDays(earliest, -7); // a week before the earliest period feeds the run rate
    const { values, errors } = await settlePanels({
      spend: this.deps.source.dailyCosts(allowed, from, addDays(today, 1)),
    });
    const withSpend = budgets.map(b =>
      this.withSpend(b, values.spend?.rows ?? null, today, allowed),
    );
    return {
      billingAccount: gateway.accountId,
      budgets: withSpend,
      month: values.spend
        ? allProjectsMonthCost(
            values.spend.rows,
            allowed,
            today,
            withSpend,
            values.spend.currency,
          )
        : null,
      errors,
    };
  }

  async preview(
    budgetId: string,
    change: BudgetChange,
  ): Promise<BudgetPreview> {
    const budget = await this.allowedBudget(budgetId);
    const diff = budgetDiff(budget, change);
    return {
      budget,
      diff,
      warnings: budgetWarnings(budget, change),
      validation:
        diff.length === 0
          ? { status: 'skipped', message: 'Nothing to change' }
          : {
              status: 'skipped',
              message:
                'The Budget API has no validate-only mode; the change was checked against its rules by the portal',
            },
      etag: budget.etag,
    };
  }

  async apply(
    budgetId: string,
    request: BudgetApplyRequest,
    actor: string,
  ): Promise<BudgetApplyResult> {
    const gateway = this.gateway();
    const budget = await this.allowedBudget(budgetId);
    const base = {
      time: new Date().toISOString(),
      actor,
      action: 'budget.apply' as const,
      resource: budget.name,
      before: editable(budget),
      after: request.change,
    };
    if (budget.etag !== request.etag) {
      const error = conflict(budget);
      await this.deps.audit.record({
        ...base,
        result: 'conflict',
        error: error.message,
      });
      throw error;
    }
    const diff = budgetDiff(budget, request.change);
    if (diff.length === 0)
      throw new InputError(
        'Nothing to change: the budget already has these values',
        [{ path: 'change', message: 'equals the current budget' }],
      );
    const missing = unacknowledgedWarnings(
      budgetWarnings(budget, request.change),
      request.acknowledgedWarnings,
    );
    if (missing.length > 0) {
      throw new InputError('Acknowledge the warnings before applying', [
        {
          path: 'acknowledgedWarnings',
          message: `acknowledge ${missing.map(w => w.code).join(', ')}`,
        },
      ]);
    }
    try {
      const updated = await gateway.updateBudget(
        budgetId,
        request.change,
        request.etag,
      );
      await this.deps.audit.record({ ...base, result: 'succeeded' });
      return { budget: updated, diff };
    } catch (err) {
      await this.deps.audit.record({
        ...base,
        result: err instanceof ConflictError ? 'conflict' : 'failed',
        error: err instanceof Error ? err.message : String(err),
      });
      throw err;
    }
  }

  private withSpend(
    budget: Budget,
    rows: CostRow[] | null,
    today: string,
    allowed: string[],
  ): BudgetWithSpend {
    const period = budgetPeriodBounds(
      budget.period === 'CUSTOM' ? 'MONTH' : budget.period,
      today,
    );
    const source = this.deps.source.info.kind;
    if (!rows || budget.period === 'CUSTOM')
      return {
        ...budget,
        spend: {
          actual: null,
          forecast: null,
          periodStart: period.start,
          source,
        },
      };
    const scope = new Set(
      budget.projects.length > 0
        ? budget.projects.filter(p => allowed.includes(p))
        : allowed,
    );
    const inScope = rows.filter(r => scope.has(r.projectId));
    const f = forecastPeriodEnd(
      dailyNet(inScope),
      today,
      period.start,
      period.end,
    );
    return {
      ...budget,
      spend: {
        actual: f.monthToDate,
        forecast: f.forecast,
        periodStart: period.start,
        source,
      },
    };
  }
}

/** The editable part of a budget, for the audit trail. */
function editable(b: Budget) {
  return { amount: b.amount, thresholds: b.thresholds, period: b.period };
}
