/**
 * Distributions as Cloud Monitoring stores them (google.api.Distribution): a count, mean, sum of
 * squared deviation and counts per bucket. The model turns a log-normal into bucket counts so that
 * percentiles are later read from buckets exactly as Google does, with the same bucket-width error.
 */

/** Bucket layout of a distribution, in the JSON shape of google.api.Distribution.BucketOptions. */
export type BucketOptions =
  | {
      exponentialBuckets: {
        numFiniteBuckets: number;
        growthFactor: number;
        scale: number;
      };
    }
  | {
      linearBuckets: {
        numFiniteBuckets: number;
        width: number;
        offset: number;
      };
    };

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
export const RATIO_BUCKETS: BucketOptions = {
  linearBuckets: { numFiniteBuckets: 100, width: 0.01, offset: 0 },
};

/** Buckets for request counts per instance: 1, 1.3, 1.69, … (unverified like the others). */
export const CONCURRENCY_BUCKETS: BucketOptions = LATENCY_BUCKETS;

const boundsCache = new WeakMap<BucketOptions, number[]>();
const logBoundsCache = new WeakMap<BucketOptions, number[]>();

/** Natural logs of the finite boundaries (−Infinity for boundaries ≤ 0), cached per layout. */
function logBounds(options: BucketOptions): number[] {
  let logs = logBoundsCache.get(options);
  if (!logs) {
    logs = bucketBounds(options).map(b => (b > 0 ? Math.log(b) : -Infinity));
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
    const { numFiniteBuckets, growthFactor, scale } =
      options.exponentialBuckets;
    for (let i = 0; i <= numFiniteBuckets; i++)
      bounds.push(scale * growthFactor ** i);
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
  const poly =
    t *
    (0.254829592 +
      t *
        (-0.284496736 +
          t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/**
 * Φ tabulated on [−8, 8] in steps of 1/1024 and read by linear interpolation: an erf and an exp per
 * bucket boundary and minute was the sandbox's largest cost at fleet scale (1,000 services × 1,440
 * minutes × 65 boundaries). Interpolation adds under 3e-8 to the approximation's own 1.5e-7.
 */
const TABLE_STEPS_PER_Z = 1024;
const CDF_TABLE = (() => {
  const table = new Float64Array(2 * TAIL_Z * TABLE_STEPS_PER_Z + 1);
  for (let i = 0; i < table.length; i++)
    table[i] = normalCdf(i / TABLE_STEPS_PER_Z - TAIL_Z);
  return table;
})();

/** Φ(z) from the table; exactly 0 or 1 beyond 8 sigma (exported for the equivalence test of the buckets). */
export function tabulatedCdf(z: number): number {
  if (z <= -TAIL_Z) return 0;
  if (z >= TAIL_Z) return 1;
  const x = (z + TAIL_Z) * TABLE_STEPS_PER_Z;
  const i = Math.floor(x);
  const low = CDF_TABLE[i]!;
  return low + (CDF_TABLE[i + 1]! - low) * (x - i);
}

/**
 * Adds the whole bucket counts of `count` log-normal values (× `weight`) to `target` (one entry per
 * bucket of the layout). Cumulative rounding makes the buckets add up to exactly `count`. Only the
 * boundaries that can matter are evaluated: those more than 8 sigma below the median (Φ exactly 0 in
 * the table) are skipped, found by bisection on the very expression the loop evaluates, and the loop
 * stops at the first boundary that every value lies below.
 */
export function addLogNormalBuckets(
  target: number[] | Float64Array,
  count: number,
  median: number,
  sigma: number,
  bucketOptions: BucketOptions,
  weight: number,
): void {
  const logs = logBounds(bucketOptions);
  const mu = Math.log(Math.max(median, 1e-12));
  const inverse = 1 / Math.max(sigma, 1e-6);
  // (logs[i] − mu) × inverse rises with i, so "≤ −8 sigma" holds for a prefix of the boundaries.
  let first = 0;
  let after = logs.length;
  while (first < after) {
    const middle = (first + after) >> 1;
    if ((logs[middle]! - mu) * inverse <= -TAIL_Z) first = middle + 1;
    else after = middle;
  }
  let previous = 0;
  for (let i = first; i < logs.length; i++) {
    const p = tabulatedCdf((logs[i]! - mu) * inverse);
    if (p === 0) continue;
    const cumulative = p === 1 ? count : Math.round(count * p);
    if (cumulative !== previous) target[i]! += (cumulative - previous) * weight;
    previous = cumulative;
    // Every remaining value is below this boundary: the rest of the buckets stay 0.
    if (cumulative === count) break;
  }
  if (count !== previous) target[logs.length]! += (count - previous) * weight;
}

/** Mean of a log-normal with this median and sigma. */
export function logNormalMean(median: number, sigma: number): number {
  const s = Math.max(sigma, 1e-6);
  return median * Math.exp((s * s) / 2);
}

/** Sum of squared deviations of `count` values of a log-normal with this mean ({@link logNormalMean}) and sigma. */
export function logNormalSumOfSquaredDeviation(
  count: number,
  mean: number,
  sigma: number,
): number {
  const s = Math.max(sigma, 1e-6);
  const variance = (Math.exp(s * s) - 1) * mean * mean;
  return count * variance;
}

function logNormalMoments(
  count: number,
  median: number,
  sigma: number,
): { mean: number; sumOfSquaredDeviation: number } {
  const mean = logNormalMean(median, sigma);
  return {
    mean,
    sumOfSquaredDeviation: logNormalSumOfSquaredDeviation(count, mean, sigma),
  };
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
  const bucketCounts = new Array<number>(
    bucketBounds(bucketOptions).length + 1,
  ).fill(0);
  addLogNormalBuckets(bucketCounts, count, median, sigma, bucketOptions, 1);
  return {
    count,
    ...logNormalMoments(count, median, sigma),
    bucketOptions,
    bucketCounts,
  };
}

/**
 * The same distribution as {@link logNormalDistribution}, with its buckets computed only when read:
 * Monitoring adds a minute's latency distribution straight into a period's buckets
 * ({@link LazyLogNormalDistribution.addBucketCountsTo}), so the per-minute bucket array of a
 * 10,000-service fleet's day is never built.
 */
export class LazyLogNormalDistribution implements Distribution {
  readonly count: number;
  readonly mean: number;
  readonly sumOfSquaredDeviation: number;
  readonly bucketOptions: BucketOptions;
  private readonly median: number;
  private readonly sigma: number;
  private counts: number[] | undefined;

  constructor(
    count: number,
    median: number,
    sigma: number,
    bucketOptions: BucketOptions,
  ) {
    const moments = logNormalMoments(count, median, sigma);
    this.count = count;
    this.mean = moments.mean;
    this.sumOfSquaredDeviation = moments.sumOfSquaredDeviation;
    this.bucketOptions = bucketOptions;
    this.median = median;
    this.sigma = sigma;
  }

  get bucketCounts(): number[] {
    this.counts ??= logNormalDistribution(
      this.count,
      this.median,
      this.sigma,
      this.bucketOptions,
    ).bucketCounts;
    return this.counts;
  }

  /** Adds the bucket counts × `weight` to `target` (one entry per bucket of the layout). */
  addBucketCountsTo(target: number[], weight: number): void {
    addLogNormalBuckets(
      target,
      this.count,
      this.median,
      this.sigma,
      this.bucketOptions,
      weight,
    );
  }
}
