import {
  budgetChangeSchema,
  type Budget,
  type BudgetChange,
  type FieldError,
  type SpendBasis,
} from '@gcp-serverless/common';

/** One threshold row of the form: percent as typed (100-based) and its spend basis. */
export interface ThresholdValues {
  percent: string;
  spendBasis: SpendBasis;
}

/** The budget form's raw values. */
export interface BudgetFormValues {
  amount: string;
  period: 'MONTH' | 'QUARTER' | 'YEAR';
  thresholds: ThresholdValues[];
}

/** Field messages keyed by schema path ("amount", "thresholds.0.percent", "period"). */
export type BudgetFieldErrors = Record<string, string>;

/** Form values showing a budget: Google's 1.0-based fractions become 100-based percents. */
export function toBudgetFormValues(budget: Budget): BudgetFormValues {
  return {
    amount: budget.amount === null ? '' : String(budget.amount),
    period: budget.period === 'CUSTOM' ? 'MONTH' : budget.period,
    thresholds: budget.thresholds.map(t => ({
      percent: String(Math.round(t.percent * 10_000) / 100),
      spendBasis: t.spendBasis,
    })),
  };
}

const num = (text: string) =>
  text.trim() === '' ? undefined : Number(text.trim());

/** Validates with the very schema the backend uses: the change to send, or messages by field path. */
export function validateBudgetForm(
  values: BudgetFormValues,
):
  | { ok: true; change: BudgetChange }
  | { ok: false; errors: BudgetFieldErrors } {
  const result = budgetChangeSchema.safeParse({
    amount: num(values.amount),
    period: values.period,
    thresholds: values.thresholds.map(t => ({
      percent: num(t.percent),
      spendBasis: t.spendBasis,
    })),
  });
  if (result.success) return { ok: true, change: result.data };
  const errors: BudgetFieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join('.');
    errors[path] ??= issue.message;
  }
  return { ok: false, errors };
}

/** A 400's field errors ("change.thresholds.0.percent") keyed like the form's paths. */
export function budgetServerErrors(
  fieldErrors: readonly FieldError[],
): BudgetFieldErrors {
  const out: BudgetFieldErrors = {};
  for (const { path, message } of fieldErrors)
    out[path.replace(/^change\./, '')] ??= message;
  return out;
}
