import { describe, expect, it } from 'vitest';
import { distributionPercentile } from '../monitoring/aggregation/distributionMath';
import {
  LATENCY_BUCKETS,
  LazyLogNormalDistribution,
  RATIO_BUCKETS,
  bucketBounds,
  logNormalDistribution,
  normalCdf,
} from './distribution';

describe('logNormalDistribution', () => {
  it('puts exactly `count` values into the buckets', () => {
    const value = logNormalDistribution(12_345, 80, 0.6, LATENCY_BUCKETS);
    expect(value.bucketCounts.reduce((a, b) => a + b, 0)).toBe(12_345);
    expect(value.bucketCounts).toHaveLength(66);
    expect(value.bucketCounts.every(c => c >= 0 && Number.isInteger(c))).toBe(
      true,
    );
  });

  it('gives percentiles from buckets within a few percent of the log-normal ones, 1 ms to 1 h', () => {
    for (const median of [2, 50, 800, 20_000, 600_000]) {
      const value = logNormalDistribution(
        1_000_000,
        median,
        0.5,
        LATENCY_BUCKETS,
      );
      expect(distributionPercentile(value, 50) / median).toBeCloseTo(1, 1);
      // p95 of a log-normal = median × e^(1.645 σ).
      expect(
        distributionPercentile(value, 95) / (median * Math.exp(1.645 * 0.5)),
      ).toBeCloseTo(1, 1);
    }
  });

  it('has a lazy twin with the same buckets that adds them straight into a period', () => {
    for (const [count, median, sigma, layout] of [
      [12_345, 80, 0.6, LATENCY_BUCKETS],
      [37, 0.4, 0.1, RATIO_BUCKETS],
    ] as const) {
      const eager = logNormalDistribution(count, median, sigma, layout);
      const lazy = new LazyLogNormalDistribution(count, median, sigma, layout);
      expect([
        lazy.count,
        lazy.mean,
        lazy.sumOfSquaredDeviation,
        lazy.bucketCounts,
      ]).toEqual([
        eager.count,
        eager.mean,
        eager.sumOfSquaredDeviation,
        eager.bucketCounts,
      ]);
      const target = new Array<number>(eager.bucketCounts.length).fill(1);
      lazy.addBucketCountsTo(target, 2);
      expect(target).toEqual(eager.bucketCounts.map(c => 1 + 2 * c));
    }
  });

  it('has the log-normal mean and variance', () => {
    const value = logNormalDistribution(100, 100, 0.5, LATENCY_BUCKETS);
    expect(value.mean).toBeCloseTo(100 * Math.exp(0.125), 6);
    expect(value.sumOfSquaredDeviation / 100).toBeCloseTo(
      (Math.exp(0.25) - 1) * value.mean ** 2,
      6,
    );
  });

  it('uses linear buckets for ratios', () => {
    expect(bucketBounds(RATIO_BUCKETS).slice(0, 3)).toEqual([0, 0.01, 0.02]);
    const value = logNormalDistribution(1000, 0.4, 0.1, RATIO_BUCKETS);
    expect(distributionPercentile(value, 50)).toBeCloseTo(0.4, 2);
  });
});

describe('normalCdf', () => {
  it('matches known values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.644854)).toBeCloseTo(0.95, 6);
    expect(normalCdf(-2.326348)).toBeCloseTo(0.01, 6);
  });
});
