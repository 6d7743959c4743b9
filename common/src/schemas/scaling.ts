import { z } from 'zod';

/**
 * Cloud Run limits for the scaling form and the scaling routes (docs/google-apis.md §3).
 * Max instances above 1000 needs a quota raise, so the portal stops at 1000 too.
 */
export const SCALING_LIMITS = {
  minInstances: { min: 0, max: 1000 },
  maxInstances: { min: 1, max: 1000 },
  concurrency: { min: 1, max: 1000 },
} as const;

function instanceCount(label: string, min: number, max: number) {
  return z
    .number({
      required_error: `${label} is required`,
      invalid_type_error: `${label} must be a number`,
    })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`);
}

/** The scaling settings a user may change. Shared by the scaling form and the preview/apply routes. */
export const scalingChangeSchema = z
  .object({
    minInstances: instanceCount(
      'Min instances',
      SCALING_LIMITS.minInstances.min,
      SCALING_LIMITS.minInstances.max,
    ),
    maxInstances: instanceCount(
      'Max instances',
      SCALING_LIMITS.maxInstances.min,
      SCALING_LIMITS.maxInstances.max,
    ),
    concurrency: instanceCount(
      'Concurrency',
      SCALING_LIMITS.concurrency.min,
      SCALING_LIMITS.concurrency.max,
    ),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.minInstances > value.maxInstances) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['minInstances'],
        message: `Min instances (${value.minInstances}) must not exceed max instances (${value.maxInstances})`,
      });
    }
  });
export type ScalingChange = z.infer<typeof scalingChangeSchema>;

/** Body of POST .../scaling/preview. */
export const scalingPreviewRequestSchema = z
  .object({ change: scalingChangeSchema })
  .strict();
export type ScalingPreviewRequest = z.infer<typeof scalingPreviewRequestSchema>;

/** Body of POST .../scaling/apply: the change, the etag read at preview, acknowledged warning codes. */
export const scalingApplyRequestSchema = z
  .object({
    change: scalingChangeSchema,
    etag: z
      .string({ required_error: 'etag is required: preview the change first' })
      .min(1, 'etag must not be empty'),
    acknowledgedWarnings: z.array(z.string()).max(50).default([]),
  })
  .strict();
export type ScalingApplyRequest = z.infer<typeof scalingApplyRequestSchema>;
