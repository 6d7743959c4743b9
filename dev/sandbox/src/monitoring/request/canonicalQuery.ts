/**
 * Query parameter spellings of `timeSeries.list`. Google's REST front end binds a query parameter to a
 * request field by its proto name (`interval.end_time`, `page_size`) or its JSON name
 * (`interval.endTime`, `pageSize`), segment by segment; the official client sends the JSON names. The
 * sandbox turns every parameter into the JSON spelling first, so the rest of the parser sees one form
 * (and a snake_case caller is not told "Unknown name"). The Run API accepts both spellings too.
 */

/**
 * Google's system parameters (https://cloud.google.com/apis/docs/system-parameters): allowed on any
 * call, and some of them (`access_token`, `upload_protocol`) are snake_case by definition.
 */
export const SYSTEM_PARAMETERS: ReadonlySet<string> = new Set([
  'alt',
  'key',
  'fields',
  'prettyPrint',
  'quotaUser',
  'access_token',
  'callback',
  'upload_protocol',
  'uploadType',
]);

/** `per_series_aligner` → `perSeriesAligner`; a segment without underscores is returned as is. */
function lowerCamel(segment: string): string {
  return segment.replace(/_([a-z0-9])/g, (_match, letter: string) =>
    letter.toUpperCase(),
  );
}

/**
 * The same parameters with each dotted field path in its JSON (lowerCamel) spelling, values and their
 * order kept; system parameters and `$`-parameters (e.g. `$alt`) stay untouched. When a caller mixes
 * both spellings of one repeated field (`aggregation.groupByFields` and `aggregation.group_by_fields`)
 * the values add up, as they would in the request message.
 */
export function canonicalQueryParameters(
  query: URLSearchParams,
): URLSearchParams {
  const canonical = new URLSearchParams();
  for (const [key, value] of query)
    canonical.append(canonicalParameterName(key), value);
  return canonical;
}

/** The JSON spelling of one parameter name (`interval.end_time` → `interval.endTime`); system and `$` names as is. */
export function canonicalParameterName(key: string): string {
  if (SYSTEM_PARAMETERS.has(key) || key.startsWith('$')) return key;
  return key.split('.').map(lowerCamel).join('.');
}
