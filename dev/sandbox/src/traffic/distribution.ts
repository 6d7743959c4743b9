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
 * CDF of a log-normal at each finite bucket boundary, exactly 0 or 1 beyond 8 sigma. Cached per
 * (layout, median, sigma): a service's latency shape only changes when queueing sets in, so most
 * minutes reuse it and bucketing costs a multiply per bucket instead of an erf.
 */
const cdfCache = new Map<BucketOptions, Map<number, Map<number, Float64Array>>>();
let cachedCdfs = 0;
/** Utilisation medians vary every minute and rarely repeat: a small cap bounds the churn (≈ 2 MB). */
const MAX_CACHED_CDFS = 4096;

function boundaryCdf(options: BucketOptions, median: number, sigma: number): Float64Array {
  if (cachedCdfs >= MAX_CACHED_CDFS) {
    cdfCache.clear();
    cachedCdfs = 0;
  }
  let byMedian = cdfCache.get(options);
  if (!byMedian) {
    byMedian = new Map();
    cdfCache.set(options, byMedian);
  }
  let bySigma = byMedian.get(median);
  if (!bySigma) {
    bySigma = new Map();
    byMedian.set(median, bySigma);
  }
  let cdf = bySigma.get(sigma);
  if (cdf) return cdf;
  const logs = logBounds(options);
  const mu = Math.log(Math.max(median, 1e-12));
  const s = Math.max(sigma, 1e-6);
  cdf = new Float64Array(logs.length);
  for (let i = 0; i < logs.length; i++) {
    const z = (logs[i]! - mu) / s;
    cdf[i] = z < -TAIL_Z ? 0 : z > TAIL_Z ? 1 : normalCdf(z);
  }
  cachedCdfs++;
  bySigma.set(sigma, cdf);
  return cdf;
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
  const cdf = boundaryCdf(bucketOptions, median, sigma);
  const bucketCounts = new Array<number>(cdf.length + 1).fill(0);
  let previous = 0;
  for (let i = 0; i < cdf.length; i++) {
    const p = cdf[i]!;
    if (p === 0) continue;
    const cumulative = p === 1 ? count : Math.round(count * p);
    bucketCounts[i] = cumulative - previous;
    previous = cumulative;
    // Every remaining value is below this boundary: the rest of the buckets stay 0.
    if (cumulative === count) break;
  }
  bucketCounts[cdf.length] = count - previous;
  const s = Math.max(sigma, 1e-6);
  const mean = median * Math.exp((s * s) / 2);
  const variance = (Math.exp(s * s) - 1) * mean * mean;
  return { count, mean, sumOfSquaredDeviation: count * variance, bucketOptions, bucketCounts };
}
