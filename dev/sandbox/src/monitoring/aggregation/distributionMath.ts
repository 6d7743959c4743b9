/**
 * Arithmetic on google.api.Distribution values as Monitoring's aligners and reducers need it: merging
 * (same bucket layout), scaling by a sample weight, and percentiles read from the buckets.
 */
import {
  bucketBounds,
  LazyLogNormalDistribution,
  type Distribution,
} from '../../traffic/distribution';

/** An empty distribution with the layout of `like`. */
export function emptyDistribution(like: Distribution): Distribution {
  return {
    count: 0,
    mean: 0,
    sumOfSquaredDeviation: 0,
    bucketOptions: like.bucketOptions,
    // One entry per bucket of the layout (finite boundaries + 1); without reading a lazy distribution's buckets.
    bucketCounts: new Array<number>(
      bucketBounds(like.bucketOptions).length + 1,
    ).fill(0),
  };
}

/**
 * Adds `weight` copies of `source` into `target` in place (weight ≠ 1 when one sampled minute stands
 * for several). Means and squared deviations combine with Chan's parallel formula.
 */
export function addDistribution(
  target: Distribution,
  source: Distribution,
  weight = 1,
): void {
  const addedCount = source.count * weight;
  if (addedCount <= 0) return;
  const total = target.count + addedCount;
  const delta = source.mean - target.mean;
  target.sumOfSquaredDeviation +=
    source.sumOfSquaredDeviation * weight +
    (delta * delta * target.count * addedCount) / total;
  target.mean += (delta * addedCount) / total;
  target.count = total;
  const counts = target.bucketCounts;
  if (source instanceof LazyLogNormalDistribution) {
    source.addBucketCountsTo(counts, weight);
    return;
  }
  const added = source.bucketCounts;
  if (added.length > counts.length)
    for (let i = counts.length; i < added.length; i++) counts.push(0);
  for (let i = 0; i < added.length; i++) {
    const count = added[i]!;
    if (count !== 0) counts[i]! += count * weight;
  }
}

/** The merge of several distributions of the same layout (null when given none). */
export function mergeDistributions(
  values: readonly Distribution[],
): Distribution | null {
  if (values.length === 0) return null;
  const merged = emptyDistribution(values[0]!);
  for (const value of values) addDistribution(merged, value);
  return merged;
}

/**
 * The `percentile` (0..100) of a distribution, read from its buckets with linear interpolation
 * inside the bucket holding the rank, as Monitoring does for ALIGN_PERCENTILE_* (Google's exact
 * interpolation is not documented; unverified). Values in the overflow bucket report its lower bound.
 */
export function distributionPercentile(
  value: Pick<Distribution, 'count' | 'bucketOptions'> & {
    bucketCounts: ArrayLike<number>;
  },
  percentile: number,
): number {
  if (value.count <= 0) return 0;
  const bounds = bucketBounds(value.bucketOptions);
  const rank = (percentile / 100) * value.count;
  let cumulative = 0;
  for (let i = 0; i < value.bucketCounts.length; i++) {
    const count = value.bucketCounts[i]!;
    if (count > 0 && cumulative + count >= rank) {
      if (i >= bounds.length) return bounds[bounds.length - 1]!;
      const upper = bounds[i]!;
      const lower = i === 0 ? Math.min(0, upper) : bounds[i - 1]!;
      return lower + ((upper - lower) * Math.max(0, rank - cumulative)) / count;
    }
    cumulative += count;
  }
  return bounds[bounds.length - 1]!;
}

/** The `percentile` (0..100) of plain numbers, interpolating between ranks. */
export function numericPercentile(
  values: readonly number[],
  percentile: number,
): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (percentile / 100) * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}
