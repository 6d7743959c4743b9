import { describe, expect, it } from 'vitest';
import {
  LATENCY_BUCKETS,
  logNormalDistribution,
  type Distribution,
} from '../../traffic/distribution';
import { GoogleApiError } from '../../googleError';
import type { MetricDefinition, PointValue } from '../metrics/metricTypes';
import { reduceSeries } from '../query/reduceSeries';
import type { AlignedSeries } from '../query/collectSeries';
import type { AlignerName } from '../request/aggregationEnums';
import type { AggregationSpec } from '../request/parseListTimeSeriesRequest';
import { alignedType, alignPeriod, PeriodAccumulator } from './aligners';
import { checkAggregation } from './checkAggregation';
import { distributionPercentile } from './distributionMath';
import { reducedType } from './reducers';

function align(
  aligner: AlignerName,
  values: PointValue[],
  periodSeconds = 300,
  weight = 1,
): PointValue {
  const accumulator = new PeriodAccumulator();
  for (const value of values) accumulator.add(value, weight);
  return alignPeriod(aligner, accumulator, periodSeconds);
}

function errorOf(action: () => unknown): GoogleApiError {
  try {
    action();
  } catch (error) {
    return error as GoogleApiError;
  }
  throw new Error('no error');
}

const metric = (
  metricKind: MetricDefinition['metricKind'],
  valueType: MetricDefinition['valueType'],
): MetricDefinition => ({
  type: 'x',
  resourceType: 'r',
  metricKind,
  valueType,
  unit: '1',
  sources: () => [],
});

const spec = (overrides: Partial<AggregationSpec>): AggregationSpec => ({
  alignmentPeriodSeconds: 60,
  aligner: 'ALIGN_NONE',
  reducer: 'REDUCE_NONE',
  groupByFields: [],
  ...overrides,
});

