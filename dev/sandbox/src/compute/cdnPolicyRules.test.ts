import { describe, expect, it } from 'vitest';
import { cdnPolicyViolations, mergedCdnPolicy } from './cdnPolicyRules';

const fields = (policy: unknown) =>
  cdnPolicyViolations(policy, 'resource.cdnPolicy').map(v => v.field);

describe('cdnPolicyViolations', () => {
  it('accepts the defaults and each cache mode', () => {
    expect(
      fields({
        cacheMode: 'CACHE_ALL_STATIC',
        defaultTtl: 3600,
        maxTtl: 86400,
        clientTtl: 3600,
      }),
    ).toEqual([]);
    expect(fields({ cacheMode: 'FORCE_CACHE_ALL', defaultTtl: 0 })).toEqual([]);
    expect(fields({ cacheMode: 'USE_ORIGIN_HEADERS' })).toEqual([]);
  });

  it('rejects unknown modes, TTLs out of range and TTLs above maxTtl', () => {
    expect(fields({ cacheMode: 'CACHE_EVERYTHING' })).toEqual([
      'resource.cdnPolicy.cacheMode',
    ]);
    expect(fields({ defaultTtl: 31_622_401, maxTtl: -1 })).toEqual([
      'resource.cdnPolicy.defaultTtl',
      'resource.cdnPolicy.maxTtl',
    ]);
    expect(fields({ defaultTtl: 7200, maxTtl: 3600, clientTtl: 4000 })).toEqual(
      ['resource.cdnPolicy.defaultTtl', 'resource.cdnPolicy.clientTtl'],
    );
  });

  it('forbids TTL overrides under USE_ORIGIN_HEADERS', () => {
    expect(fields({ cacheMode: 'USE_ORIGIN_HEADERS', defaultTtl: 60 })).toEqual(
      ['resource.cdnPolicy.defaultTtl'],
    );
  });

  it('bounds serveWhileStale and negative caching', () => {
    expect(fields({ serveWhileStale: 604_801 })).toEqual([
      'resource.cdnPolicy.serveWhileStale',
    ]);
    expect(fields({ negativeCachingPolicy: [{ code: 404, ttl: 60 }] })).toEqual(
      ['resource.cdnPolicy.negativeCachingPolicy'],
    );
    expect(
      fields({
        negativeCaching: true,
        negativeCachingPolicy: [
          { code: 200, ttl: 60 },
          { code: 404, ttl: 1801 },
        ],
      }),
    ).toEqual([
      'resource.cdnPolicy.negativeCachingPolicy[0].code',
      'resource.cdnPolicy.negativeCachingPolicy[1].ttl',
    ]);
  });
});

describe('mergedCdnPolicy', () => {
  it('drops inherited TTLs when switching to USE_ORIGIN_HEADERS, keeps the rest', () => {
    const merged = mergedCdnPolicy(
      {
        cacheMode: 'USE_ORIGIN_HEADERS',
        defaultTtl: 3600,
        maxTtl: 86400,
        negativeCaching: true,
      },
      { cacheMode: 'USE_ORIGIN_HEADERS' },
    );
    expect(merged).toEqual({
      cacheMode: 'USE_ORIGIN_HEADERS',
      negativeCaching: true,
    });
  });

  it('keeps TTLs the patch sets itself (so the rules can reject them) and fills defaults otherwise', () => {
    expect(
      mergedCdnPolicy(
        { cacheMode: 'USE_ORIGIN_HEADERS', defaultTtl: 60 },
        { defaultTtl: 60 },
      ),
    ).toEqual({ cacheMode: 'USE_ORIGIN_HEADERS', defaultTtl: 60 });
    expect(
      mergedCdnPolicy(
        { cacheMode: 'FORCE_CACHE_ALL' },
        { cacheMode: 'FORCE_CACHE_ALL' },
      ),
    ).toEqual({
      cacheMode: 'FORCE_CACHE_ALL',
      defaultTtl: 3600,
      maxTtl: 86400,
      clientTtl: 3600,
    });
  });
});
