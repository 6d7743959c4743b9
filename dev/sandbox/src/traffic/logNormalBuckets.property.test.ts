/**
 * addLogNormalBuckets evaluates only the boundaries that can matter (it skips those more than 8 sigma
 * below the median by bisection and stops once every value is placed). Against the plain algorithm —
 * Φ at every finite boundary, cumulative rounding — on random counts, medians, sigmas, weights and
 * layouts, the buckets must be identical.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addLogNormalBuckets,
  bucketBounds,
  CONCURRENCY_BUCKETS,
  LATENCY_BUCKETS,
  RATIO_BUCKETS,
  tabulatedCdf,
  type BucketOptions,
} from './distribution';

function plainBuckets(
  count: number,
  median: number,
  sigma: number,
  options: BucketOptions,
  weight: number,
): number[] {
  const bounds = bucketBounds(options);
  const target = new Array<number>(bounds.length + 1).fill(0);
  const mu = Math.log(Math.max(median, 1e-12));
  const inverse = 1 / Math.max(sigma, 1e-6);
  const cdf = bounds.map(b =>
    tabulatedCdf(((b > 0 ? Math.log(b) : -Infinity) - mu) * inverse),
  );
  let previous = 0;
  for (let i = 0; i < cdf.length; i++) {
    const p = cdf[i]!;
    if (p === 0) continue;
    const cumulative = p === 1 ? count : Math.round(count * p);
    if (cumulative !== previous) target[i]! += (cumulative - previous) * weight;
    previous = cumulative;
    if (cumulative === count) break;
  }
  if (count !== previous) target[cdf.length]! += (count - previous) * weight;
  return target;
}

describe('addLogNormalBuckets', () => {
  it('gives the buckets of the plain algorithm', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 2_000_000 }),
          fc.double({ min: 0, max: 1e5, noNaN: true }),
        ),
        fc.oneof(
          fc.double({ min: 1e-6, max: 1e8, noNaN: true }),
          fc.constantFrom(0, 1, 1.3, 0.01, 0.5, 1e-13),
        ),
        fc.double({ min: 0, max: 4, noNaN: true }),
        fc.constantFrom(LATENCY_BUCKETS, RATIO_BUCKETS, CONCURRENCY_BUCKETS),
        fc.constantFrom(1, 10, 60, 2.5),
        (count, median, sigma, options, weight) => {
          const target = new Array<number>(
            bucketBounds(options).length + 1,
          ).fill(0);
          addLogNormalBuckets(target, count, median, sigma, options, weight);
          expect(target).toEqual(
            plainBuckets(count, median, sigma, options, weight),
          );
          const typed = new Float64Array(target.length);
          addLogNormalBuckets(typed, count, median, sigma, options, weight);
          expect(Array.from(typed)).toEqual(target);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
