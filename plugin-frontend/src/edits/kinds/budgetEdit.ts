import {
  formatCurrency,
  type Budget,
  type BudgetApplyResult,
  type BudgetChange,
  type BudgetConflictDetails,
  type BudgetPreview,
} from '@gcp-serverless/common';
import type { EditKind } from '../EditKind';

/** Identifies a Cloud Billing budget: its id (the `B` of `billingAccounts/A/budgets/B`) and the name users know. */
export interface BudgetRef {
  budgetId: string;
  displayName: string;
  currency: string;
}

const percent = (p: number) => `${Math.round(p * 100) / 100} %`;
const thresholds = (
  list: readonly { percent: number; spendBasis: string }[],
  scale: number,
) =>
  list
    .map(
      t =>
        `${percent(t.percent * scale)}${
          t.spendBasis === 'FORECASTED_SPEND' ? ' forecast' : ''
        }`,
    )
    .join(', ') || 'none';

/** Amount, period and alert thresholds of a budget, guarded by the Budget API's etag. */
export const budgetEdit: EditKind<
  BudgetRef,
  BudgetChange,
  BudgetPreview,
  BudgetApplyResult,
  BudgetConflictDetails
> = {
  kind: 'budget',
  testId: 'budget',
  title: ref => `Preview budget ${ref.displayName}`,
  resourceName: ref => ref.displayName,
  upstream: 'Cloud Billing',
  preview: (api, ref, change, options) =>
    api.previewBudget(ref.budgetId, change, options),
  apply: (api, ref, { change, preview, acknowledgedWarnings }, options) =>
    api.applyBudget(
      ref.budgetId,
      { change, etag: preview.etag, acknowledgedWarnings },
      options,
    ),
  isConflictDetails: (details): details is BudgetConflictDetails =>
    typeof (details as BudgetConflictDetails | undefined)?.current?.budgetId ===
    'string',
  conflictRows: ({ current }: { current: Budget }, wanted) => [
    {
      field: 'amount',
      label: 'Amount',
      now:
        current.amount === null
          ? 'last period spend'
          : formatCurrency(current.amount, current.currency),
      yours: formatCurrency(wanted.amount, current.currency),
    },
    {
      field: 'period',
      label: 'Period',
      now: current.period.toLowerCase(),
      yours: wanted.period.toLowerCase(),
    },
    // Google stores 0.9 for 90 %; the change carries 90.
    {
      field: 'thresholds',
      label: 'Thresholds',
      now: thresholds(current.thresholds, 100),
      yours: thresholds(wanted.thresholds, 1),
    },
  ],
  succeededMessage: ({ budget }) =>
    `Budget ${budget.displayName} updated${
      budget.amount === null
        ? ''
        : `: ${formatCurrency(
            budget.amount,
            budget.currency,
          )} per ${budget.period.toLowerCase()}`
    }.`,
};
