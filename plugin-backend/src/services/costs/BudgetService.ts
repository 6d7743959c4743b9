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
import type { CostSource, ProjectDailyCosts } from './CostSource';
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
    const today = utcDay(this.deps.now());
    const toDay = addDays(today, 1);
    // The spend monthly budgets need is asked beside the budgets list, not after it: a cold
    // overview waits for one read fewer in a row (docs/performance.md). A quarter's or a year's
    // budget asks for its earlier days once the list has said so.
    const monthFrom = spendFrom(['MONTH'], today);
    const monthSpend = this.deps.source.projectDailyCosts(
      allowed,
      monthFrom,
      toDay,
    );
    monthSpend.catch(() => undefined); // settled below, or dropped when the budgets list fails
    const budgets = gateway
      ? (await gateway.listBudgets()).filter(b =>
          isBudgetAllowed(b, allowed, this.scope()),
        )
      : [];
    const from = spendFrom(
      budgets.map(b => b.period),
      today,
    );
    const { values, errors } = await settlePanels({
      spend: this.spendSince(from, monthFrom, monthSpend, allowed),
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

  /**
   * Per project and day from `from` on at least: the rows of the monthly range asked at first
   * (`monthFrom` on), with the days before it when `from` is earlier. Days before `from` change no
   * figure (a period's spend and forecast read the period and the week before today), and they
   * give the month's figure its first days when no budget needs them.
   */
  private async spendSince(
    from: string,
    monthFrom: string,
    monthSpend: Promise<ProjectDailyCosts>,
    allowed: string[],
  ): Promise<ProjectDailyCosts> {
    const month = await monthSpend;
    if (from >= monthFrom) return month;
    const earlier = await this.deps.source.projectDailyCosts(
      allowed,
      from,
      monthFrom,
    );
    return {
      rows: [...earlier.rows, ...month.rows],
      currency: month.rows.length > 0 ? month.currency : earlier.currency,
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

/**
 * The first day of spend that budgets of these periods need: a week before the earliest period
 * start (it feeds the run rate), and never less than the last two weeks.
 */
function spendFrom(periods: Budget['period'][], today: string): string {
  const earliest = periods.reduce((min, period) => {
    const start = budgetPeriodBounds(
      period === 'CUSTOM' ? 'MONTH' : period,
      today,
    ).start;
    return start < min ? start : min;
  }, addDays(today, -7));
  return addDays(earliest, -7);
}
