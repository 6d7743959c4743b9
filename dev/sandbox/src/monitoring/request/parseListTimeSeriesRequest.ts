/**
 * Decodes `GET /v3/projects/{p}/timeSeries` query parameters into a checked request. The official
 * client (google-gax REST fallback) sends every field of ListTimeSeriesRequest as a dotted query
 * parameter, enums as numbers, Timestamps as RFC 3339 and Durations as "60s", e.g.
 * `filter=…&interval.endTime=2024-01-08T09:00:00.000Z&interval.startTime=…&aggregation.groupByFields=a&
 * aggregation.groupByFields=b&aggregation.alignmentPeriod=60s&aggregation.perSeriesAligner=2&
 * aggregation.crossSeriesReducer=4&view=0&pageSize=10&pageToken=…&$alt=json;enum-encoding=int`.
 * Checks that depend on the metric's kind (which aligner fits) live in ../aggregation.
 */
import { GoogleApiError, invalidArgument } from '../../googleError';
import { parseSelector, type FilterSelector } from '../filter/filterAst';
import {
  parseTimeSeriesFilter,
  type ParsedFilter,
} from '../filter/FilterParser';
import {
  ALIGNERS,
  ALIGNER_TYPE,
  REDUCERS,
  REDUCER_TYPE,
  VIEWS,
  VIEW_TYPE,
  type AlignerName,
  type ReducerName,
  type ViewName,
} from './aggregationEnums';
import {
  canonicalParameterName,
  canonicalQueryParameters,
  SYSTEM_PARAMETERS,
} from './canonicalQuery';
import {
  invalidValue,
  parseDuration,
  parseEnum,
  parseInt32,
  parseTimestamp,
} from './protoValues';

/** Google's cap on points per page (docs/google-apis.md §7), also the default page size. */
export const MAX_PAGE_SIZE = 100_000;

/** The aggregation of a request; `alignmentPeriodSeconds` is null when not given. */
export interface AggregationSpec {
  alignmentPeriodSeconds: number | null;
  aligner: AlignerName;
  reducer: ReducerName;
  groupByFields: FilterSelector[];
}

/** A decoded and syntax-checked `timeSeries.list` request. */
export interface ListTimeSeriesRequest {
  projectId: string;
  filter: ParsedFilter;
  /** Interval, epoch ms; start equals end when startTime is absent (Google's rule for gauges). */
  startMs: number;
  endMs: number;
  aggregation: AggregationSpec;
  view: ViewName;
  /** Points per page, 1..100,000. */
  pageSize: number;
  pageToken: string;
}

const FIELDS = new Set([
  'filter',
  'interval.startTime',
  'interval.endTime',
  'aggregation.alignmentPeriod',
  'aggregation.perSeriesAligner',
  'aggregation.crossSeriesReducer',
  'aggregation.groupByFields',
  'secondaryAggregation.alignmentPeriod',
  'secondaryAggregation.perSeriesAligner',
  'secondaryAggregation.crossSeriesReducer',
  'secondaryAggregation.groupByFields',
  'orderBy',
  'view',
  'pageSize',
  'pageToken',
]);

/** Rejects parameters that bind to no request field, naming them as the caller spelt them. */
function checkKnownParameters(rawQuery: URLSearchParams): void {
  for (const key of new Set(rawQuery.keys())) {
    if (
      FIELDS.has(canonicalParameterName(key)) ||
      SYSTEM_PARAMETERS.has(key) ||
      key.startsWith('$')
    )
      continue;
    const message = `Invalid JSON payload received. Unknown name "${key}": Cannot bind query parameter. Field '${key}' could not be found in request message.`;
    throw invalidArgument(message, [{ field: key, description: message }]);
  }
}

function parseGroupByFields(values: string[]): FilterSelector[] {
  return values.map(text => {
    const selector = parseSelector(text);
    if (!selector || selector.scope === 'project')
      throw invalidValue('aggregation.group_by_fields', 'TYPE_STRING', text);
    return selector;
  });
}

