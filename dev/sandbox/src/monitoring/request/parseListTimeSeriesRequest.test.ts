import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { GoogleApiError } from '../../googleError';
import { ALIGNERS, REDUCERS, VIEWS } from './aggregationEnums';
import {
  MAX_PAGE_SIZE,
  parseListTimeSeriesRequest,
} from './parseListTimeSeriesRequest';
import { formatTimestamp, parseDuration, parseTimestamp } from './protoValues';

const FILTER = 'metric.type = "run.googleapis.com/request_count"';

/** The query exactly as @google-cloud/monitoring 5.4.0 sends it (observed with a local server). */
function clientQuery(
  extra: Record<string, string | string[]> = {},
): URLSearchParams {
  const query = new URLSearchParams();
  const all: Record<string, string | string[]> = {
    filter: FILTER,
    'interval.endTime': '2024-01-08T12:00:00.005Z',
    'interval.startTime': '2024-01-08T11:00:00.000Z',
    'aggregation.groupByFields': [
      'resource.labels.service_name',
      'metric.labels.response_code_class',
    ],
    'aggregation.alignmentPeriod': '60s',
    'aggregation.perSeriesAligner': '2',
    'aggregation.crossSeriesReducer': '4',
    view: '0',
    pageSize: '10',
    $alt: 'json;enum-encoding=int',
    ...extra,
  };
  for (const [key, value] of Object.entries(all))
    for (const v of [value].flat()) query.append(key, v);
  return query;
}

function errorOf(query: URLSearchParams): GoogleApiError {
  try {
    parseListTimeSeriesRequest('p', query);
  } catch (error) {
    return error as GoogleApiError;
  }
  throw new Error('no error');
}