describe('aligners', () => {
  const counts = [60, 120, 30, 90, 300];

  it('computes delta, rate, mean, min, max, sum and count over a period', () => {
    expect(align('ALIGN_DELTA', counts)).toBe(600);
    expect(align('ALIGN_RATE', counts, 300)).toBe(2);
    expect(align('ALIGN_MEAN', counts)).toBe(120);
    expect(align('ALIGN_MIN', counts)).toBe(30);
    expect(align('ALIGN_MAX', counts)).toBe(300);
    expect(align('ALIGN_SUM', counts)).toBe(600);
    expect(align('ALIGN_COUNT', counts)).toBe(5);
  });

  it('scales sampled minutes by their weight so totals stay the same', () => {
    // Two sampled minutes standing for 5 minutes each = 10 raw points.
    expect(align('ALIGN_DELTA', [10, 20], 600, 5)).toBe(150);
    expect(align('ALIGN_RATE', [10, 20], 600, 5)).toBe(0.25);
    expect(align('ALIGN_MEAN', [10, 20], 600, 5)).toBe(15);
    expect(align('ALIGN_COUNT', [10, 20], 600, 5)).toBe(10);
  });

  it('reads percentiles from the buckets of the merged distributions', () => {
    const fast = logNormalDistribution(9_000, 10, 0.1, LATENCY_BUCKETS);
    const slow = logNormalDistribution(1_000, 1_000, 0.1, LATENCY_BUCKETS);
    expect(align('ALIGN_PERCENTILE_50', [fast, slow]) as number).toBeCloseTo(
      10,
      -0.5,
    );
    expect(align('ALIGN_PERCENTILE_95', [fast, slow]) as number).toBeCloseTo(
      1_000,
      -2,
    );
    const delta = align('ALIGN_DELTA', [fast, slow]) as Distribution;
    expect(delta.count).toBe(10_000);
    expect(delta.mean).toBeCloseTo(0.9 * fast.mean + 0.1 * slow.mean, 6);
  });

  it('gives the output kind and type Google documents', () => {
    const deltaInt = { metricKind: 'DELTA', valueType: 'INT64' } as const;
    const gaugeInt = { metricKind: 'GAUGE', valueType: 'INT64' } as const;
    const deltaDist = {
      metricKind: 'DELTA',
      valueType: 'DISTRIBUTION',
    } as const;
    expect(alignedType('ALIGN_RATE', deltaInt)).toEqual({
      metricKind: 'GAUGE',
      valueType: 'DOUBLE',
    });
    expect(alignedType('ALIGN_DELTA', deltaInt)).toEqual(deltaInt);
    expect(alignedType('ALIGN_DELTA', deltaDist)).toEqual(deltaDist);
    expect(alignedType('ALIGN_MEAN', gaugeInt)).toEqual({
      metricKind: 'GAUGE',
      valueType: 'DOUBLE',
    });
    expect(alignedType('ALIGN_MAX', gaugeInt)).toEqual(gaugeInt);
    expect(alignedType('ALIGN_COUNT', deltaInt)).toEqual(gaugeInt);
    expect(alignedType('ALIGN_PERCENTILE_99', deltaDist)).toEqual({
      metricKind: 'GAUGE',
      valueType: 'DOUBLE',
    });
  });

  it('rejects aligners that do not fit the metric with 400 naming perSeriesAligner', () => {
    const gaugeInt = { metricKind: 'GAUGE', valueType: 'INT64' } as const;
    for (const [aligner, input] of [
      ['ALIGN_RATE', gaugeInt],
      ['ALIGN_DELTA', gaugeInt],
      ['ALIGN_PERCENTILE_95', { metricKind: 'DELTA', valueType: 'INT64' }],
      ['ALIGN_MEAN', { metricKind: 'DELTA', valueType: 'DISTRIBUTION' }],
      ['ALIGN_COUNT_TRUE', gaugeInt],
    ] as const) {
      const error = errorOf(() => alignedType(aligner, input));
      expect(error.httpStatus).toBe(400);
      expect(error.message).toBe(
        `Field aggregation.perSeriesAligner had an invalid value of "${aligner}": The aligner cannot be applied to metrics with kind ${input.metricKind} and value type ${input.valueType}.`,
      );
    }
    expect(
      errorOf(() => alignedType('ALIGN_INTERPOLATE', gaugeInt)).httpStatus,
    ).toBe(501);
  });
});

describe('checkAggregation', () => {
  it('requires a period of at least 60 s, and an aligner and a period for a reducer', () => {
    const m = metric('DELTA', 'INT64');
    expect(
      errorOf(() =>
        checkAggregation(
          spec({ alignmentPeriodSeconds: 30, aligner: 'ALIGN_RATE' }),
          m,
        ),
      ).message,
    ).toContain('at least 60 seconds');
    expect(
      errorOf(() => checkAggregation(spec({ reducer: 'REDUCE_SUM' }), m))
        .message,
    ).toContain('per-series aligner');
    expect(
      errorOf(() =>
        checkAggregation(
          spec({ alignmentPeriodSeconds: null, aligner: 'ALIGN_RATE' }),
          m,
        ),
      ).message,
    ).toContain('alignment period is required');
    expect(
      checkAggregation(
        spec({ aligner: 'ALIGN_RATE', reducer: 'REDUCE_SUM' }),
        m,
      ),
    ).toEqual({
      output: { metricKind: 'GAUGE', valueType: 'DOUBLE' },
      periodSeconds: 60,
    });
    expect(
      checkAggregation(spec({ alignmentPeriodSeconds: null }), m).periodSeconds,
    ).toBeNull();
  });
});

