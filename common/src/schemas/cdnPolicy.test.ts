import { describe, expect, it } from 'vitest';
import { cdnPolicyChangeSchema } from './cdnPolicy';
import { zodFieldErrors } from './fieldErrors';

const valid = {
  enableCdn: true,
  cacheMode: 'CACHE_ALL_STATIC',
  defaultTtl: 3600,
  maxTtl: 86400,
  clientTtl: 3600,
  negativeCaching: false,
  serveWhileStale: 0,
};
const errorsOf = (input: unknown) => {
  const r = cdnPolicyChangeSchema.safeParse(input);
  return r.success ? [] : zodFieldErrors(r.error);
};

describe('cdnPolicyChangeSchema', () => {
  it('accepts a valid policy', () => {
    expect(errorsOf(valid)).toEqual([]);
    expect(
      errorsOf({
        ...valid,
        cacheMode: 'USE_ORIGIN_HEADERS',
        defaultTtl: null,
        maxTtl: null,
        clientTtl: null,
      }),
    ).toEqual([]);
  });

  it('refuses TTL overrides under USE_ORIGIN_HEADERS, field by field', () => {
    expect(
      errorsOf({
        ...valid,
        cacheMode: 'USE_ORIGIN_HEADERS',
        clientTtl: null,
      }).map(e => e.path),
    ).toEqual(['defaultTtl', 'maxTtl']);
  });

  it('keeps defaultTtl and clientTtl at or below maxTtl, with Google defaults for unset values', () => {
    expect(errorsOf({ ...valid, defaultTtl: 90000 })).toEqual([
      {
        path: 'defaultTtl',
        message: 'Default TTL (90000 s) must not exceed max TTL (86400 s)',
      },
    ]);
    expect(errorsOf({ ...valid, maxTtl: null, clientTtl: 100000 })).toEqual([
      {
        path: 'clientTtl',
        message: 'Client TTL (100000 s) must not exceed max TTL (86400 s)',
      },
    ]);
    expect(
      errorsOf({ ...valid, maxTtl: 60, defaultTtl: null, clientTtl: 60 }).map(
        e => e.path,
      ),
    ).toEqual(['defaultTtl']);
  });

  it.each([
    [
      { maxTtl: 31_622_401 },
      'maxTtl',
      'Max TTL must be at most 31622400 s (one year)',
    ],
    [{ defaultTtl: -1 }, 'defaultTtl', 'Default TTL must be at least 0'],
    [
      { serveWhileStale: 604_801 },
      'serveWhileStale',
      'Serve while stale must be at most 604800 s (one week)',
    ],
    [
      { cacheMode: 'CACHE_EVERYTHING' },
      'cacheMode',
      'Cache mode must be one of CACHE_ALL_STATIC, USE_ORIGIN_HEADERS, FORCE_CACHE_ALL',
    ],
    [
      { clientTtl: 1.5 },
      'clientTtl',
      'Client TTL must be a whole number of seconds',
    ],
  ])('%j → %s', (patch, path, message) => {
    expect(errorsOf({ ...valid, ...patch })).toContainEqual({ path, message });
  });
});
