import { describe, expect, it } from 'vitest';
import {
  cacheOutcome,
  cacheTtlSeconds,
  negativeTtl404,
  ttlHitRatio,
} from './cdnCacheModel';

const staticNoHeader = { staticContent: true, objects: 100 };
const staticMaxAge = {
  staticContent: true,
  originMaxAgeSeconds: 600,
  objects: 100,
};
const dynamic = { staticContent: false, objects: 10 };
const privateStatic = { staticContent: true, originPrivate: true, objects: 10 };

describe('cacheTtlSeconds', () => {
  it('CACHE_ALL_STATIC: origin max-age capped at maxTtl, else defaultTtl for static content, dynamic not cached', () => {
    expect(
      cacheTtlSeconds(staticNoHeader, {
        cacheMode: 'CACHE_ALL_STATIC',
        defaultTtl: 3600,
      }),
    ).toBe(3600);
    expect(
      cacheTtlSeconds(staticMaxAge, {
        cacheMode: 'CACHE_ALL_STATIC',
        defaultTtl: 3600,
      }),
    ).toBe(600);
    expect(
      cacheTtlSeconds(
        { ...staticMaxAge, originMaxAgeSeconds: 999_999 },
        { cacheMode: 'CACHE_ALL_STATIC', maxTtl: 86_400 },
      ),
    ).toBe(86_400);
    expect(cacheTtlSeconds(dynamic, { cacheMode: 'CACHE_ALL_STATIC' })).toBe(0);
    expect(
      cacheTtlSeconds(privateStatic, { cacheMode: 'CACHE_ALL_STATIC' }),
    ).toBe(0);
  });

  it('USE_ORIGIN_HEADERS caches only what the origin marks cacheable, for its max-age', () => {
    expect(
      cacheTtlSeconds(staticNoHeader, { cacheMode: 'USE_ORIGIN_HEADERS' }),
    ).toBe(0);
    expect(
      cacheTtlSeconds(staticMaxAge, { cacheMode: 'USE_ORIGIN_HEADERS' }),
    ).toBe(600);
  });

  it('FORCE_CACHE_ALL caches everything, private too, for defaultTtl; serveWhileStale extends it', () => {
    expect(
      cacheTtlSeconds(privateStatic, {
        cacheMode: 'FORCE_CACHE_ALL',
        defaultTtl: 60,
      }),
    ).toBe(60);
    expect(
      cacheTtlSeconds(dynamic, {
        cacheMode: 'FORCE_CACHE_ALL',
        defaultTtl: 60,
        serveWhileStale: 30,
      }),
    ).toBe(90);
    expect(
      cacheTtlSeconds(dynamic, {
        cacheMode: 'FORCE_CACHE_ALL',
        defaultTtl: 0,
        serveWhileStale: 30,
      }),
    ).toBe(0);
  });
});

describe('hit ratios', () => {
  it('grow with rate × TTL and shrink with more objects', () => {
    expect(ttlHitRatio(0, 10, 3600)).toBe(0);
    expect(ttlHitRatio(10, 10, 0)).toBe(0);
    const base = ttlHitRatio(1, 100, 600);
    expect(ttlHitRatio(1, 100, 6000)).toBeGreaterThan(base);
    expect(ttlHitRatio(1, 10_000, 600)).toBeLessThan(base);
    expect(ttlHitRatio(1e6, 1, 1e6)).toBeLessThan(1);
  });

  it('caches 404s only with negative caching', () => {
    expect(negativeTtl404({})).toBe(0);
    expect(negativeTtl404({ negativeCaching: true })).toBe(120);
    expect(
      negativeTtl404({
        negativeCaching: true,
        negativeCachingPolicy: [{ code: 404, ttl: 30 }],
      }),
    ).toBe(30);
    expect(
      negativeTtl404({
        negativeCaching: true,
        negativeCachingPolicy: [{ code: 410, ttl: 30 }],
      }),
    ).toBe(0);
    expect(
      cacheOutcome(staticNoHeader, { negativeCaching: true }, 50)
        .negativeHitRatio,
    ).toBeGreaterThan(0);
  });
});
