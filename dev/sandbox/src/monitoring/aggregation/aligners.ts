/**
 * Per-series aligners of Monitoring (Aggregation.perSeriesAligner): which metric kinds and value types
 * each accepts, what kind and type it outputs, and how it turns the points of one alignment period into
 * one value. Rules from the Aligner docs in google/monitoring/v3/common.proto.
 */
import type { Distribution } from '../../traffic/distribution';
import type { MetricKind, PointValue, ValueType } from '../metrics/metricTypes';
import { percentileOf, type AlignerName } from '../request/aggregationEnums';
import {
  invalidAggregation,
  unsupportedAggregation,
} from './aggregationErrors';
import {
  addDistribution,
  distributionPercentile,
  emptyDistribution,
} from './distributionMath';

/** Kind and value type of a series after a step of the pipeline. */
export interface SeriesType {
  metricKind: MetricKind;
  valueType: ValueType;
}

const NUMERIC = new Set<ValueType>(['INT64', 'DOUBLE']);

/**
 * Checks that `aligner` applies to the metric and returns the kind and type of its output:
 * DELTA keeps the type (DELTA/CUMULATIVE only); RATE → GAUGE DOUBLE (DELTA/CUMULATIVE numeric);
 * MEAN → GAUGE DOUBLE, MIN/MAX keep the type (numeric); SUM keeps it (numeric or distribution);
 * COUNT → GAUGE INT64 (numeric); PERCENTILE_nn → GAUGE DOUBLE (distribution only).
 */
export function alignedType(
  aligner: AlignerName,
  input: SeriesType,
): SeriesType {
  const { metricKind, valueType } = input;
  const reject = (): Error =>
    invalidAggregation(
      'aggregation.perSeriesAligner',
      aligner,
      `The aligner cannot be applied to metrics with kind ${metricKind} and value type ${valueType}.`,
    );
  const cumulativeOrDelta =
    metricKind === 'DELTA' || metricKind === 'CUMULATIVE';
  const gaugeOrDelta = metricKind === 'GAUGE' || metricKind === 'DELTA';
  switch (aligner) {
    case 'ALIGN_NONE':
      return input;
    case 'ALIGN_DELTA':
      if (!cumulativeOrDelta || valueType === 'BOOL') throw reject();
      return { metricKind: 'DELTA', valueType };
    case 'ALIGN_RATE':
      if (!cumulativeOrDelta || !NUMERIC.has(valueType)) throw reject();
      return { metricKind: 'GAUGE', valueType: 'DOUBLE' };
    case 'ALIGN_MEAN':
      if (!gaugeOrDelta || !NUMERIC.has(valueType)) throw reject();
      return { metricKind: 'GAUGE', valueType: 'DOUBLE' };
    case 'ALIGN_MIN':
    case 'ALIGN_MAX':
      if (!gaugeOrDelta || !NUMERIC.has(valueType)) throw reject();
      return input;
    case 'ALIGN_SUM':
      if (!gaugeOrDelta || valueType === 'BOOL') throw reject();
      return input;
    case 'ALIGN_COUNT':
      if (!gaugeOrDelta || valueType === 'DISTRIBUTION') throw reject();
      return { metricKind: 'GAUGE', valueType: 'INT64' };
    case 'ALIGN_PERCENTILE_99':
    case 'ALIGN_PERCENTILE_95':
    case 'ALIGN_PERCENTILE_50':
    case 'ALIGN_PERCENTILE_05':
      if (!gaugeOrDelta || valueType !== 'DISTRIBUTION') throw reject();
      return { metricKind: 'GAUGE', valueType: 'DOUBLE' };
    case 'ALIGN_COUNT_TRUE':
    case 'ALIGN_COUNT_FALSE':
    case 'ALIGN_FRACTION_TRUE':
      // Only BOOL metrics take these, and the sandbox computes none.
      throw reject();
    default:
      throw unsupportedAggregation('aggregation.perSeriesAligner', aligner);
  }
}

/**
 * The points of one series in one alignment period. Each point carries a weight: the number of raw
 * one-minute points it stands for (more than 1 when long periods are sampled, see alignmentPlan.ts).
 */
export class PeriodAccumulator {
  /** Σ value × weight (numeric points). */
  sum = 0;
  /** Σ weight: how many raw points the period holds. */
  weight = 0;
  min = Infinity;
  max = -Infinity;
  /**
   * The period's distribution. A period holding one distribution point of weight 1 (every period of
   * a 60 s alignment: a week of one service is 10,080 of them) is that point itself, not a merged
   * copy; a second point starts the merge.
   */
  distribution: Distribution | null = null;
  private merged = false;

  add(value: PointValue, weight: number): void {
    this.weight += weight;
    if (typeof value === 'number') {
      this.sum += value * weight;
      if (value < this.min) this.min = value;
      if (value > this.max) this.max = value;
      return;
    }
    if (this.distribution === null && weight === 1) {
      this.distribution = value;
      return;
    }
    if (!this.merged) {
      const first = this.distribution;
      this.distribution = emptyDistribution(value);
      this.merged = true;
      if (first) addDistribution(this.distribution, first, 1);
    }
    addDistribution(this.distribution!, value, weight);
  }

  /** Empties the accumulator for the next period (one object per series, not one per period). */
  reset(): void {
    this.sum = 0;
    this.weight = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.distribution = null;
    this.merged = false;
  }
}

/** The aligned value of a period of `periodSeconds` (aligner already checked by alignedType). */
export function alignPeriod(
  aligner: AlignerName,
  points: PeriodAccumulator,
  periodSeconds: number,
): PointValue {
  const percentile = percentileOf(aligner);
  if (percentile !== null)
    return points.distribution
      ? distributionPercentile(points.distribution, percentile)
      : 0;
  switch (aligner) {
    case 'ALIGN_RATE':
      return points.sum / periodSeconds;
    case 'ALIGN_MEAN':
      return points.weight > 0 ? points.sum / points.weight : 0;
    case 'ALIGN_MIN':
      return points.min;
    case 'ALIGN_MAX':
      return points.max;
    case 'ALIGN_COUNT':
      return points.weight;
    default:
      // ALIGN_NONE (one raw point per period), ALIGN_DELTA and ALIGN_SUM.
      return points.distribution ?? points.sum;
  }
}

/** Unit of the aligned series: a rate of "1" is "1/s"; a count is "1". */
export function alignedUnit(aligner: AlignerName, unit: string): string {
  if (aligner === 'ALIGN_RATE') return `${unit}/s`;
  if (aligner === 'ALIGN_COUNT') return '1';
  return unit;
}
