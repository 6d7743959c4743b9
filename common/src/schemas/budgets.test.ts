import { describe, expect, it } from 'vitest';
import { budgetApplyRequestSchema, budgetChangeSchema } from './budgets';
import { zodFieldErrors } from './fieldErrors';

const valid = {
  amount: 1500,
  thresholds: [
    { percent: 50, spendBasis: 'CURRENT_SPEND' },
    { percent: 100, spendBasis: 'FORECASTED_SPEND' },
  ],
  period: 'MONTH',
};
const errorsOf = (input: unknown) => {
  const r = budgetChangeSchema.safeParse(input);
  return r.success ? [] : zodFieldErrors(r.error);
};

describe('budgetChangeSchema', () => {
  it('accepts a valid change', () => {
    expect(budgetChangeSchema.parse({ ...valid, amount: 1234.56 })).toEqual({
      ...valid,
      amount: 1234.56,
    });
  });

  it.each([
    [{ ...valid, amount: 0 }, 'amount', 'Amount must be greater than 0'],
    [{ ...valid, amount: -5 }, 'amount', 'Amount must be greater than 0'],
    [
      { ...valid, amount: 1.234 },
      'amount',
      'Amount allows at most two decimals',
    ],
    [{ ...valid, amount: '100' }, 'amount', 'Amount must be a number'],
    [
      { ...valid, thresholds: [{ percent: 0, spendBasis: 'CURRENT_SPEND' }] },
      'thresholds.0.percent',
      'Threshold must be at least 1 %',
    ],
    [
      {
        ...valid,
        thresholds: [{ percent: 2000, spendBasis: 'CURRENT_SPEND' }],
      },
      'thresholds.0.percent',
      'Threshold must be at most 1000 %',
    ],
    [
      { ...valid, thresholds: [{ percent: 50, spendBasis: 'SOMETIMES' }] },
      'thresholds.0.spendBasis',
      'Spend basis must be CURRENT_SPEND or FORECASTED_SPEND',
    ],
    [
      { ...valid, thresholds: [valid.thresholds[0], valid.thresholds[0]] },
      'thresholds.1.percent',
      'Threshold 50 % (CURRENT_SPEND) is listed twice',
    ],
    [
      { ...valid, period: 'WEEK' },
      'period',
      'Period must be MONTH, QUARTER or YEAR',
    ],
  ])('names the field of %j', (input, path, message) => {
    expect(errorsOf(input)).toContainEqual({ path, message });
  });

  it('requires the etag on apply', () => {
    const r = budgetApplyRequestSchema.safeParse({ change: valid });
    expect(r.success ? [] : zodFieldErrors(r.error)).toEqual([
      { path: 'etag', message: 'etag is required: preview the change first' },
    ]);
  });
});
