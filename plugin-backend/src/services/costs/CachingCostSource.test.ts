import { describe, expect, it } from 'vitest';
import type { CostSource, DailyCosts, ProjectDailyCosts } from './CostSource';
import { CachingCostSource } from './CachingCostSource';

function countingSource(fail = false): CostSource & { calls: number } {
  const source = {
    calls: 0,
    info: { kind: 'billing-export', description: 'test' } as never,
    async dailyCosts(): Promise<DailyCosts> {
      source.calls++;
      if (fail) throw new Error('BigQuery unavailable');
      return { rows: [], currency: 'USD' };
    },
    async projectDailyCosts(): Promise<ProjectDailyCosts> {
      source.calls++;
      if (fail) throw new Error('BigQuery unavailable');
      return { rows: [], currency: 'USD' };
    },
  };
  return source;
}

describe('CachingCostSource', () => {
  it('reuses an answer within the TTL and shares concurrent queries', async () => {
    let now = 0;
    const inner = countingSource();
    const cache = new CachingCostSource(inner, 1000, () => now);
    await Promise.all([
      cache.dailyCosts(['b', 'a'], '2026-11-01', '2026-11-22'),
      cache.dailyCosts(['a', 'b'], '2026-11-01', '2026-11-22'),
    ]);
    expect(inner.calls).toBe(1);
    now = 999;
    await cache.dailyCosts(['a', 'b'], '2026-11-01', '2026-11-22');
    expect(inner.calls).toBe(1);
    await cache.dailyCosts(['a'], '2026-11-01', '2026-11-22');
    expect(inner.calls).toBe(2);
    now = 1000;
    await cache.dailyCosts(['a', 'b'], '2026-11-01', '2026-11-22');
    expect(inner.calls).toBe(3);
  });

  it('does not keep failures', async () => {
    const inner = countingSource(true);
    const cache = new CachingCostSource(inner, 1000, () => 0);
    await expect(
      cache.dailyCosts(['a'], '2026-11-01', '2026-11-22'),
    ).rejects.toThrow('BigQuery unavailable');
    await expect(
      cache.dailyCosts(['a'], '2026-11-01', '2026-11-22'),
    ).rejects.toThrow('BigQuery unavailable');
    expect(inner.calls).toBe(2);
  });

  it('keeps the per-resource and the per-project answers apart', async () => {
    const inner = countingSource();
    const cache = new CachingCostSource(inner, 1000, () => 0);
    await cache.dailyCosts(['a'], '2026-11-01', '2026-11-22');
    await cache.projectDailyCosts(['a'], '2026-11-01', '2026-11-22');
    expect(inner.calls).toBe(2);
    await cache.projectDailyCosts(['a'], '2026-11-01', '2026-11-22');
    await cache.dailyCosts(['a'], '2026-11-01', '2026-11-22');
    expect(inner.calls).toBe(2);
  });
});
