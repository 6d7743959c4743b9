import { guardedApplyRequestSchemaWithLegacyFingerprint } from '../edits/guardedApplyRequest';
import { z } from 'zod';

/** Cloud CDN cache modes (docs/google-apis.md §2); CACHE_ALL_STATIC is Google's default. */
export const CDN_CACHE_MODES = [
  'CACHE_ALL_STATIC',
  'USE_ORIGIN_HEADERS',
  'FORCE_CACHE_ALL',
] as const;
export type CdnCacheMode = (typeof CDN_CACHE_MODES)[number];

/** Limits and Google's defaults of the cache policy, seconds (docs/google-apis.md §2). */
export const CDN_LIMITS = {
  /** Upper bound of defaultTtl, maxTtl and clientTtl: one year (31,622,400 s). */
  maxTtlSeconds: 31_622_400,
  /** Upper bound of serveWhileStale: one week. */
  maxServeWhileStaleSeconds: 604_800,
  defaults: { defaultTtl: 3600, maxTtl: 86_400, clientTtl: 3600 },
} as const;

const ttl = (label: string) =>
  z
    .number({ invalid_type_error: `${label} must be a number of seconds` })
    .int(`${label} must be a whole number of seconds`)
    .min(0, `${label} must be at least 0`)
    .max(
      CDN_LIMITS.maxTtlSeconds,
      `${label} must be at most ${CDN_LIMITS.maxTtlSeconds} s (one year)`,
    )
    .nullable();

const TTL_LABELS = {
  defaultTtl: 'Default TTL',
  maxTtl: 'Max TTL',
  clientTtl: 'Client TTL',
} as const;

/**
 * The cache policy a user may change on a backend service or backend bucket, shared by the CDN form
 * and the preview/apply routes. TTLs are seconds; null = not set (Google's default applies, or, under
 * USE_ORIGIN_HEADERS, the origin's Cache-Control decides and the overrides must stay unset).
 */
export const cdnPolicyChangeSchema = z
  .object({
    enableCdn: z.boolean({ required_error: 'Enable CDN is required' }),
    cacheMode: z.enum(CDN_CACHE_MODES, {
      errorMap: () => ({
        message: `Cache mode must be one of ${CDN_CACHE_MODES.join(', ')}`,
      }),
    }),
    defaultTtl: ttl(TTL_LABELS.defaultTtl),
    maxTtl: ttl(TTL_LABELS.maxTtl),
    clientTtl: ttl(TTL_LABELS.clientTtl),
    negativeCaching: z.boolean(),
    serveWhileStale: z
      .number({
        invalid_type_error: 'Serve while stale must be a number of seconds',
      })
      .int('Serve while stale must be a whole number of seconds')
      .min(0, 'Serve while stale must be at least 0')
      .max(
        CDN_LIMITS.maxServeWhileStaleSeconds,
        `Serve while stale must be at most ${CDN_LIMITS.maxServeWhileStaleSeconds} s (one week)`,
      )
      .nullable(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.cacheMode === 'USE_ORIGIN_HEADERS') {
      for (const field of ['defaultTtl', 'maxTtl', 'clientTtl'] as const) {
        if (p[field] !== null) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [field],
            message: `${TTL_LABELS[field]} cannot be set with USE_ORIGIN_HEADERS: the origin's Cache-Control headers decide`,
          });
        }
      }
      return;
    }
    const eff = effectiveTtls(p);
    if (eff.defaultTtl > eff.maxTtl) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['defaultTtl'],
        message: `Default TTL (${eff.defaultTtl} s) must not exceed max TTL (${eff.maxTtl} s)`,
      });
    }
    if (eff.clientTtl > eff.maxTtl) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['clientTtl'],
        message: `Client TTL (${eff.clientTtl} s) must not exceed max TTL (${eff.maxTtl} s)`,
      });
    }
  });
export type CdnPolicyChange = z.infer<typeof cdnPolicyChangeSchema>;

/** TTLs in force: the set value, else Google's default. */
export function effectiveTtls(
  p: Pick<CdnPolicyChange, 'defaultTtl' | 'maxTtl' | 'clientTtl'>,
): { defaultTtl: number; maxTtl: number; clientTtl: number } {
  return {
    defaultTtl: p.defaultTtl ?? CDN_LIMITS.defaults.defaultTtl,
    maxTtl: p.maxTtl ?? CDN_LIMITS.defaults.maxTtl,
    clientTtl: p.clientTtl ?? CDN_LIMITS.defaults.clientTtl,
  };
}

/** Body of POST …/cdn/:kind/:name/preview. */
export const cdnPolicyPreviewRequestSchema = z
  .object({ change: cdnPolicyChangeSchema })
  .strict();
export type CdnPolicyPreviewRequest = z.infer<
  typeof cdnPolicyPreviewRequestSchema
>;

/**
 * Body of POST …/cdn/:kind/:name/apply: the change and the `etag` (the backend's fingerprint, or the
 * portal's settings fingerprint for buckets) read at preview. `fingerprint` is the older name, still accepted.
 */
export const cdnPolicyApplyRequestSchema =
  guardedApplyRequestSchemaWithLegacyFingerprint(cdnPolicyChangeSchema);
/** What a client sends (`etag`, or the older `fingerprint`). */
export type CdnPolicyApplyRequest = z.input<typeof cdnPolicyApplyRequestSchema>;

/** The two kinds of CDN-capable backend, as they appear in paths. */
export const CDN_BACKEND_KINDS = ['backendServices', 'backendBuckets'] as const;
export type CdnBackendKind = (typeof CDN_BACKEND_KINDS)[number];
