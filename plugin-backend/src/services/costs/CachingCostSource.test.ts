import { describe, expect, it } from 'vitest';
import { costReportDays } from '@gcp-serverless/common';
import type { CostSource, ProjectDailyCosts } from './CostSource';
import { CachingCostSource } from './CachingCostSource';

function countingSource(fail = false): CostSource & { calls: number } {
  const source = {
    calls: 0,
    info: { kind: 'billing-export', description: 'test' } as never,
    async breakdown() {
      source.calls++;
      if (fail) throw new Error('BigQuery unavailable');
      return { currency: 'USD', skuDays: [], resources: [], resourceDays: [] };
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
      cache.projectDailyCosts(['b', 'a'], '2026-11-01', '2026-11-22'),
      cache.projectDailyCosts(['a', 'b'], '2026-11-01', '2026-11-22'),
    ]);
    expect(inner.calls).toBe(1);
    now = 999;
    await cache.projectDailyCosts(['a', 'b'], '2026-11-01', '2026-11-22');
    expect(inner.calls).toBe(1);
    await cache.projectDailyCosts(['a'], '2026-11-01', '2026-11-22');
    expect(inner.calls).toBe(2);
    now = 1000;
    await cache.projectDailyCosts(['a', 'b'], '2026-11-01', '2026-11-22');
    expect(inner.calls).toBe(3);
  });

  it('does not keep failures', async () => {
    const inner = countingSource(true);
    const cache = new CachingCostSource(inner, 1000, () => 0);
    await expect(
      cache.projectDailyCosts(['a'], '2026-11-01', '2026-11-22'),
    ).rejects.toThrow('BigQuery unavailable');
    await expect(
      cache.projectDailyCosts(['a'], '2026-11-01', '2026-11-22'),
    ).rejects.toThrow('BigQuery unavailable');
    expect(inner.calls).toBe(2);
  });

  it('keeps the per-resource and the per-project answers apart', async () => {
    const inner = countingSource();
    const cache = new CachingCostSource(inner, 1000, () => 0);
    const days = costReportDays('2026-11-21', '7d');
    await cache.breakdown('a', days, null);
    await cache.projectDailyCosts(['a'], days.fromDay, days.toDay);
    expect(inner.calls).toBe(2);
    await cache.breakdown('a', days, null);
    await cache.projectDailyCosts(['a'], days.fromDay, days.toDay);
    expect(inner.calls).toBe(2);
    // One resource's breakdown is its own answer.
    await cache.breakdown('a', days, 'svc');
    expect(inner.calls).toBe(3);
  });
});
