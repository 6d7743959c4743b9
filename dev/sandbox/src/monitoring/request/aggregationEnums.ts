/**
 * Enums of google.monitoring.v3 (Aggregation.Aligner, Aggregation.Reducer, ListTimeSeriesRequest.
 * TimeSeriesView), copied from the protos shipped in @google-cloud/monitoring 5.4.0; a unit test keeps
 * them in step with protos.json.
 */

export const ALIGNERS = {
  ALIGN_NONE: 0,
  ALIGN_DELTA: 1,
  ALIGN_RATE: 2,
  ALIGN_INTERPOLATE: 3,
  ALIGN_NEXT_OLDER: 4,
  ALIGN_MIN: 10,
  ALIGN_MAX: 11,
  ALIGN_MEAN: 12,
  ALIGN_COUNT: 13,
  ALIGN_SUM: 14,
  ALIGN_STDDEV: 15,
  ALIGN_COUNT_TRUE: 16,
  ALIGN_COUNT_FALSE: 24,
  ALIGN_FRACTION_TRUE: 17,
  ALIGN_PERCENTILE_99: 18,
  ALIGN_PERCENTILE_95: 19,
  ALIGN_PERCENTILE_50: 20,
  ALIGN_PERCENTILE_05: 21,
  ALIGN_PERCENT_CHANGE: 23,
} as const;

export const REDUCERS = {
  REDUCE_NONE: 0,
  REDUCE_MEAN: 1,
  REDUCE_MIN: 2,
  REDUCE_MAX: 3,
  REDUCE_SUM: 4,
  REDUCE_STDDEV: 5,
  REDUCE_COUNT: 6,
  REDUCE_COUNT_TRUE: 7,
  REDUCE_COUNT_FALSE: 15,
  REDUCE_FRACTION_TRUE: 8,
  REDUCE_PERCENTILE_99: 9,
  REDUCE_PERCENTILE_95: 10,
  REDUCE_PERCENTILE_50: 11,
  REDUCE_PERCENTILE_05: 12,
} as const;

export const VIEWS = { FULL: 0, HEADERS: 1 } as const;

export type AlignerName = keyof typeof ALIGNERS;
export type ReducerName = keyof typeof REDUCERS;
export type ViewName = keyof typeof VIEWS;

/** Proto type names used in "Invalid value" messages. */
export const ALIGNER_TYPE =
  'type.googleapis.com/google.monitoring.v3.Aggregation.Aligner';
export const REDUCER_TYPE =
  'type.googleapis.com/google.monitoring.v3.Aggregation.Reducer';
export const VIEW_TYPE =
  'type.googleapis.com/google.monitoring.v3.ListTimeSeriesRequest.TimeSeriesView';

/** The percentile (0..100) an aligner or reducer computes, or null. */
export function percentileOf(name: AlignerName | ReducerName): number | null {
  const match = /_PERCENTILE_(\d\d)$/.exec(name);
  return match ? Number(match[1]) : null;
}
