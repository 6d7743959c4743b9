import {
  formatCurrency,
  type Budget,
  type BudgetChange,
  type ChangeWarning,
  type FieldChange,
} from '@gcp-serverless/common';

const thresholdText = (list: { percent: number; spendBasis: string }[]) =>
  list.length === 0
    ? 'none'
    : list
        .map(
          t =>
            `${t.percent} % ${
              t.spendBasis === 'FORECASTED_SPEND' ? 'forecast' : 'actual'
            }`,
        )
        .join(', ');

/** Field diff of a budget edit; thresholds compare in 100-based percent, as the form shows them. */
export function budgetDiff(
  budget: Budget,
  change: BudgetChange,
): FieldChange[] {
  const current = budget.thresholds.map(t => ({
    percent: Math.round(t.percent * 10_000) / 100,
    spendBasis: t.spendBasis,
  }));
  const diff: FieldChange[] = [];
  if (
    budget.amount === null ||
    Math.abs(budget.amount - change.amount) >= 0.005
  ) {
    diff.push({
      field: 'amount',
      label: 'Amount',
      before:
        budget.amount === null
          ? 'last period spend'
          : formatCurrency(budget.amount, budget.currency),
      after: formatCurrency(change.amount, budget.currency),
    });
  }
  if (thresholdText(current) !== thresholdText(change.thresholds)) {
    diff.push({
      field: 'thresholds',
      label: 'Thresholds',
      before: thresholdText(current),
      after: thresholdText(change.thresholds),
    });
  }
  if (budget.period !== change.period)
    diff.push({
      field: 'period',
      label: 'Period',
      before: budget.period,
      after: change.period,
    });
  return diff;
}

/** What a finance user should know before applying a budget edit. */
export function budgetWarnings(
  budget: Budget,
  change: BudgetChange,
): ChangeWarning[] {
  const warnings: ChangeWarning[] = [];
  if (change.thresholds.length === 0) {
    warnings.push({
      code: 'BUDGET_NO_THRESHOLDS',
      severity: 'warning',
      message: 'With no thresholds, nobody is alerted whatever the spend.',
      requiresAcknowledgement: true,
    });
  }
  if (budget.amount !== null && change.amount < budget.amount * 0.5) {
    warnings.push({
      code: 'BUDGET_AMOUNT_HALVED',
      severity: 'warning',
      message: `The amount falls by more than half (${formatCurrency(
        budget.amount,
        budget.currency,
      )} → ${formatCurrency(
        change.amount,
        budget.currency,
      )}): thresholds may fire at once.`,
      requiresAcknowledgement: false,
    });
  }
  if (budget.period === 'CUSTOM') {
    warnings.push({
      code: 'BUDGET_CUSTOM_PERIOD_REPLACED',
      severity: 'warning',
      message: `The custom date range is replaced by a calendar ${change.period.toLowerCase()}.`,
      requiresAcknowledgement: true,
    });
  }
  return warnings;
}
