import { describe, expect, it } from 'vitest';
import { jsonMergePatch } from './jsonMergePatch';

describe('jsonMergePatch', () => {
  it('merges objects recursively and keeps untouched keys', () => {
    const target = {
      name: 'm',
      cdnPolicy: { cacheMode: 'CACHE_ALL_STATIC', defaultTtl: 3600 },
    };
    expect(jsonMergePatch(target, { cdnPolicy: { defaultTtl: 60 } })).toEqual({
      name: 'm',
      cdnPolicy: { cacheMode: 'CACHE_ALL_STATIC', defaultTtl: 60 },
    });
    expect(target.cdnPolicy.defaultTtl).toBe(3600);
  });

  it('replaces arrays as a whole', () => {
    const target = { pathMatchers: [{ name: 'a' }, { name: 'b' }] };
    expect(jsonMergePatch(target, { pathMatchers: [{ name: 'c' }] })).toEqual({
      pathMatchers: [{ name: 'c' }],
    });
  });

  it('removes keys set to null and replaces scalars', () => {
    expect(jsonMergePatch({ a: 1, b: 2 }, { a: null, b: 3, c: 'x' })).toEqual({
      b: 3,
      c: 'x',
    });
  });

  it('replaces a non-object target by the patch object', () => {
    expect(jsonMergePatch('x', { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });
});
