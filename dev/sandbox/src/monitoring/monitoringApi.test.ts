import { describe, expect, it } from 'vitest';
import type { SandboxClock, SandboxWorld } from '../world';
import type { SandboxResponse } from '../api';
import { GoogleApiError } from '../googleError';
import { minuteSample } from '../traffic/SandboxTrafficModel';
import {
  MONDAY_UTC,
  smallConfig,
  steadyProfile,
  testProject,
  testService,
  testWorld,
} from '../traffic/testFixtures';
import { createMonitoringApi } from './index';
import type { ListTimeSeriesResponseJson } from './query/listTimeSeries';

const NOW = MONDAY_UTC + 12 * 3_600_000; // Monday 12:00 UTC
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function setup() {
  const a = testService('p', 'svc-a', steadyProfile({ baseRps: 10 }));
  const b = testService(
    'p',
    'svc-b',
    steadyProfile({ baseRps: 20, seed: 7 }),
    smallConfig({ minInstances: 2 }),
  );
  const project = testProject('p', [a, b]);
  const world: SandboxWorld = testWorld(project);
  const clock: SandboxClock = { now: () => NOW, advance() {}, set() {} };
  const api = createMonitoringApi({ world, clock });
  const call = (
    params: Record<string, string | string[]>,
    projectId = 'p',
  ): ListTimeSeriesResponseJson => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params))
      for (const v of [value].flat()) query.append(key, v);
    const route = api.match({
      method: 'GET',
      path: `/v3/projects/${projectId}/timeSeries`,
      query,
      body: undefined,
    });
    expect(route?.method).toBe('monitoring.timeSeries.list');
    const response = route!.handle() as SandboxResponse;
    expect(response.status).toBe(200);
    return response.body as ListTimeSeriesResponseJson;
  };
  const fail = (
    params: Record<string, string | string[]>,
    projectId = 'p',
  ): GoogleApiError => {
    try {
      call(params, projectId);
    } catch (error) {
      return error as GoogleApiError;
    }
    throw new Error('no error');
  };
  return { project, a, b, call, fail };
}

const metric = (name: string) => `metric.type = "run.googleapis.com/${name}"`;