describe('parseListTimeSeriesRequest', () => {
  it('decodes what the official client sends, enums as numbers', () => {
    const request = parseListTimeSeriesRequest('p', clientQuery());
    expect(request).toMatchObject({
      projectId: 'p',
      filter: { metricType: 'run.googleapis.com/request_count' },
      startMs: Date.UTC(2024, 0, 8, 11),
      endMs: Date.UTC(2024, 0, 8, 12) + 5,
      aggregation: {
        alignmentPeriodSeconds: 60,
        aligner: 'ALIGN_RATE',
        reducer: 'REDUCE_SUM',
        groupByFields: [
          { scope: 'resource', kind: 'label', key: 'service_name' },
          { scope: 'metric', kind: 'label', key: 'response_code_class' },
        ],
      },
      view: 'FULL',
      pageSize: 10,
      pageToken: '',
    });
  });

  it('accepts enum names too, and defaults', () => {
    const query = clientQuery({
      'aggregation.perSeriesAligner': 'ALIGN_PERCENTILE_99',
      'aggregation.crossSeriesReducer': 'REDUCE_MAX',
      view: 'HEADERS',
    });
    query.delete('pageSize');
    const request = parseListTimeSeriesRequest('p', query);
    expect(request.aggregation.aligner).toBe('ALIGN_PERCENTILE_99');
    expect(request.aggregation.reducer).toBe('REDUCE_MAX');
    expect(request.view).toBe('HEADERS');
    expect(request.pageSize).toBe(MAX_PAGE_SIZE);
    const bare = parseListTimeSeriesRequest(
      'p',
      new URLSearchParams({
        filter: FILTER,
        'interval.endTime': '2024-01-08T12:00:00Z',
      }),
    );
    expect(bare.startMs).toBe(bare.endMs);
    expect(bare.aggregation).toEqual({
      alignmentPeriodSeconds: null,
      aligner: 'ALIGN_NONE',
      reducer: 'REDUCE_NONE',
      groupByFields: [],
    });
  });

  it('rejects unknown parameters naming the field', () => {
    const error = errorOf(clientQuery({ 'aggregation.alignmentPerod': '60s' }));
    expect(error.httpStatus).toBe(400);
    expect(error.message).toContain(
      'Unknown name "aggregation.alignmentPerod"',
    );
    expect(error.toJSON().error.details[0]).toMatchObject({
      fieldViolations: [{ field: 'aggregation.alignmentPerod' }],
    });
    // A misspelt snake_case name is named as sent.
    expect(
      errorOf(clientQuery({ 'aggregation.alignment_perod': '60s' })).message,
    ).toContain('Unknown name "aggregation.alignment_perod"');
  });

  it('binds proto (snake_case) names like JSON names, segment by segment', () => {
    const query = new URLSearchParams({
      filter: FILTER,
      'interval.end_time': '2024-01-08T12:00:00Z',
      'interval.start_time': '2024-01-08T11:00:00Z',
      'aggregation.alignment_period': '300s',
      'aggregation.per_series_aligner': 'ALIGN_RATE',
      'aggregation.cross_series_reducer': 'REDUCE_SUM',
      'aggregation.group_by_fields': 'resource.labels.service_name',
      page_size: '7',
      page_token: 'abc',
      $alt: 'json;enum-encoding=int',
      access_token: 'x',
    });
    const request = parseListTimeSeriesRequest('p', query);
    expect([request.startMs, request.endMs]).toEqual([
      Date.UTC(2024, 0, 8, 11),
      Date.UTC(2024, 0, 8, 12),
    ]);
    expect(request.aggregation).toMatchObject({
      alignmentPeriodSeconds: 300,
      aligner: 'ALIGN_RATE',
      reducer: 'REDUCE_SUM',
    });
    expect(request.aggregation.groupByFields).toHaveLength(1);
    expect([request.pageSize, request.pageToken]).toEqual([7, 'abc']);
  });

  it("rejects bad values with Google's wording", () => {
    expect(
      errorOf(clientQuery({ 'aggregation.perSeriesAligner': '99' })).message,
    ).toBe(
      `Invalid value at 'aggregation.per_series_aligner' (type.googleapis.com/google.monitoring.v3.Aggregation.Aligner), "99"`,
    );
    expect(
      errorOf(clientQuery({ 'aggregation.crossSeriesReducer': 'REDUCE_ALL' }))
        .message,
    ).toContain('aggregation.cross_series_reducer');
    expect(
      errorOf(clientQuery({ 'interval.endTime': 'yesterday' })).message,
    ).toContain(`'interval.end_time'`);
    expect(
      errorOf(clientQuery({ 'aggregation.alignmentPeriod': '60' })).message,
    ).toContain('google.protobuf.Duration');
    expect(
      errorOf(clientQuery({ 'aggregation.groupByFields': 'service_name' }))
        .message,
    ).toContain('group_by_fields');
    expect(errorOf(clientQuery({ pageSize: '-1' })).message).toContain(
      'page_size',
    );
    expect(errorOf(clientQuery({ orderBy: 'x' })).message).toContain(
      'order_by',
    );
    expect(
      errorOf(clientQuery({ 'interval.startTime': '2024-01-08T13:00:00Z' }))
        .message,
    ).toContain('start time');
  });

  it('requires a filter and an end time', () => {
    const noFilter = clientQuery();
    noFilter.delete('filter');
    expect(errorOf(noFilter).message).toContain('filter is required');
    const noEnd = clientQuery();
    noEnd.delete('interval.endTime');
    expect(errorOf(noEnd).message).toContain('interval.endTime is required');
  });

  it('refuses secondary aggregation as not implemented, but ignores it when empty', () => {
    expect(
      errorOf(clientQuery({ 'secondaryAggregation.alignmentPeriod': '120s' }))
        .httpStatus,
    ).toBe(501);
    expect(() =>
      parseListTimeSeriesRequest(
        'p',
        clientQuery({ 'secondaryAggregation.perSeriesAligner': '0' }),
      ),
    ).not.toThrow();
  });
});

describe('proto values', () => {
  it('parse RFC 3339 with offsets and nanoseconds, and durations', () => {
    expect(parseTimestamp('f', '2024-01-08T21:00:00.123456789+09:00')).toBe(
      Date.UTC(2024, 0, 8, 12, 0, 0, 123),
    );
    expect(formatTimestamp(Date.UTC(2024, 0, 8, 12))).toBe(
      '2024-01-08T12:00:00Z',
    );
    expect(parseDuration('f', '3600s')).toBe(3600);
    expect(parseDuration('f', '1.5s')).toBe(1.5);
  });
});

describe('aggregation enums', () => {
  it('match the protos shipped with @google-cloud/monitoring', () => {
    const require = createRequire(import.meta.url);
    const protos = require('@google-cloud/monitoring/build/protos/protos.json');
    const v3 = protos.nested.google.nested.monitoring.nested.v3.nested;
    expect(ALIGNERS).toEqual(v3.Aggregation.nested.Aligner.values);
    expect(REDUCERS).toEqual(v3.Aggregation.nested.Reducer.values);
    expect(VIEWS).toEqual(
      v3.ListTimeSeriesRequest.nested.TimeSeriesView.values,
    );
  });
});
