import type { CdnPolicyChange } from '../schemas/cdnPolicy';
import type { ChangeWarning, FieldChange } from '../types/api';
import type { CdnPolicyView } from '../types/loadBalancing';

/** Labels of the cache policy fields, in form order; TTLs in seconds. */
export const CDN_FIELD_LABELS: Record<keyof CdnPolicyChange, string> = {
  enableCdn: 'Cloud CDN enabled',
  cacheMode: 'Cache mode',
  defaultTtl: 'Default TTL (s)',
  maxTtl: 'Max TTL (s)',
  clientTtl: 'Client TTL (s)',
  negativeCaching: 'Negative caching',
  serveWhileStale: 'Serve while stale (s)',
};

/** The editable policy of a backend as read: CDN state plus the policy, unset values as null. */
export function cdnPolicyOf(
  enableCdn: boolean,
  policy: CdnPolicyView | null,
): CdnPolicyChange {
  const mode = (policy?.cacheMode ??
    'CACHE_ALL_STATIC') as CdnPolicyChange['cacheMode'];
  const originHeaders = mode === 'USE_ORIGIN_HEADERS';
  return {
    enableCdn,
    cacheMode: mode,
    // Compute may still echo TTLs under USE_ORIGIN_HEADERS; they do not apply there, so the form shows none.
    defaultTtl: originHeaders ? null : policy?.defaultTtl ?? null,
    maxTtl: originHeaders ? null : policy?.maxTtl ?? null,
    clientTtl: originHeaders ? null : policy?.clientTtl ?? null,
    negativeCaching: policy?.negativeCaching ?? false,
    serveWhileStale: policy?.serveWhileStale ?? null,
  };
}

/** Fields whose value differs, in form order. */
export function diffCdnPolicy(
  current: CdnPolicyChange,
  proposed: CdnPolicyChange,
): FieldChange[] {
  return (Object.keys(CDN_FIELD_LABELS) as (keyof CdnPolicyChange)[])
    .filter(f => current[f] !== proposed[f])
    .map(f => ({
      field: f,
      label: CDN_FIELD_LABELS[f],
      before: current[f],
      after: proposed[f],
    }));
}

/** What a user should know before applying a cache policy change. Pure. */
export function cdnPolicyWarnings(
  current: CdnPolicyChange,
  proposed: CdnPolicyChange,
): ChangeWarning[] {
  const w: ChangeWarning[] = [];
  const warn = (
    code: string,
    severity: ChangeWarning['severity'],
    message: string,
    requiresAcknowledgement = false,
  ) => w.push({ code, severity, message, requiresAcknowledgement });
  if (current.enableCdn && !proposed.enableCdn) {
    warn(
      'CDN_DISABLED',
      'warning',
      'Turning Cloud CDN off sends every request to the origin: expect more load and latency there, and higher egress.',
    );
  }
  if (!current.enableCdn && proposed.enableCdn) {
    warn(
      'CDN_ENABLED',
      'info',
      'Turning Cloud CDN on adds cache lookup and cache fill charges; responses start being cached on the next requests.',
    );
  }
  if (
    proposed.enableCdn &&
    proposed.cacheMode === 'FORCE_CACHE_ALL' &&
    current.cacheMode !== 'FORCE_CACHE_ALL'
  ) {
    warn(
      'FORCE_CACHE_ALL_PRIVATE',
      'warning',
      'FORCE_CACHE_ALL caches every successful response, including ones the origin marks private or no-store: never use it for per-user content.',
    );
  }
  if (
    proposed.enableCdn &&
    proposed.cacheMode === 'USE_ORIGIN_HEADERS' &&
    current.cacheMode !== 'USE_ORIGIN_HEADERS'
  ) {
    warn(
      'ORIGIN_HEADERS_ONLY',
      'info',
      'With USE_ORIGIN_HEADERS only responses with valid caching headers (Cache-Control, Expires) are cached; others always go to the origin.',
    );
  }
  if (
    proposed.enableCdn &&
    proposed.cacheMode !== 'USE_ORIGIN_HEADERS' &&
    proposed.defaultTtl === 0
  ) {
    warn(
      'DEFAULT_TTL_ZERO',
      'info',
      'A default TTL of 0 revalidates every response without its own max-age at the origin.',
    );
  }
  const ttlDown = (['defaultTtl', 'maxTtl'] as const).some(
    f => (proposed[f] ?? Infinity) < (current[f] ?? Infinity),
  );
  if (proposed.enableCdn && ttlDown) {
    warn(
      'TTL_SHORTER',
      'info',
      'Shorter TTLs lower the hit ratio and raise cache fill from the origin; objects already cached keep their old expiry.',
    );
  }
  return w;
}
