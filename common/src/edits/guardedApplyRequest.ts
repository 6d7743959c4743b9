import { z } from 'zod';

/**
 * The guard of every edit is called `etag`: Google's etag (Cloud Run services, budgets) or
 * fingerprint (URL maps, backend services), or the portal's settings fingerprint where Google has
 * none (Cloud Tasks queues, Memorystore instances, backend buckets). Preview returns it; apply sends
 * it back and is refused with 409 when the resource moved since.
 */
export const etagSchema = z
  .string({ required_error: 'etag is required: preview the change first' })
  .min(1, 'etag must not be empty')
  .max(512, 'etag is too long');

/** Warning codes the user acknowledged in the preview (apply refuses while one that needs it is missing). */
export const acknowledgedWarningsSchema = z
  .array(z.string().max(100))
  .max(50)
  .default([]);

/** What every apply carries, once parsed: the change, the etag read at preview, acknowledged warning codes. */
export interface GuardedApplyRequest<Change> {
  change: Change;
  etag: string;
  acknowledgedWarnings: string[];
}

/** `{ change, etag, acknowledgedWarnings }` over a kind's change schema (strict: unknown fields are 400). */
export function guardedApplyRequestSchema<C extends z.ZodTypeAny>(change: C) {
  return z
    .object({
      change,
      etag: etagSchema,
      acknowledgedWarnings: acknowledgedWarningsSchema,
    })
    .strict();
}

/**
 * The same for kinds whose clients used to send the guard as `fingerprint` (URL maps, CDN policies):
 * `etag` is the name; `fingerprint` is still accepted so that older clients keep working.
 */
export function guardedApplyRequestSchemaWithLegacyFingerprint<
  C extends z.ZodTypeAny,
>(change: C) {
  return z
    .object({
      change,
      etag: etagSchema.optional(),
      /** @deprecated send `etag` (same value). */
      fingerprint: etagSchema.optional(),
      acknowledgedWarnings: acknowledgedWarningsSchema,
    })
    .strict()
    .superRefine((value, ctx) => {
      if (value.etag === undefined && value.fingerprint === undefined) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['etag'],
          message: 'etag is required: preview the change first',
        });
      } else if (
        value.etag !== undefined &&
        value.fingerprint !== undefined &&
        value.etag !== value.fingerprint
      ) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['fingerprint'],
          message: 'fingerprint and etag differ; send only etag',
        });
      }
    })
    .transform(value => ({
      change: value.change as z.output<C>,
      etag: (value.etag ?? value.fingerprint)!,
      acknowledgedWarnings: value.acknowledgedWarnings,
    }));
}
