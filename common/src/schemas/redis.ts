import { z } from 'zod';

/** Memorystore for Redis limits (docs/google-apis.md §5). */
export const REDIS_LIMITS = { memorySizeGb: { min: 1, max: 300 } } as const;

/** Instance ids: lowercase letters, digits, hyphens, 1–40 characters, starting with a letter. */
export const redisInstanceIdSchema = z
  .string()
  .regex(
    /^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$/,
    'must be a Memorystore instance id (lowercase letters, digits, hyphens)',
  );

const MAXMEMORY_POLICIES = [
  'volatile-lru',
  'allkeys-lru',
  'volatile-lfu',
  'allkeys-lfu',
  'volatile-random',
  'allkeys-random',
  'volatile-ttl',
  'noeviction',
] as const;
const intString = (label: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${label} must be a whole number`)
    .refine(
      v => Number(v) >= min && Number(v) <= max,
      `${label} must be between ${min} and ${max}`,
    );

/**
 * The redis configs Memorystore lets users set, each with its value rule. `maxclients` is not among
 * them: Google fixes it (65,000). Rules of the numeric ones follow the Redis docs; Memorystore's own
 * bounds are unverified, so Google's answer at apply stays the final word.
 */
const CONFIG_RULES = {
  'maxmemory-policy': z.enum(MAXMEMORY_POLICIES, {
    errorMap: () => ({
      message: `maxmemory-policy must be one of ${MAXMEMORY_POLICIES.join(
        ', ',
      )}`,
    }),
  }),
  'notify-keyspace-events': z
    .string()
    .regex(
      /^[KEg$lshzxeAtmdn]*$/,
      'notify-keyspace-events may only contain K E g $ l s h z x e A t m d n',
    ),
  activedefrag: z.enum(['yes', 'no'], {
    errorMap: () => ({ message: 'activedefrag must be yes or no' }),
  }),
  'lfu-decay-time': intString('lfu-decay-time', 0, 1_000_000),
  'lfu-log-factor': intString('lfu-log-factor', 0, 255),
  'maxmemory-gb': z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'maxmemory-gb must be a number of GB'),
  'stream-node-max-bytes': intString('stream-node-max-bytes', 0, 2_147_483_647),
  'stream-node-max-entries': intString(
    'stream-node-max-entries',
    0,
    2_147_483_647,
  ),
};
const SETTABLE_KEYS: string[] = Object.keys(CONFIG_RULES);

export const redisConfigsSchema = z
  .object(CONFIG_RULES)
  .partial()
  .catchall(z.string())
  .superRefine((configs, ctx) => {
    // Checked here rather than by .strict() so each unknown key gets its own path and a message saying why.
    for (const key of Object.keys(configs)) {
      if (SETTABLE_KEYS.includes(key)) continue;
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [key],
        message:
          key === 'maxclients'
            ? 'maxclients is fixed by Google (65,000 connected clients) and cannot be set'
            : `${key} cannot be set; allowed: ${SETTABLE_KEYS.join(', ')}`,
      });
    }
  });

/** The config keys a user may set, in form order. */
export const REDIS_CONFIG_KEYS = [
  ...SETTABLE_KEYS,
] as (keyof typeof CONFIG_RULES)[];

/** The instance settings a user may change: memory size and redis configs. */
export const redisChangeSchema = z
  .object({
    memorySizeGb: z
      .number({
        required_error: 'Memory size is required',
        invalid_type_error: 'Memory size must be a number',
      })
      .int('Memory size must be a whole number of GB')
      .min(
        REDIS_LIMITS.memorySizeGb.min,
        `Memory size must be at least ${REDIS_LIMITS.memorySizeGb.min} GB`,
      )
      .max(
        REDIS_LIMITS.memorySizeGb.max,
        `Memory size must be at most ${REDIS_LIMITS.memorySizeGb.max} GB`,
      ),
    redisConfigs: redisConfigsSchema.default({}),
  })
  .strict()
  .superRefine((value, ctx) => {
    const mm = value.redisConfigs['maxmemory-gb'];
    if (mm !== undefined && Number(mm) > value.memorySizeGb) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['redisConfigs', 'maxmemory-gb'],
        message: `maxmemory-gb (${mm}) must not exceed the memory size (${value.memorySizeGb} GB)`,
      });
    }
  });
export type RedisChange = z.infer<typeof redisChangeSchema>;

/** Body of POST …/redis/:instance/preview. */
export const redisPreviewRequestSchema = z
  .object({ change: redisChangeSchema })
  .strict();

/**
 * Body of POST …/redis/:instance/apply. Redis v1 instances have no etag, so `etag` is the portal's
 * fingerprint of memory size and configs as read at preview (optimistic read-compare).
 */
export const redisApplyRequestSchema = z
  .object({
    change: redisChangeSchema,
    etag: z
      .string({ required_error: 'etag is required: preview the change first' })
      .min(1, 'etag must not be empty'),
    acknowledgedWarnings: z.array(z.string()).max(50).default([]),
  })
  .strict();
export type RedisApplyRequest = z.infer<typeof redisApplyRequestSchema>;
