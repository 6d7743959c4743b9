/**
 * Rules of a Cloud CDN policy (`cdnPolicy` of a backend service or bucket, docs/google-apis.md §2) and
 * compute's defaults for it.
 */
import type { FieldViolation } from '../googleError';
import { isPlainObject } from '../protoJson';

export const CACHE_MODES = [
  'USE_ORIGIN_HEADERS',
  'FORCE_CACHE_ALL',
  'CACHE_ALL_STATIC',
] as const;
export type CacheMode = (typeof CACHE_MODES)[number];

/** Largest TTL compute accepts, seconds (one year of 366 days). */
export const MAX_TTL_SECONDS = 31_622_400;
/** Largest serveWhileStale, seconds (one week). */
export const MAX_SERVE_WHILE_STALE_SECONDS = 604_800;
/** Largest negative caching TTL, seconds. */
export const MAX_NEGATIVE_TTL_SECONDS = 1800;
/** Status codes a negative caching policy may name. */
export const NEGATIVE_CACHING_CODES = [
  300, 301, 302, 307, 308, 404, 405, 410, 421, 451, 501,
] as const;

/** Compute's defaults when CDN is enabled without a policy: CACHE_ALL_STATIC, 3600 / 86400 / 3600 s. */
export const DEFAULT_CDN_POLICY = {
  cacheMode: 'CACHE_ALL_STATIC',
  defaultTtl: 3600,
  maxTtl: 86400,
  clientTtl: 3600,
  negativeCaching: false,
  serveWhileStale: 0,
  requestCoalescing: true,
  signedUrlCacheMaxAgeSec: '0',
} as const;

const TTL_KEYS = ['defaultTtl', 'maxTtl', 'clientTtl'] as const;

/**
 * The policy after a PATCH merged `patch` into `current`. Switching to USE_ORIGIN_HEADERS drops TTL
 * overrides the patch does not set itself (they cannot coexist with that mode); compute's own
 * handling of inherited TTLs here is unverified. The TTLs are filled with defaults otherwise.
 */
export function mergedCdnPolicy(
  merged: Record<string, unknown>,
  patch: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const policy = { ...merged };
  if (policy['cacheMode'] === 'USE_ORIGIN_HEADERS') {
    for (const key of TTL_KEYS)
      if (!patch || patch[key] === undefined) delete policy[key];
    return policy;
  }
  for (const key of TTL_KEYS) policy[key] ??= DEFAULT_CDN_POLICY[key];
  return policy;
}

/** Every rule `policy` breaks; `field` is where it sits, e.g. `resource.cdnPolicy`. */
export function cdnPolicyViolations(
  policy: unknown,
  field: string,
): FieldViolation[] {
  if (policy == null) return [];
  if (!isPlainObject(policy))
    return [{ field, description: 'must be an object' }];
  const out: FieldViolation[] = [];
  const mode = policy['cacheMode'] ?? 'CACHE_ALL_STATIC';
  if (!(CACHE_MODES as readonly unknown[]).includes(mode)) {
    out.push({
      field: `${field}.cacheMode`,
      description: `'${String(mode)}' is not one of ${CACHE_MODES.join(', ')}`,
    });
  }
  for (const key of TTL_KEYS) {
    const value = policy[key];
    if (value == null) continue;
    if (mode === 'USE_ORIGIN_HEADERS') {
      out.push({
        field: `${field}.${key}`,
        description: `${key} cannot be set when cacheMode is USE_ORIGIN_HEADERS`,
      });
    } else if (
      typeof value !== 'number' ||
      !Number.isInteger(value) ||
      value < 0 ||
      value > MAX_TTL_SECONDS
    ) {
      out.push({
        field: `${field}.${key}`,
        description: `${key} must be an integer 0..${MAX_TTL_SECONDS} seconds`,
      });
    }
  }
  // The ordering rule only compares TTLs that are themselves valid (one problem per field).
  const inRange = (value: unknown): value is number =>
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 0 &&
    value <= MAX_TTL_SECONDS;
  const maxTtl =
    policy['maxTtl'] == null
      ? DEFAULT_CDN_POLICY.maxTtl
      : inRange(policy['maxTtl'])
      ? policy['maxTtl']
      : null;
  for (const key of ['defaultTtl', 'clientTtl'] as const) {
    const value = policy[key];
    if (
      mode !== 'USE_ORIGIN_HEADERS' &&
      maxTtl !== null &&
      inRange(value) &&
      value > maxTtl
    ) {
      out.push({
        field: `${field}.${key}`,
        description: `${key} (${value}) must not exceed maxTtl (${maxTtl})`,
      });
    }
  }
  const stale = policy['serveWhileStale'];
  if (
    stale != null &&
    (typeof stale !== 'number' ||
      !Number.isInteger(stale) ||
      stale < 0 ||
      stale > MAX_SERVE_WHILE_STALE_SECONDS)
  ) {
    out.push({
      field: `${field}.serveWhileStale`,
      description: `serveWhileStale must be an integer 0..${MAX_SERVE_WHILE_STALE_SECONDS} seconds`,
    });
  }
  const negative = Array.isArray(policy['negativeCachingPolicy'])
    ? (policy['negativeCachingPolicy'] as unknown[])
    : [];
  if (negative.length && policy['negativeCaching'] !== true) {
    out.push({
      field: `${field}.negativeCachingPolicy`,
      description: 'negativeCachingPolicy needs negativeCaching true',
    });
  }
  negative.forEach((entry, i) => {
    const item = isPlainObject(entry) ? entry : {};
    if (
      !(NEGATIVE_CACHING_CODES as readonly unknown[]).includes(item['code'])
    ) {
      out.push({
        field: `${field}.negativeCachingPolicy[${i}].code`,
        description: `code must be one of ${NEGATIVE_CACHING_CODES.join(', ')}`,
      });
    }
    const ttl = item['ttl'];
    if (
      typeof ttl !== 'number' ||
      !Number.isInteger(ttl) ||
      ttl < 0 ||
      ttl > MAX_NEGATIVE_TTL_SECONDS
    ) {
      out.push({
        field: `${field}.negativeCachingPolicy[${i}].ttl`,
        description: `ttl must be an integer 0..${MAX_NEGATIVE_TTL_SECONDS} seconds`,
      });
    }
  });
  return out;
}
