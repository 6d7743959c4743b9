import {
  budgetApplyRequestSchema,
  budgetChangeSchema,
  budgetPreviewRequestSchema,
  type BudgetChange,
} from '../../schemas/budgets';
import type { FieldChange } from '../../types/api';
import { revertBySchema, type EditContract } from '../editContract';

const thresholdText = (list: BudgetChange['thresholds']) =>
  list.length === 0
    ? 'none'
    : [...list]
        .sort(
          (a, b) =>
            a.percent - b.percent || a.spendBasis.localeCompare(b.spendBasis),
        )
        .map(
          t =>
            `${t.percent} % ${
              t.spendBasis === 'FORECASTED_SPEND' ? 'forecast' : 'actual'
            }`,
        )
        .join(', ');

/** Fields that differ between two budget settings (amount to the cent, thresholds as a set, period). */
export function diffBudgetSettings(
  current: BudgetChange,
  proposed: BudgetChange,
): FieldChange[] {
  const diff: FieldChange[] = [];
  if (Math.abs(current.amount - proposed.amount) >= 0.005)
    diff.push({
      field: 'amount',
      label: 'Amount',
      before: current.amount,
      after: proposed.amount,
    });
  if (
    thresholdText(current.thresholds) !== thresholdText(proposed.thresholds)
  ) {
    diff.push({
      field: 'thresholds',
      label: 'Thresholds',
      before: thresholdText(current.thresholds),
      after: thresholdText(proposed.thresholds),
    });
  }
  if (current.period !== proposed.period)
    diff.push({
      field: 'period',
      label: 'Period',
      before: current.period,
      after: proposed.period,
    });
  return diff;
}

/**
 * Cloud Billing budget amount, thresholds (100-based percent, as the form shows them) and period.
 * Guard: the budget's etag, which Google checks on the write.
 */
export const budgetEditContract: EditContract<BudgetChange, BudgetChange> = {
  kind: 'budget',
  action: 'budget.apply',
  changeSchema: budgetChangeSchema,
  previewRequestSchema: budgetPreviewRequestSchema,
  applyRequestSchema: budgetApplyRequestSchema,
  diff: diffBudgetSettings,
  revertOf: before => revertBySchema(budgetChangeSchema, before),
};
