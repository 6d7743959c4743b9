/**
 * The request-level rules of Aggregation (common.proto): the alignment period is at least 60 s and is
 * required with any aligner; a cross-series reducer needs an aligner and a period; and the aligner and
 * reducer must fit the metric's kind and value type. Returns the type of the output series.
 */
import type { MetricDefinition } from '../metrics/metricTypes';
import type { AggregationSpec } from '../request/parseListTimeSeriesRequest';
import { invalidAggregation } from './aggregationErrors';
import { alignedType, type SeriesType } from './aligners';
import { reducedType } from './reducers';

/** What a checked aggregation produces: the output type and whether points are aligned at all. */
export interface CheckedAggregation {
  output: SeriesType;
  /** Alignment period in seconds, or null for raw points (ALIGN_NONE). */
  periodSeconds: number | null;
}

/** Checks `spec` against `metric`; throws 400 INVALID_ARGUMENT naming the aggregation field. */
export function checkAggregation(
  spec: AggregationSpec,
  metric: MetricDefinition,
): CheckedAggregation {
  const period = spec.alignmentPeriodSeconds;
  if (period !== null && period < 60) {
    throw invalidAggregation(
      'aggregation.alignmentPeriod',
      `${period}s`,
      'The alignment period must be at least 60 seconds.',
    );
  }
  if (spec.reducer !== 'REDUCE_NONE' && spec.aligner === 'ALIGN_NONE') {
    throw invalidAggregation(
      'aggregation.perSeriesAligner',
      spec.aligner,
      'A per-series aligner other than ALIGN_NONE is required when a cross-series reducer is specified.',
    );
  }
  if (spec.aligner !== 'ALIGN_NONE' && period === null) {
    throw invalidAggregation(
      'aggregation.alignmentPeriod',
      '',
      'An alignment period is required when a per-series aligner is specified.',
    );
  }
  const aligned = alignedType(spec.aligner, {
    metricKind: metric.metricKind,
    valueType: metric.valueType,
  });
  const output = reducedType(spec.reducer, aligned);
  return {
    output,
    periodSeconds: spec.aligner === 'ALIGN_NONE' ? null : period,
  };
}