describe('reducers', () => {
  const s = (
    service: string,
    codeClass: string,
    values: Array<PointValue | undefined>,
  ): AlignedSeries => ({
    resourceLabels: {
      service_name: service,
      revision_name: `${service}-00001-abc`,
      location: 'l',
    },
    metricLabels: {
      response_code_class: codeClass,
      response_code: codeClass === '2xx' ? '200' : '500',
    },
    values,
  });
  const all = [
    s('a', '2xx', [10, 20]),
    s('a', '5xx', [1, undefined]),
    s('b', '2xx', [5, 7]),
    s('b', '5xx', [2, 3]),
  ];
  const service = {
    scope: 'resource',
    kind: 'label',
    key: 'service_name',
  } as const;
  const codeClass = {
    scope: 'metric',
    kind: 'label',
    key: 'response_code_class',
  } as const;

  it('groups by the given fields and keeps only those labels', () => {
    const reduced = reduceSeries(all, 'REDUCE_SUM', [service], 2);
    expect(reduced).toEqual([
      {
        resourceLabels: { service_name: 'a' },
        metricLabels: {},
        values: [11, 20],
      },
      {
        resourceLabels: { service_name: 'b' },
        metricLabels: {},
        values: [7, 10],
      },
    ]);
    expect(
      reduceSeries(all, 'REDUCE_SUM', [codeClass], 2).map(r => [
        r.metricLabels,
        r.values,
      ]),
    ).toEqual([
      [{ response_code_class: '2xx' }, [15, 27]],
      [{ response_code_class: '5xx' }, [3, 3]],
    ]);
    expect(reduceSeries(all, 'REDUCE_SUM', [], 2)).toEqual([
      { resourceLabels: {}, metricLabels: {}, values: [18, 30] },
    ]);
  });

  it('computes mean, min, max, count and percentiles over the series present in a period', () => {
    const values = (reducer: Parameters<typeof reduceSeries>[1]) =>
      reduceSeries(all, reducer, [], 2)[0]!.values;
    expect(values('REDUCE_MEAN')).toEqual([4.5, 10]);
    expect(values('REDUCE_MIN')).toEqual([1, 3]);
    expect(values('REDUCE_MAX')).toEqual([10, 20]);
    expect(values('REDUCE_COUNT')).toEqual([4, 3]);
    expect(values('REDUCE_PERCENTILE_50')).toEqual([3.5, 7]);
    expect(reduceSeries(all, 'REDUCE_NONE', [service], 2)).toEqual(all);
  });

  it('merges distributions before taking a percentile', () => {
    const a = logNormalDistribution(900, 10, 0.05, LATENCY_BUCKETS);
    const b = logNormalDistribution(100, 500, 0.05, LATENCY_BUCKETS);
    const [p99] = reduceSeries(
      [s('a', '2xx', [a]), s('b', '2xx', [b])],
      'REDUCE_PERCENTILE_99',
      [],
      1,
    )[0]!.values;
    expect(p99 as number).toBeCloseTo(500, -2);
    const [sum] = reduceSeries(
      [s('a', '2xx', [a]), s('b', '2xx', [b])],
      'REDUCE_SUM',
      [],
      1,
    )[0]!.values;
    expect(distributionPercentile(sum as Distribution, 50)).toBeCloseTo(
      10,
      -0.5,
    );
  });

  it('rejects reducers that do not fit the aligned values', () => {
    const error = errorOf(() =>
      reducedType('REDUCE_MIN', {
        metricKind: 'DELTA',
        valueType: 'DISTRIBUTION',
      }),
    );
    expect(error.message).toContain(
      'Field aggregation.crossSeriesReducer had an invalid value of "REDUCE_MIN"',
    );
    expect(
      reducedType('REDUCE_COUNT', {
        metricKind: 'DELTA',
        valueType: 'DISTRIBUTION',
      }),
    ).toEqual({ metricKind: 'GAUGE', valueType: 'INT64' });
    expect(
      reducedType('REDUCE_SUM', { metricKind: 'DELTA', valueType: 'INT64' }),
    ).toEqual({ metricKind: 'DELTA', valueType: 'INT64' });
  });
});
