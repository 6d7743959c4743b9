import { describe, expect, it } from 'vitest';
import { cdnPolicyOf, cdnPolicyWarnings, diffCdnPolicy } from './cdnPolicyEdit';

const current = cdnPolicyOf(true, {
  cacheMode: 'CACHE_ALL_STATIC',
  defaultTtl: 3600,
  maxTtl: 86400,
  clientTtl: 3600,
  negativeCaching: false,
  serveWhileStale: 0,
});

describe('cdn policy edit', () => {
  it('reads a policy and hides TTLs under USE_ORIGIN_HEADERS', () => {
    expect(
      cdnPolicyOf(true, {
        cacheMode: 'USE_ORIGIN_HEADERS',
        defaultTtl: 3600,
        maxTtl: 1,
        clientTtl: 1,
        negativeCaching: true,
        serveWhileStale: null,
      }),
    ).toEqual({
      enableCdn: true,
      cacheMode: 'USE_ORIGIN_HEADERS',
      defaultTtl: null,
      maxTtl: null,
      clientTtl: null,
      negativeCaching: true,
      serveWhileStale: null,
    });
    expect(cdnPolicyOf(false, null).cacheMode).toBe('CACHE_ALL_STATIC');
  });

  it('diffs fields in form order', () => {
    expect(
      diffCdnPolicy(current, {
        ...current,
        maxTtl: 7200,
        cacheMode: 'FORCE_CACHE_ALL',
      }),
    ).toEqual([
      {
        field: 'cacheMode',
        label: 'Cache mode',
        before: 'CACHE_ALL_STATIC',
        after: 'FORCE_CACHE_ALL',
      },
      { field: 'maxTtl', label: 'Max TTL (s)', before: 86400, after: 7200 },
    ]);
  });

  it('warns about private content, disabling and shorter TTLs', () => {
    const codes = (p: typeof current) =>
      cdnPolicyWarnings(current, p).map(w => w.code);
    expect(codes({ ...current, cacheMode: 'FORCE_CACHE_ALL' })).toEqual([
      'FORCE_CACHE_ALL_PRIVATE',
    ]);
    expect(codes({ ...current, enableCdn: false })).toEqual(['CDN_DISABLED']);
    expect(codes({ ...current, defaultTtl: 0 })).toEqual([
      'DEFAULT_TTL_ZERO',
      'TTL_SHORTER',
    ]);
    expect(
      codes({
        ...current,
        cacheMode: 'USE_ORIGIN_HEADERS',
        defaultTtl: null,
        maxTtl: null,
        clientTtl: null,
      }),
    ).toEqual(['ORIGIN_HEADERS_ONLY']);
    expect(codes(current)).toEqual([]);
  });
});
