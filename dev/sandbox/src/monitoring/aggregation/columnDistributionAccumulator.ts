/**
 * The distribution points of one series in one alignment period, when each point is a log-normal
 * given by its count, median and sigma (the Cloud Run distributions of the traffic model) rather than
 * a Distribution object: the columnar walk (query/collectColumnSeries.ts) adds a minute's buckets
 * straight into one typed array per series, with no object per point. It does the arithmetic of
 * {@link PeriodAccumulator} with `addDistribution` in the same order, so its values are bit for bit
 * those of the object path: one point of weight 1 is kept as that point, a second starts the merge.
 */
import {
  addLogNormalBuckets,
  bucketBounds,
  LazyLogNormalDistribution,
  logNormalMean,
  logNormalSumOfSquaredDeviation,
  type BucketOptions,
  type Distribution,
} from '../../traffic/distribution';
import type { PointValue } from '../metrics/metricTypes';
import { percentileOf, type AlignerName } from '../request/aggregationEnums';
import { distributionPercentile } from './distributionMath';

export class ColumnDistributionAccumulator {
  /** Σ weight: how many raw points the period holds. */
  weight = 0;
  private readonly bucketOptions: BucketOptions;
  private readonly buckets: Float64Array;
  /** One point of weight 1 and nothing else yet: kept as is (its buckets are computed when read). */
  private single = false;
  private singleCount = 0;
  private singleMedian = 0;
  private singleSigma = 0;
  private merged = false;
  private count = 0;
  private mean = 0;
  private sumOfSquaredDeviation = 0;

  constructor(bucketOptions: BucketOptions) {
    this.bucketOptions = bucketOptions;
    this.buckets = new Float64Array(bucketBounds(bucketOptions).length + 1);
  }

  /** Adds `count` log-normal values (median, sigma) standing for `weight` minutes. */
  add(count: number, median: number, sigma: number, weight: number): void {
    this.weight += weight;
    if (!this.single && !this.merged && weight === 1) {
      this.single = true;
      this.singleCount = count;
      this.singleMedian = median;
      this.singleSigma = sigma;
      return;
    }
    if (!this.merged) {
      this.merged = true;
      this.count = 0;
      this.mean = 0;
      this.sumOfSquaredDeviation = 0;
      this.buckets.fill(0);
      if (this.single) {
        this.single = false;
        this.merge(this.singleCount, this.singleMedian, this.singleSigma, 1);
      }
    }
    this.merge(count, median, sigma, weight);
  }

  /** distributionMath.ts `addDistribution` of a LazyLogNormalDistribution, without the object. */
  private merge(
    count: number,
    median: number,
    sigma: number,
    weight: number,
  ): void {
    const sourceMean = logNormalMean(median, sigma);
    const sourceDeviation = logNormalSumOfSquaredDeviation(
      count,
      sourceMean,
      sigma,
    );
    const addedCount = count * weight;
    if (addedCount <= 0) return;
    const total = this.count + addedCount;
    const delta = sourceMean - this.mean;
    this.sumOfSquaredDeviation +=
      sourceDeviation * weight +
      (delta * delta * this.count * addedCount) / total;
    this.mean += (delta * addedCount) / total;
    this.count = total;
    addLogNormalBuckets(
      this.buckets,
      count,
      median,
      sigma,
      this.bucketOptions,
      weight,
    );
  }

  /** The aligned value of the period (aligners.ts `alignPeriod` for a distribution metric). */
  value(aligner: AlignerName): PointValue {
    const percentile = percentileOf(aligner);
    if (percentile !== null) {
      if (this.single) {
        this.buckets.fill(0);
        addLogNormalBuckets(
          this.buckets,
          this.singleCount,
          this.singleMedian,
          this.singleSigma,
          this.bucketOptions,
          1,
        );
        return distributionPercentile(
          {
            count: this.singleCount,
            bucketOptions: this.bucketOptions,
            bucketCounts: this.buckets,
          },
          percentile,
        );
      }
      return this.merged
        ? distributionPercentile(
            {
              count: this.count,
              bucketOptions: this.bucketOptions,
              bucketCounts: this.buckets,
            },
            percentile,
          )
        : 0;
    }
    // ALIGN_NONE, ALIGN_DELTA and ALIGN_SUM: the period's distribution, written as the answer's value.
    if (this.single)
      return new LazyLogNormalDistribution(
        this.singleCount,
        this.singleMedian,
        this.singleSigma,
        this.bucketOptions,
      );
    const distribution: Distribution = {
      count: this.count,
      mean: this.mean,
      sumOfSquaredDeviation: this.sumOfSquaredDeviation,
      bucketOptions: this.bucketOptions,
      bucketCounts: Array.from(this.buckets),
    };
    return distribution;
  }

  /** Empties the accumulator for the next period. */
  reset(): void {
    this.weight = 0;
    this.single = false;
    this.merged = false;
  }
}