function parseAggregation(query: URLSearchParams): AggregationSpec {
  const period = query.get('aggregation.alignmentPeriod');
  const aligner = query.get('aggregation.perSeriesAligner');
  const reducer = query.get('aggregation.crossSeriesReducer');
  return {
    alignmentPeriodSeconds:
      period === null
        ? null
        : parseDuration('aggregation.alignment_period', period),
    aligner:
      aligner === null
        ? 'ALIGN_NONE'
        : parseEnum(
            'aggregation.per_series_aligner',
            ALIGNER_TYPE,
            ALIGNERS,
            aligner,
          ),
    reducer:
      reducer === null
        ? 'REDUCE_NONE'
        : parseEnum(
            'aggregation.cross_series_reducer',
            REDUCER_TYPE,
            REDUCERS,
            reducer,
          ),
    groupByFields: parseGroupByFields(
      query.getAll('aggregation.groupByFields'),
    ),
  };
}

/** Secondary aggregation only matters with several reduced streams; the sandbox does not emulate it. */
function rejectSecondaryAggregation(query: URLSearchParams): void {
  const used = [...query.entries()].some(
    ([key, value]) =>
      key.startsWith('secondaryAggregation.') &&
      value !== '' &&
      value !== '0' &&
      !/^(ALIGN_NONE|REDUCE_NONE)$/.test(value),
  );
  if (used)
    throw new GoogleApiError(
      501,
      'UNIMPLEMENTED',
      'secondaryAggregation is not supported by the GCP sandbox',
    );
}

/**
 * Decodes the query of `timeSeries.list` for `projectId` (parameters in JSON or proto spelling, e.g.
 * `pageSize` or `page_size`); throws 400 INVALID_ARGUMENT naming the field.
 */
export function parseListTimeSeriesRequest(
  projectId: string,
  rawQuery: URLSearchParams,
): ListTimeSeriesRequest {
  checkKnownParameters(rawQuery);
  const query = canonicalQueryParameters(rawQuery);
  const filterText = query.get('filter');
  if (!filterText)
    throw invalidArgument('Field filter is required', [
      { field: 'filter', description: 'required' },
    ]);
  const filter = parseTimeSeriesFilter(filterText);
  const endText = query.get('interval.endTime');
  if (!endText) {
    throw invalidArgument('Field interval.endTime is required', [
      { field: 'interval.end_time', description: 'required' },
    ]);
  }
  const endMs = parseTimestamp('interval.end_time', endText);
  const startText = query.get('interval.startTime');
  const startMs = startText
    ? parseTimestamp('interval.start_time', startText)
    : endMs;
  if (startMs > endMs) {
    throw invalidArgument('The start time must be before the end time.', [
      {
        field: 'interval.start_time',
        description: 'later than interval.end_time',
      },
    ]);
  }
  if (query.get('orderBy'))
    throw invalidValue('order_by', 'TYPE_STRING', query.get('orderBy')!);
  rejectSecondaryAggregation(query);
  const viewText = query.get('view');
  const view =
    viewText === null ? 'FULL' : parseEnum('view', VIEW_TYPE, VIEWS, viewText);
  const pageSizeText = query.get('pageSize');
  const pageSize =
    pageSizeText === null ? 0 : parseInt32('page_size', pageSizeText);
  if (pageSize < 0)
    throw invalidValue('page_size', 'TYPE_INT32', String(pageSize));
  return {
    projectId,
    filter,
    startMs,
    endMs,
    aggregation: parseAggregation(query),
    view,
    // 0 or above the cap means the cap (ListTimeSeriesRequest.page_size docs).
    pageSize:
      pageSize === 0 || pageSize > MAX_PAGE_SIZE ? MAX_PAGE_SIZE : pageSize,
    pageToken: query.get('pageToken') ?? '',
  };
}
