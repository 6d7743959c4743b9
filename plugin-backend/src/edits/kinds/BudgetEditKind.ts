import { z } from 'zod';
import {
  budgetEditContract,
  budgetIdSchema,
  ConflictError,
  type Budget,
  type BudgetApplyResult,
  type BudgetChange,
  type BudgetPreview,
} from '@gcp-serverless/common';
import { conflict as staleBudgetConflict } from '../../gateways/billing/BudgetsGateway';
import type { BudgetService } from '../../services/costs/BudgetService';
import { budgetDiff, budgetWarnings } from '../../services/costs/budgetChecks';
import type { ProjectAccess } from '../../services/ProjectAccess';
import { parseInput } from '../../validation/parseInput';
import type { EditAssessment, GuardedEditKind } from '../GuardedEditKind';

/** Which budget of the configured billing account. */
export interface BudgetRef {
  budgetId: string;
}

const params = z.object({ budgetId: budgetIdSchema });
const RESOURCE = /^billingAccounts\/[^/]+\/budgets\/([^/]+)$/;

/** The editable values of a budget in the change's shape (thresholds in 100-based percent, as the form shows them). */
export function budgetSettings(budget: Budget): BudgetChange {
  return {
    amount: budget.amount as number,
    thresholds: budget.thresholds.map(t => ({
      percent: Math.round(t.percent * 10_000) / 100,
      spendBasis: t.spendBasis,
    })),
    period: budget.period as BudgetChange['period'],
  };
}

/**
 * Cloud Billing budget amount, thresholds and period. Guard: the budget's etag, which Google checks
 * on the update (ABORTED → 409). History lists the entry under every project the budget covers (all
 * allowlisted projects for a budget of the whole billing account).
 */
export class BudgetEditKind
  implements
    GuardedEditKind<
      BudgetRef,
      Budget,
      BudgetChange,
      BudgetChange,
      BudgetPreview,
      BudgetApplyResult,
      null
    >
{
  readonly contract = budgetEditContract;
  readonly changeLabel = 'budget change';
  readonly routePath = '/billing/budgets/:budgetId';
  private readonly deps: { access: ProjectAccess; budgets: BudgetService };

  constructor(deps: BudgetEditKind['deps']) {
    this.deps = deps;
  }

  guardOf(): 'google' {
    return 'google';
  }

  refOfParams(raw: unknown): BudgetRef {
    return parseInput(params, raw, 'path');
  }

  resourceName(ref: BudgetRef): string {
    return `billingAccounts/${this.deps.budgets.gateway().accountId}/budgets/${
      ref.budgetId
    }`;
  }

  refOfResource(resource: string): BudgetRef | null {
    const m = RESOURCE.exec(resource);
    return m ? { budgetId: m[1]! } : null;
  }

  read(ref: BudgetRef): Promise<Budget> {
    // A budget outside billing.budgetScope is a 404 before anything else, as on the budgets page.
    return this.deps.budgets.allowedBudget(ref.budgetId);
  }

  etagOf(budget: Budget): string {
    return budget.etag;
  }

  settingsOf(budget: Budget): BudgetChange {
    return budgetSettings(budget);
  }

  proposedOf(
    _ref: BudgetRef,
    _budget: Budget,
    change: BudgetChange,
  ): BudgetChange {
    return change;
  }

  projectsOf(_ref: BudgetRef, budget: Budget): string[] {
    const allowed = this.deps.access.list().map(p => p.projectId);
    if (budget.projects.length === 0) return allowed;
    return budget.projects.map(p => p.replace(/^projects\//, ''));
  }

  conflict(budget: Budget, reason?: string): ConflictError {
    const stale = staleBudgetConflict(budget);
    return reason
      ? new ConflictError(reason, { details: stale.details })
      : stale;
  }

  async assess(_ref: BudgetRef, budget: Budget, change: BudgetChange) {
    return { warnings: budgetWarnings(budget, change), facts: null };
  }

  async preview(
    _ref: BudgetRef,
    budget: Budget,
    change: BudgetChange,
    a: EditAssessment<null>,
  ): Promise<BudgetPreview> {
    // The preview's diff shows amounts in the budget's currency, as the form does.
    const diff = a.diff.length === 0 ? [] : budgetDiff(budget, change);
    return {
      budget,
      diff,
      warnings: a.warnings,
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

  async write(
    ref: BudgetRef,
    _budget: Budget,
    request: { change: BudgetChange; etag: string },
  ) {
    return {
      resource: await this.deps.budgets
        .gateway()
        .updateBudget(ref.budgetId, request.change, request.etag),
    };
  }

  result(
    _ref: BudgetRef,
    budget: Budget,
    diff: BudgetApplyResult['diff'],
  ): BudgetApplyResult {
    return { budget, diff };
  }
}
