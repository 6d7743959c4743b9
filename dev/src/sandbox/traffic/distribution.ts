/**
 * Distributions as Cloud Monitoring stores them (google.api.Distribution): a count, mean, sum of
 * squared deviation and counts per bucket. The model turns a log-normal into bucket counts so that
 * percentiles are later read from buckets exactly as Google does, with the same bucket-width error.
 */

/** Bucket layout of a distribution, in the JSON shape of google.api.Distribution.BucketOptions. */
export type BucketOptions =
  | { exponentialBuckets: { numFiniteBuckets: number; growthFactor: number; scale: number } }
  | { linearBuckets: { numFiniteBuckets: number; width: number; offset: number } };

/** A distribution value. `bucketCounts` has numFiniteBuckets + 2 entries (underflow, finite…, overflow). */
export interface Distribution {
  /** Number of values; may be fractional inside the aggregation pipeline (sampled minutes are scaled). */
  count: number;
  mean: number;
  sumOfSquaredDeviation: number;
  bucketOptions: BucketOptions;
  bucketCounts: number[];
}

/**
 * Latency buckets in ms: 1.3^i for i = 0..64, i.e. 1 ms up to about 5 h in steps of 30 %, so that
 * percentiles between 1 ms and 1 h are resolved to a few percent after interpolation.
 * (Cloud Run's own bucket layout is not published; unverified.)
 */
export const LATENCY_BUCKETS: BucketOptions = {
  exponentialBuckets: { numFiniteBuckets: 64, growthFactor: 1.3, scale: 1 },
};

/** Buckets for ratios 0..1 (CPU and memory utilisation): 100 buckets of 1 %. (Cloud Run's layout unverified.) */
export const RATIO_BUCKETS: BucketOptions = { linearBuckets: { numFiniteBuckets: 100, width: 0.01, offset: 0 } };

/** Buckets for request counts per instance: 1, 1.3, 1.69, … (unverified like the others). */
export const CONCURRENCY_BUCKETS: BucketOptions = LATENCY_BUCKETS;

const boundsCache = new WeakMap<BucketOptions, number[]>();
const logBoundsCache = new WeakMap<BucketOptions, number[]>();

/** Natural logs of the finite boundaries (−Infinity for boundaries ≤ 0), cached per layout. */
function logBounds(options: BucketOptions): number[] {
  let logs = logBoundsCache.get(options);
  if (!logs) {
    logs = bucketBounds(options).map((b) => (b > 0 ? Math.log(b) : -Infinity));
    logBoundsCache.set(options, logs);
  }
  return logs;
}

/** Beyond 8 sigma the normal CDF is 0 or 1 to well below one count in 10^14. */
const TAIL_Z = 8;

/** The numFiniteBuckets + 1 finite boundaries b0 < b1 < … ; bucket i+1 holds values in [b_i, b_(i+1)). */
export function bucketBounds(options: BucketOptions): number[] {
  const cached = boundsCache.get(options);
  if (cached) return cached;
  const bounds: number[] = [];
  if ('exponentialBuckets' in options) {
    const { numFiniteBuckets, growthFactor, scale } = options.exponentialBuckets;
    for (let i = 0; i <= numFiniteBuckets; i++) bounds.push(scale * growthFactor ** i);
  } else {
    const { numFiniteBuckets, width, offset } = options.linearBuckets;
    for (let i = 0; i <= numFiniteBuckets; i++) bounds.push(offset + width * i);
  }
  boundsCache.set(options, bounds);
  return bounds;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26, absolute error < 1.5e-7: below one count per million). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/**
 * `count` values drawn (in expectation) from a log-normal with the given median and sigma, as whole
 * bucket counts. Cumulative rounding makes the buckets add up to exactly `count`.
 */
export function logNormalDistribution(
  count: number,
  median: number,
  sigma: number,
  bucketOptions: BucketOptions,
): Distribution {
  const logs = logBounds(bucketOptions);
  const bucketCounts = new Array<number>(logs.length + 1).fill(0);
  const mu = Math.log(Math.max(median, 1e-12));
  const s = Math.max(sigma, 1e-6);
  let previous = 0;
  for (let i = 0; i < logs.length; i++) {
    const z = (logs[i]! - mu) / s;
    if (z < -TAIL_Z) continue;
    // Past the upper tail every remaining value is below the boundary: the rest of the buckets stay 0.
    const cumulative = z > TAIL_Z ? count : Math.round(count * normalCdf(z));
    bucketCounts[i] = cumulative - previous;
    previous = cumulative;
    if (cumulative === count) break;
  }
  bucketCounts[logs.length] = count - previous;
  const mean = median * Math.exp((s * s) / 2);
  const variance = (Math.exp(s * s) - 1) * mean * mean;
  return { count, mean, sumOfSquaredDeviation: count * variance, bucketOptions, bucketCounts };
}
