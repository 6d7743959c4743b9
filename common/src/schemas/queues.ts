import { z } from 'zod';

/** Cloud Tasks limits the queue form and routes enforce (docs/google-apis.md §4). */
export const QUEUE_LIMITS = {
  maxDispatchesPerSecond: { min: 0.001, max: 500 },
  maxConcurrentDispatches: { min: 1, max: 5000 },
  maxAttempts: { min: -1, max: 10_000 },
  /** Seconds; Cloud Tasks caps backoff and retry duration at 30 days (unverified; the sandbox picks the same). */
  durationSeconds: { min: 0, max: 30 * 24 * 3600 },
  maxDoublings: { min: 0, max: 100 },
} as const;

/** Queue ids: letters, digits, hyphens, 1–100 characters. */
export const queueIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9-]{1,100}$/,
    'must be a Cloud Tasks queue id (letters, digits, hyphens)',
  );

function num(label: string, min: number, max: number, int: boolean) {
  let s = z.number({
    required_error: `${label} is required`,
    invalid_type_error: `${label} must be a number`,
  });
  if (int) s = s.int(`${label} must be a whole number`);
  return s
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`);
}

const d = QUEUE_LIMITS.durationSeconds;

/** The queue settings a user may change: rate limits and retry config. Shared by the form and the routes. */
export const queueChangeSchema = z
  .object({
    rateLimits: z
      .object({
        maxDispatchesPerSecond: num(
          'Max dispatches per second',
          QUEUE_LIMITS.maxDispatchesPerSecond.min,
          QUEUE_LIMITS.maxDispatchesPerSecond.max,
          false,
        ),
        maxConcurrentDispatches: num(
          'Max concurrent dispatches',
          QUEUE_LIMITS.maxConcurrentDispatches.min,
          QUEUE_LIMITS.maxConcurrentDispatches.max,
          true,
        ),
      })
      .strict(),
    retryConfig: z
      .object({
        maxAttempts: num(
          'Max attempts',
          QUEUE_LIMITS.maxAttempts.min,
          QUEUE_LIMITS.maxAttempts.max,
          true,
        ),
        maxRetryDurationSeconds: num('Max retry duration', d.min, d.max, false),
        minBackoffSeconds: num('Min backoff', d.min, d.max, false),
        maxBackoffSeconds: num('Max backoff', d.min, d.max, false),
        maxDoublings: num(
          'Max doublings',
          QUEUE_LIMITS.maxDoublings.min,
          QUEUE_LIMITS.maxDoublings.max,
          true,
        ),
      })
      .strict(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const r = value.retryConfig;
    if (r.minBackoffSeconds > r.maxBackoffSeconds) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['retryConfig', 'minBackoffSeconds'],
        message: `Min backoff (${r.minBackoffSeconds} s) must not exceed max backoff (${r.maxBackoffSeconds} s)`,
      });
    }
  });
export type QueueChange = z.infer<typeof queueChangeSchema>;

/** Body of POST …/queues/:queue/preview. */
export const queuePreviewRequestSchema = z
  .object({ change: queueChangeSchema })
  .strict();

/**
 * Body of POST …/queues/:queue/apply. Cloud Tasks queues have no etag, so `etag` is the portal's
 * fingerprint of the fields the form changes, as read at preview (optimistic read-compare).
 */
export const queueApplyRequestSchema = z
  .object({
    change: queueChangeSchema,
    etag: z
      .string({ required_error: 'etag is required: preview the change first' })
      .min(1, 'etag must not be empty'),
    acknowledgedWarnings: z.array(z.string()).max(50).default([]),
  })
  .strict();
export type QueueApplyRequest = z.infer<typeof queueApplyRequestSchema>;

/** Body of POST …/queues/:queue/purge: the queue's id typed again, because purge deletes every task. */
export const queuePurgeRequestSchema = z
  .object({
    confirmName: z
      .string({ required_error: 'type the queue name to confirm' })
      .min(1, 'type the queue name to confirm'),
  })
  .strict();
export type QueuePurgeRequest = z.infer<typeof queuePurgeRequestSchema>;
