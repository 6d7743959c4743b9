/**
 * Errors for aggregations that do not fit the metric, worded like Monitoring's ("Field
 * aggregation.perSeriesAligner had an invalid value of …"; exact texts unverified).
 */
import { GoogleApiError, invalidArgument } from '../../googleError';

/** 400 INVALID_ARGUMENT naming an aggregation field and the value it had. */
export function invalidAggregation(
  field: string,
  value: string,
  reason: string,
): Error {
  const message = `Field ${field} had an invalid value of "${value}": ${reason}`;
  return invalidArgument(message, [{ field, description: reason }]);
}

/** 501 UNIMPLEMENTED for a valid aligner or reducer the sandbox does not emulate. */
export function unsupportedAggregation(field: string, value: string): Error {
  return new GoogleApiError(
    501,
    'UNIMPLEMENTED',
    `${field} ${value} is not supported by the GCP sandbox`,
  );
}
