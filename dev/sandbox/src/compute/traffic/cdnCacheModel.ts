/**
 * How much of a request class Cloud CDN serves from cache, from the cache mode and TTLs in force
 * (a model, not Google's algorithm):
 *
 * - Whether a response is cacheable and for how long (docs/google-apis.md §2 cache modes):
 *   CACHE_ALL_STATIC caches static content (TTL = the origin's max-age, else defaultTtl) and dynamic
 *   content only with a public max-age; USE_ORIGIN_HEADERS caches only responses with a public
 *   max-age, for that long; FORCE_CACHE_ALL caches everything, private responses too, for defaultTtl.
 *   Origin max-ages are capped at maxTtl except under USE_ORIGIN_HEADERS. `private` is never cached
 *   except under FORCE_CACHE_ALL. serveWhileStale extends the time a cached object answers hits.
 * - How often a cached object is hit: each of the class's `objects` is requested at rate
 *   λ = class rps ÷ (objects × edge locations); an object fetched once answers every request for TTL
 *   seconds, so hit ratio = λT ÷ (1 + λT) (a TTL cache under Poisson arrivals).
 * - Error responses (404) are cached only with negativeCaching (TTL from negativeCachingPolicy, else
 *   120 s, Google's documented default for 404).
 * clientTtl changes what browsers keep, which the sandbox does not model.
 */
import type { OriginCaching } from '../computeTypes';

/** Edge locations a class's requests spread over (each caches separately). A model constant. */
export const EDGE_LOCATIONS = 8;
/** Default negative caching TTL of a 404, seconds. */
export const DEFAULT_NEGATIVE_TTL_404 = 120;

/** Seconds a successful response of the class stays servable from cache under `policy` (0 = not cached). */
export function cacheTtlSeconds(
  caching: OriginCaching,
  policy: Record<string, unknown>,
): number {
  const mode = String(policy['cacheMode'] ?? 'CACHE_ALL_STATIC');
  const num = (key: string, fallback: number) =>
    typeof policy[key] === 'number' ? (policy[key] as number) : fallback;
  const defaultTtl = num('defaultTtl', 3600);
  const maxTtl = num('maxTtl', 86_400);
  const origin = caching.originMaxAgeSeconds;
  let ttl: number;
  if (mode === 'FORCE_CACHE_ALL') ttl = defaultTtl;
  else if (caching.originPrivate) ttl = 0;
  else if (mode === 'USE_ORIGIN_HEADERS') ttl = origin ?? 0;
  else if (origin !== undefined) ttl = Math.min(origin, maxTtl);
  else ttl = caching.staticContent ? defaultTtl : 0;
  if (ttl <= 0) return 0;
  return ttl + num('serveWhileStale', 0);
}

/** Hit ratio of a TTL cache: requests per second per object × TTL, λT ÷ (1 + λT). */
export function ttlHitRatio(
  rps: number,
  objects: number,
  ttlSeconds: number,
): number {
  if (rps <= 0 || ttlSeconds <= 0) return 0;
  const x = (rps / (Math.max(1, objects) * EDGE_LOCATIONS)) * ttlSeconds;
  return x / (1 + x);
}

/** The negative caching TTL of a 404 under `policy`, seconds (0 without negative caching). */
export function negativeTtl404(policy: Record<string, unknown>): number {
  if (policy['negativeCaching'] !== true) return 0;
  const entries = Array.isArray(policy['negativeCachingPolicy'])
    ? (policy['negativeCachingPolicy'] as Record<string, unknown>[])
    : [];
  const entry = entries.find(e => e['code'] === 404);
  if (entries.length && !entry) return 0;
  return typeof entry?.['ttl'] === 'number'
    ? entry['ttl']
    : DEFAULT_NEGATIVE_TTL_404;
}

/** Hit ratios of one class in one minute. */
export interface CacheOutcome {
  /** Share of successful requests served from cache, 0..1. */
  hitRatio: number;
  /** Share of 404s served from cache, 0..1. */
  negativeHitRatio: number;
}

/** The class's hit ratios at `rps` requests per second reaching the CDN under `policy`. */
export function cacheOutcome(
  caching: OriginCaching,
  policy: Record<string, unknown>,
  rps: number,
): CacheOutcome {
  return {
    hitRatio: ttlHitRatio(
      rps,
      caching.objects,
      cacheTtlSeconds(caching, policy),
    ),
    negativeHitRatio: ttlHitRatio(rps, caching.objects, negativeTtl404(policy)),
  };
}
