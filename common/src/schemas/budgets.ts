import { z } from 'zod';

/**
 * Limits of a budget edit. The Budget API takes any non-negative threshold fraction; the portal caps
 * thresholds at 1,000 % and 10 rules and amounts at 10¹² units to catch typos (our limits, not Google's).
 */
export const BUDGET_LIMITS = {
  amount: { min: 0.01, max: 1e12 },
  thresholdPercent: { min: 1, max: 1000 },
  thresholds: { max: 10 },
} as const;

/** Periods a budget edit may set; custom date ranges are not editable here. */
export const BUDGET_EDIT_PERIODS = ['MONTH', 'QUARTER', 'YEAR'] as const;

const thresholdSchema = z
  .object({
    /** Percent of the amount, 100-based as users type it (90 = 90 %); stored by Google as 0.9. */
    percent: z
      .number({
        required_error: 'Threshold is required',
        invalid_type_error: 'Threshold must be a number',
      })
      .min(
        BUDGET_LIMITS.thresholdPercent.min,
        `Threshold must be at least ${BUDGET_LIMITS.thresholdPercent.min} %`,
      )
      .max(
        BUDGET_LIMITS.thresholdPercent.max,
        `Threshold must be at most ${BUDGET_LIMITS.thresholdPercent.max} %`,
      )
      .refine(
        v => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6,
        'Threshold allows at most two decimals',
      ),
    spendBasis: z.enum(['CURRENT_SPEND', 'FORECASTED_SPEND'], {
      errorMap: () => ({
        message: 'Spend basis must be CURRENT_SPEND or FORECASTED_SPEND',
      }),
    }),
  })
  .strict();

/** The budget fields a user may change. Shared by the budget form and the preview/apply routes. */
export const budgetChangeSchema = z
  .object({
    /** Amount per period in the budget's currency (e.g. 1500.5 USD). */
    amount: z
      .number({
        required_error: 'Amount is required',
        invalid_type_error: 'Amount must be a number',
      })
      .min(BUDGET_LIMITS.amount.min, 'Amount must be greater than 0')
      .max(BUDGET_LIMITS.amount.max, 'Amount is too large')
      .refine(
        v => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6,
        'Amount allows at most two decimals',
      ),
    thresholds: z
      .array(thresholdSchema, {
        required_error: 'Thresholds are required',
        invalid_type_error: 'Thresholds must be a list',
      })
      .max(
        BUDGET_LIMITS.thresholds.max,
        `At most ${BUDGET_LIMITS.thresholds.max} thresholds`,
      ),
    period: z.enum(BUDGET_EDIT_PERIODS, {
      errorMap: () => ({ message: 'Period must be MONTH, QUARTER or YEAR' }),
    }),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.thresholds.forEach((t, i) => {
      const key = `${t.percent}/${t.spendBasis}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['thresholds', i, 'percent'],
          message: `Threshold ${t.percent} % (${t.spendBasis}) is listed twice`,
        });
      }
      seen.add(key);
    });
  });
export type BudgetChange = z.infer<typeof budgetChangeSchema>;

/** Body of POST /billing/budgets/:budgetId/preview. */
export const budgetPreviewRequestSchema = z
  .object({ change: budgetChangeSchema })
  .strict();
export type BudgetPreviewRequest = z.infer<typeof budgetPreviewRequestSchema>;

/** Body of POST /billing/budgets/:budgetId/apply: the change and the etag read at preview. */
export const budgetApplyRequestSchema = z
  .object({
    change: budgetChangeSchema,
    etag: z
      .string({ required_error: 'etag is required: preview the change first' })
      .min(1, 'etag must not be empty'),
    acknowledgedWarnings: z.array(z.string()).max(50).default([]),
  })
  .strict();
export type BudgetApplyRequest = z.infer<typeof budgetApplyRequestSchema>;

/** Budget ids as Google makes them (UUID-like); also guards the path segment. */
export const budgetIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a budget id');