describe('monitoring.timeSeries.list', () => {
  it('serves GET on the timeSeries collection, 501 for other methods there, and leaves other paths alone', () => {
    const api = createMonitoringApi({
      world: testWorld(),
      clock: { now: () => NOW, advance() {}, set() {} },
    });
    const request = { query: new URLSearchParams(), body: undefined };
    const post = api.match({
      ...request,
      method: 'POST',
      path: '/v3/projects/p/timeSeries',
    });
    expect(post?.method).toBe('monitoring.unimplemented');
    expect(() => post!.handle()).toThrow(
      expect.objectContaining({ httpStatus: 501, status: 'UNIMPLEMENTED' }),
    );
    expect(
      api.match({
        ...request,
        method: 'GET',
        path: '/v3/projects/p/metricDescriptors',
      }),
    ).toBeNull();
  });

  it('accepts snake_case query parameters like the official JSON names', () => {
    const { call } = setup();
    const params = (names: Record<string, string>) => ({
      filter: `${metric(
        'request_count',
      )} AND resource.labels.service_name = "svc-a"`,
      [names.start!]: iso(NOW - 10 * MIN),
      [names.end!]: iso(NOW),
      [names.period!]: '300s',
      [names.aligner!]: 'ALIGN_RATE',
      [names.reducer!]: 'REDUCE_SUM',
      [names.group!]: 'resource.labels.service_name',
      [names.size!]: '1',
    });
    const camel = call(
      params({
        start: 'interval.startTime',
        end: 'interval.endTime',
        period: 'aggregation.alignmentPeriod',
        aligner: 'aggregation.perSeriesAligner',
        reducer: 'aggregation.crossSeriesReducer',
        group: 'aggregation.groupByFields',
        size: 'pageSize',
      }),
    );
    const snake = call(
      params({
        start: 'interval.start_time',
        end: 'interval.end_time',
        period: 'aggregation.alignment_period',
        aligner: 'aggregation.per_series_aligner',
        reducer: 'aggregation.cross_series_reducer',
        group: 'aggregation.group_by_fields',
        size: 'page_size',
      }),
    );
    expect(snake.timeSeries).toEqual(camel.timeSeries);
    expect(snake.timeSeries).toHaveLength(1);
    expect(snake.timeSeries![0]!.points).toHaveLength(1); // page_size 1 applied
    expect(snake.timeSeries![0]!.resource.labels).toEqual({
      service_name: 'svc-a',
    });
  });

  it('returns raw points one per minute, newest first, never beyond now', () => {
    const { call, project, a } = setup();
    const body = call({
      filter: `${metric(
        'request_count',
      )} AND resource.labels.service_name = "svc-a"`,
      'interval.startTime': iso(NOW - 3 * MIN),
      'interval.endTime': iso(NOW + 60 * MIN),
    });
    const ok = body.timeSeries!.find(
      s => s.metric.labels.response_code === '200',
    )!;
    expect(ok).toMatchObject({
      metric: {
        type: 'run.googleapis.com/request_count',
        labels: { response_code: '200', response_code_class: '2xx' },
      },
      resource: {
        type: 'cloud_run_revision',
        labels: {
          project_id: 'p',
          service_name: 'svc-a',
          configuration_name: 'svc-a',
          location: 'us-central1',
          revision_name: 'svc-a-00001-abc',
        },
      },
      metricKind: 'DELTA',
      valueType: 'INT64',
      unit: '1',
    });
    expect(ok.points.map(p => p.interval)).toEqual([
      { startTime: '2024-01-08T11:59:00Z', endTime: '2024-01-08T12:00:00Z' },
      { startTime: '2024-01-08T11:58:00Z', endTime: '2024-01-08T11:59:00Z' },
      { startTime: '2024-01-08T11:57:00Z', endTime: '2024-01-08T11:58:00Z' },
    ]);
    const expected = minuteSample(project, a, NOW - MIN).responses.find(
      r => r.code === 200,
    )!.count;
    expect(ok.points[0]!.value).toEqual({ int64Value: String(expected) });
    expect(
      body.timeSeries!.every(s => s.resource.labels.service_name === 'svc-a'),
    ).toBe(true);
  });

  it('gives gauges startTime = endTime and the active/idle split', () => {
    const { call } = setup();
    const body = call({
      filter: `${metric(
        'container/instance_count',
      )} AND resource.labels.service_name = "svc-b"`,
      'interval.endTime': iso(NOW),
    });
    expect(
      body.timeSeries!.map(s => [
        s.metric.labels.state,
        s.metricKind,
        s.points.length,
      ]),
    ).toEqual([
      ['active', 'GAUGE', 1],
      ['idle', 'GAUGE', 1],
    ]);
    const values = body.timeSeries!.map(s =>
      Number((s.points[0]!.value as { int64Value: string }).int64Value),
    );
    expect(values[0]! + values[1]!).toBe(2); // min instances 2
    expect(body.timeSeries![0]!.points[0]!.interval).toEqual({
      startTime: '2024-01-08T12:00:00Z',
      endTime: '2024-01-08T12:00:00Z',
    });
  });

  it('aligns, reduces and groups: request rate per service', () => {
    const { call, project, a } = setup();
    const body = call({
      filter: metric('request_count'),
      'interval.startTime': iso(NOW - 10 * MIN),
      'interval.endTime': iso(NOW),
      'aggregation.alignmentPeriod': '300s',
      'aggregation.perSeriesAligner': '2',
      'aggregation.crossSeriesReducer': 'REDUCE_SUM',
      'aggregation.groupByFields': 'resource.labels.service_name',
    });
    expect(body.unit).toBe('1/s');
    expect(
      body.timeSeries!.map(s => [
        s.resource.labels,
        s.metric.labels,
        s.metricKind,
        s.valueType,
        s.points.length,
      ]),
    ).toEqual([
      [{ service_name: 'svc-a' }, {}, 'GAUGE', 'DOUBLE', 2],
      [{ service_name: 'svc-b' }, {}, 'GAUGE', 'DOUBLE', 2],
    ]);
    let requests = 0;
    for (let i = 1; i <= 5; i++)
      requests += minuteSample(project, a, NOW - i * MIN).requests;
    // The sum of the per-code rates equals the request rate up to floating-point rounding.
    expect(body.timeSeries![0]!.points[0]).toEqual({
      interval: {
        startTime: '2024-01-08T12:00:00Z',
        endTime: '2024-01-08T12:00:00Z',
      },
      value: { doubleValue: expect.closeTo(requests / 300, 9) },
    });
  });

  it('keeps totals when long periods are sampled', () => {
    const { call } = setup();
    const total = (period: string) => {
      const body = call({
        filter: metric('request_count'),
        'interval.startTime': iso(NOW - 3_600_000),
        'interval.endTime': iso(NOW),
        'aggregation.alignmentPeriod': period,
        'aggregation.perSeriesAligner': 'ALIGN_DELTA',
        'aggregation.crossSeriesReducer': 'REDUCE_SUM',
      });
      expect(body.timeSeries![0]!.valueType).toBe('INT64');
      return body.timeSeries![0]!.points.reduce(
        (sum, p) =>
          sum + Number((p.value as { int64Value: string }).int64Value),
        0,
      );
    };
    // 30 rps for an hour; the 1 h period is sampled every 10 minutes, the 5 min periods are not.
    expect(total('300s')).toBeCloseTo(108_000, -2);
    expect(Math.abs(total('3600s') - total('300s'))).toBeLessThan(20);
  });

  it('returns latency distributions and percentiles', () => {
    const { call } = setup();
    const base = {
      filter: `${metric(
        'request_latencies',
      )} AND resource.labels.service_name = "svc-a"`,
      'interval.startTime': iso(NOW - 5 * MIN),
      'interval.endTime': iso(NOW),
      'aggregation.alignmentPeriod': '300s',
    };
    const delta = call({
      ...base,
      'aggregation.perSeriesAligner': 'ALIGN_DELTA',
    }).timeSeries![0]!;
    expect(delta).toMatchObject({
      metricKind: 'DELTA',
      valueType: 'DISTRIBUTION',
      unit: 'ms',
    });
    const value = (
      delta.points[0]!.value as { distributionValue: Record<string, unknown> }
    ).distributionValue;
    expect(value).toMatchObject({
      count: '3000',
      mean: expect.any(Number),
      bucketOptions: {
        exponentialBuckets: {
          numFiniteBuckets: 64,
          growthFactor: 1.3,
          scale: 1,
        },
      },
    });
    expect(
      (value.bucketCounts as string[]).reduce((sum, c) => sum + Number(c), 0),
    ).toBe(3000);
    const p50 = call({
      ...base,
      'aggregation.perSeriesAligner': 'ALIGN_PERCENTILE_50',
    }).timeSeries![0]!;
    expect(p50.valueType).toBe('DOUBLE');
    expect(
      (p50.points[0]!.value as { doubleValue: number }).doubleValue,
    ).toBeCloseTo(50, -1);
  });

  it('shows an edit only in later points, under a new revision', () => {
    const { call, a } = setup();
    const query = {
      filter: `${metric(
        'container/instance_count',
      )} AND resource.labels.service_name = "svc-a" AND metric.labels.state = "idle"`,
      'interval.startTime': iso(NOW - 10 * MIN),
      'interval.endTime': iso(NOW),
    };
    const before = call(query).timeSeries!;
    expect(before).toHaveLength(1);
    a.history.push({
      effectiveFrom: NOW - 4 * MIN,
      config: smallConfig({ minInstances: 5 }),
    });
    a.resource.latestReadyRevision =
      'projects/p/locations/us-central1/services/svc-a/revisions/svc-a-00002-xyz';
    const after = call(query).timeSeries!;
    expect(
      after.map(s => [s.resource.labels.revision_name, s.points.length]),
    ).toEqual([
      ['svc-a-00001-abc', 6],
      ['svc-a-00002-xyz', 4],
    ]);
    expect(after[0]!.points).toEqual(before[0]!.points.slice(4));
    expect(
      after[1]!.points.every(
        p => Number((p.value as { int64Value: string }).int64Value) >= 4,
      ),
    ).toBe(true);
  });

  it('keeps one series when an edit leaves the revision unchanged (service-level scaling)', () => {
    const { call, b } = setup();
    const query = {
      filter: `${metric(
        'container/instance_count',
      )} AND resource.labels.service_name = "svc-b" AND metric.labels.state = "idle"`,
      'interval.startTime': iso(NOW - 10 * MIN),
      'interval.endTime': iso(NOW),
    };
    call(query);
    b.history.push({
      effectiveFrom: NOW - 4 * MIN,
      config: smallConfig({ minInstances: 6 }),
    });
    const after = call(query).timeSeries!;
    expect(
      after.map(s => [s.resource.labels.revision_name, s.points.length]),
    ).toEqual([['svc-b-00001-abc', 10]]);
    expect(after[0]!.points[0]!.value).toEqual({ int64Value: '5' });
    expect(after[0]!.points[9]!.value).toEqual({ int64Value: '1' });
  });

  it('pages by points with a token, and lists headers only', () => {
    const { call } = setup();
    const query = {
      filter: metric('container/instance_count'),
      'interval.startTime': iso(NOW - 10 * MIN),
      'interval.endTime': iso(NOW),
    };
    const all = call(query).timeSeries!;
    const seen: string[] = [];
    let pageToken = '';
    let pages = 0;
    do {
      const page = call({
        ...query,
        pageSize: '7',
        ...(pageToken ? { pageToken } : {}),
      });
      for (const s of page.timeSeries!)
        for (const p of s.points)
          seen.push(
            `${s.resource.labels.service_name}/${s.metric.labels.state}@${p.interval.endTime}`,
          );
      pageToken = page.nextPageToken ?? '';
      pages++;
    } while (pageToken);
    expect(pages).toBe(Math.ceil(40 / 7));
    expect(seen).toEqual(
      all.flatMap(s =>
        s.points.map(
          p =>
            `${s.resource.labels.service_name}/${s.metric.labels.state}@${p.interval.endTime}`,
        ),
      ),
    );
    const headers = call({ ...query, view: 'HEADERS' }).timeSeries!;
    expect(headers.map(s => s.points)).toEqual([[], [], [], []]);
  });

  it('answers errors like Google', () => {
    const { fail, call } = setup();
    const interval = {
      'interval.startTime': iso(NOW - 10 * MIN),
      'interval.endTime': iso(NOW),
    };
    expect(
      fail({ filter: metric('request_count'), ...interval }, 'nope'),
    ).toMatchObject({ httpStatus: 404, status: 'NOT_FOUND' });
    const rateOnGauge = fail({
      filter: metric('container/instance_count'),
      ...interval,
      'aggregation.alignmentPeriod': '60s',
      'aggregation.perSeriesAligner': 'ALIGN_RATE',
    });
    expect(rateOnGauge.message).toContain('kind GAUGE and value type INT64');
    const percentileOnInt = fail({
      filter: metric('request_count'),
      ...interval,
      'aggregation.alignmentPeriod': '60s',
      'aggregation.perSeriesAligner': 'ALIGN_PERCENTILE_99',
    });
    expect(percentileOnInt.httpStatus).toBe(400);
    expect(
      fail({
        filter: metric('request_count'),
        ...interval,
        'aggregation.crossSeriesReducer': 'REDUCE_SUM',
      }).httpStatus,
    ).toBe(400);
    expect(
      fail({
        filter: metric('request_count'),
        ...interval,
        'aggregation.alignmentPeriod': '30s',
        'aggregation.perSeriesAligner': 'ALIGN_DELTA',
      }).message,
    ).toContain('at least 60 seconds');
    expect(
      fail({ filter: 'resource.type = "cloud_run_revision"', ...interval })
        .httpStatus,
    ).toBe(400);
    // A metric the sandbox does not compute lists nothing.
    expect(
      call({
        filter:
          'metric.type = "loadbalancing.googleapis.com/https/request_count"',
        ...interval,
      }),
    ).toEqual({});
  });
});

