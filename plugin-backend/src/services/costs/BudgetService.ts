import {
  allProjectsMonthCost,
  addDays,
  budgetPeriodBounds,
  dailyNet,
  forecastPeriodEnd,
  InputError,
  utcDay,
  type Budget,
  type BudgetListResponse,
  type BudgetWithSpend,
  type ProjectDayCost,
} from '@gcp-serverless/common';
import type { BudgetsGateway } from '../../gateways/billing/BudgetsGateway';
import { settlePanels } from '../panelErrors';
import type { ProjectAccess } from '../ProjectAccess';
import type { CostSource } from './CostSource';
import {
  assertBudgetAllowed,
  isBudgetAllowed,
  type BudgetScope,
} from './budgetAllowlist';

/**
 * The budgets page: every budget of the configured billing account with spend against it (edits are
 * the `budget` edit kind, edits/kinds/BudgetEditKind.ts). Spend is read
 * from the cost source per project and day (all a budget needs) for the allowlisted projects only: a budget scoped to projects outside the
 * allowlist shows the spend of the allowed ones (the page says which).
 */
/** The config key of the billing account the budgets belong to. */
const BILLING_ACCOUNT_KEY = 'gcpServerless.billing.accountId';

export class BudgetService {
  private readonly deps: {
    access: ProjectAccess;
    budgets?: BudgetsGateway;
    source: CostSource;
    now: () => number;
    budgetScope?: BudgetScope;
  };

  constructor(deps: BudgetService['deps']) {
    this.deps = deps;
  }

  /** The budgets gateway, or a 400 naming the missing key when no billing account is configured. */
  gateway(): BudgetsGateway {
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

  /**
   * The budget, or 404 when it is outside the configured scope (nothing is written to Google then).
   * The budget edit kind reads through here, so previews, applies and reverts hold to the scope.
   */
  async allowedBudget(budgetId: string): Promise<Budget> {
    const budget = await this.gateway().getBudget(budgetId);
    assertBudgetAllowed(
      budget,
      budgetId,
      this.deps.access.list().map(p => p.projectId),
      this.scope(),
    );
    return budget;
  }

  /**
   * Budgets with spend. Without a billing account this is the `notConfigured` state (200, no budgets,
   * the key to set), not a 400: a page that shows budgets is not a bad request because the operator has
   * not set them up, and the all-projects month still comes from the cost source.
   */
  async list(): Promise<BudgetListResponse> {
    const gateway = this.deps.budgets;
    const allowed = this.deps.access.list().map(p => p.projectId);
    const budgets = gateway
      ? (await gateway.listBudgets()).filter(b =>
          isBudgetAllowed(b, allowed, this.scope()),
        )
      : [];
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
      spend: this.deps.source.projectDailyCosts(
        allowed,
        from,
        addDays(today, 1),
      ),
    });
    const withSpend = budgets.map(b =>
      this.withSpend(b, values.spend?.rows ?? null, today, allowed),
    );
    return {
      ...(gateway
        ? { status: 'configured' as const }
        : {
            status: 'notConfigured' as const,
            setup: {
              key: BILLING_ACCOUNT_KEY,
              message: `No billing account is configured, so there are no budgets to show: set ${BILLING_ACCOUNT_KEY} (docs/configuration.md)`,
            },
          }),
      billingAccount: gateway?.accountId ?? null,
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

  private withSpend(
    budget: Budget,
    rows: ProjectDayCost[] | null,
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
