/**
 * Cross-series reducers of Monitoring (Aggregation.crossSeriesReducer): which aligned value types each
 * accepts, what it outputs, and how it combines the values of a group's series in one period.
 * SUM keeps the type (numeric or distribution); MEAN → DOUBLE (numeric or distribution); MIN/MAX keep
 * it (numeric); COUNT → INT64; PERCENTILE_nn → DOUBLE (numeric or distribution). Output kind: SUM keeps
 * the aligned kind, the others give GAUGE (Google's choice for reduced kinds is unverified).
 */
import type { Distribution } from '../../traffic/distribution';
import type { PointValue } from '../metrics/metricTypes';
import { percentileOf, type ReducerName } from '../request/aggregationEnums';
import {
  invalidAggregation,
  unsupportedAggregation,
} from './aggregationErrors';
import type { SeriesType } from './aligners';
import {
  distributionPercentile,
  mergeDistributions,
  numericPercentile,
} from './distributionMath';

/** Checks that `reducer` applies to aligned series of type `input` and returns the output type. */
export function reducedType(
  reducer: ReducerName,
  input: SeriesType,
): SeriesType {
  const reject = (): Error =>
    invalidAggregation(
      'aggregation.crossSeriesReducer',
      reducer,
      `The reducer cannot be applied to metrics with kind ${input.metricKind} and value type ${input.valueType}.`,
    );
  const numeric = input.valueType === 'INT64' || input.valueType === 'DOUBLE';
  const distribution = input.valueType === 'DISTRIBUTION';
  switch (reducer) {
    case 'REDUCE_NONE':
      return input;
    case 'REDUCE_SUM':
      if (!numeric && !distribution) throw reject();
      return input;
    case 'REDUCE_MEAN':
      if (!numeric && !distribution) throw reject();
      return { metricKind: 'GAUGE', valueType: 'DOUBLE' };
    case 'REDUCE_MIN':
    case 'REDUCE_MAX':
      if (!numeric) throw reject();
      return { metricKind: 'GAUGE', valueType: input.valueType };
    case 'REDUCE_COUNT':
      return { metricKind: 'GAUGE', valueType: 'INT64' };
    case 'REDUCE_PERCENTILE_99':
    case 'REDUCE_PERCENTILE_95':
    case 'REDUCE_PERCENTILE_50':
    case 'REDUCE_PERCENTILE_05':
      if (!numeric && !distribution) throw reject();
      return { metricKind: 'GAUGE', valueType: 'DOUBLE' };
    case 'REDUCE_COUNT_TRUE':
    case 'REDUCE_COUNT_FALSE':
    case 'REDUCE_FRACTION_TRUE':
      throw reject();
    default:
      throw unsupportedAggregation('aggregation.crossSeriesReducer', reducer);
  }
}

/** Combines the values (all numbers or all distributions) of one period across a group's series. */
export function reduceValues(
  reducer: ReducerName,
  values: readonly PointValue[],
): PointValue {
  if (reducer === 'REDUCE_COUNT') return values.length;
  const percentile = percentileOf(reducer);
  if (typeof values[0] !== 'number') {
    const merged =
      values.length === 1
        ? (values[0] as Distribution)
        : mergeDistributions(values as Distribution[])!;
    if (percentile !== null) return distributionPercentile(merged, percentile);
    return reducer === 'REDUCE_MEAN' ? merged.mean : merged;
  }
  const numbers = values as number[];
  if (percentile !== null) return numericPercentile(numbers, percentile);
  switch (reducer) {
    case 'REDUCE_MEAN':
      return numbers.reduce((a, b) => a + b, 0) / numbers.length;
    case 'REDUCE_MIN':
      return Math.min(...numbers);
    case 'REDUCE_MAX':
      return Math.max(...numbers);
    default:
      return numbers.reduce((a, b) => a + b, 0);
  }
}