describe('the sandbox work guard counts the resources the filter can select', () => {
  // 600 services × a week of minutes (10,080) is over the 5,000,000-minute guard; one service is not.
  const services = Array.from({ length: 600 }, (_, i) =>
    testService('fleet', `svc-${String(i).padStart(3, '0')}`),
  );
  const world = testWorld(testProject('fleet', services));
  const clock: SandboxClock = { now: () => NOW, advance() {}, set() {} };
  const api = createMonitoringApi({ world, clock });
  const weekPerMinute = (filter: string) => {
    const query = new URLSearchParams({
      filter: `${metric('container/instance_count')}${filter}`,
      'interval.startTime': iso(NOW - 7 * 24 * 60 * MIN),
      'interval.endTime': iso(NOW),
      'aggregation.alignmentPeriod': '60s',
      'aggregation.perSeriesAligner': 'ALIGN_MEAN',
      'aggregation.crossSeriesReducer': 'REDUCE_SUM',
    });
    return () =>
      api
        .match({
          method: 'GET',
          path: '/v3/projects/fleet/timeSeries',
          query,
          body: undefined,
        })!
        .handle() as SandboxResponse;
  };

  it("serves one service's week per minute in a fleet whose whole week it refuses", () => {
    const one = weekPerMinute(
      ' AND resource.labels.service_name = "svc-007"',
    )();
    expect(one.status).toBe(200);
    const series = (one.body as ListTimeSeriesResponseJson).timeSeries!;
    expect(series).toHaveLength(1);
    expect(series[0]!.points).toHaveLength(7 * 24 * 60); // exact: every minute, not sampled
    expect(weekPerMinute('')).toThrow(
      expect.objectContaining({ httpStatus: 400, status: 'INVALID_ARGUMENT' }),
    );
  });
});
