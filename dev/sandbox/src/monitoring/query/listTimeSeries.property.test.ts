/**
 * The fast path of timeSeries.list (reused samples and points, the minute cache, per-source
 * reduction, answers kept per query and minutes) against a straightforward reference on random small fleets: for every minute of
 * the plan a fresh, uncached `minuteSample`, its points written out per metric, a series per label set,
 * then alignment, reduction, sorting and JSON. The two must agree exactly, on the first call, on a call
 * seconds later within the same minutes (a kept answer restamped), and after an edit (a new answer).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SandboxResponse } from '../../api';
import {
  minuteSample,
  type MinuteSample,
} from '../../traffic/SandboxTrafficModel';
import {
  cpuUtilisationDistribution,
  maxConcurrencyDistribution,
  memoryUtilisationDistribution,
  requestLatencyDistribution,
  startupLatencyDistribution,
} from '../../traffic/sampleDistributions';
import {
  MONDAY_UTC,
  smallConfig,
  steadyProfile,
  testProject,
  testService,
  testWorld,
} from '../../traffic/testFixtures';
import type { SandboxProject, SandboxRunService } from '../../world';
import {
  alignPeriod,
  alignedType,
  alignedUnit,
  PeriodAccumulator,
} from '../aggregation/aligners';
import { reducedType } from '../aggregation/reducers';
import { planAligned, planRaw } from '../aggregation/alignmentPlan';
import { checkAggregation } from '../aggregation/checkAggregation';
import { evaluateFilter, seriesLookup } from '../filter/filterEval';
import { createMonitoringApi } from '../index';
import { revisionNameFor } from '../metrics/cloudRunRevisions';
import { METRIC_REGISTRY } from '../metrics/metricRegistry';
import type { MetricDefinition, PointValue } from '../metrics/metricTypes';
import {
  ALIGNERS,
  REDUCERS,
  type AlignerName,
  type ReducerName,
} from '../request/aggregationEnums';
import { parseListTimeSeriesRequest } from '../request/parseListTimeSeriesRequest';
import type { AlignedSeries } from './collectSeries';
import {
  periodIntervals,
  seriesSortKey,
  typedValueJson,
  type TimeSeriesJson,
} from './formatSeries';
import { reduceSeries } from './reduceSeries';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = MONDAY_UTC + 2 * 24 * HOUR + 13 * HOUR + 17 * MIN + 41_000;

/** A minute's points per metric, written out plainly. */
function referencePoints(
  metric: string,
  s: MinuteSample,
): Array<[Record<string, string>, PointValue]> {
  const one = (
    value: PointValue | null,
  ): Array<[Record<string, string>, PointValue]> =>
    value === null || value === 0 ? [] : [[{}, value]];
  switch (metric) {
    case 'request_count':
      return s.responses.map(r => [
        { response_code: String(r.code), response_code_class: r.codeClass },
        r.count,
      ]);
    case 'request_latencies':
      return one(requestLatencyDistribution(s));
    case 'container/instance_count':
      return [
        [{ state: 'active' }, s.activeInstances],
        [{ state: 'idle' }, s.idleInstances],
      ];
    case 'container/billable_instance_time':
      return one(s.billableInstanceSeconds);
    case 'container/max_request_concurrencies':
      return one(maxConcurrencyDistribution(s));
    case 'container/startup_latencies':
      return one(startupLatencyDistribution(s));
    case 'container/cpu/utilizations':
      return one(cpuUtilisationDistribution(s));
    case 'container/memory/utilizations':
      return one(memoryUtilisationDistribution(s));
  }
  throw new Error(metric);
}

/** The answer computed the plain way, from the same request parameters. */
function referenceAnswer(
  project: SandboxProject,
  query: URLSearchParams,
  now: number,
): TimeSeriesJson[] {
  const request = parseListTimeSeriesRequest(project.projectId, query);
  const metric = METRIC_REGISTRY.get(request.filter.metricType)!;
  const name = metric.type.slice('run.googleapis.com/'.length);
  const checked = checkAggregation(request.aggregation, metric);
  const plan =
    checked.periodSeconds === null
      ? planRaw(request.startMs, request.endMs, now)
      : planAligned(request.startMs, request.endMs, now, checked.periodSeconds);
  const series = new Map<
    string,
    { aligned: AlignedSeries; periods: PeriodAccumulator[] }
  >();
  for (const service of project.services.values()) {
    plan.periods.forEach((period, index) => {
      for (const minuteStart of period.minuteStarts) {
        const s = minuteSample(
          project,
          service,
          minuteStart,
          period.weight,
          false,
        );
        if (!s.deployed) continue;
        const resourceLabels = {
          project_id: project.projectId,
          service_name: service.name,
          configuration_name: service.name,
          location: service.region,
          revision_name: revisionNameFor(service, s.configVersion),
        };
        for (const [metricLabels, value] of referencePoints(name, s)) {
          const key = JSON.stringify([resourceLabels, metricLabels]);
          let entry = series.get(key);
          if (!entry) {
            const selected = evaluateFilter(
              request.filter.expr,
              seriesLookup({
                projectId: project.projectId,
                metricType: metric.type,
                resourceType: metric.resourceType,
                resourceLabels,
                metricLabels,
              }),
            );
            entry = {
              aligned: { resourceLabels, metricLabels, values: [] },
              periods: selected
                ? plan.periods.map(() => new PeriodAccumulator())
                : [],
            };
            series.set(key, entry);
          }
          entry.periods[index]?.add(value, period.weight);
        }
      }
    });
  }
  const aligned: AlignedSeries[] = [];
  for (const { aligned: one, periods } of series.values()) {
    if (periods.length === 0) continue;
    periods.forEach((accumulator, index) => {
      if (accumulator.weight > 0)
        one.values[index] = alignPeriod(
          request.aggregation.aligner,
          accumulator,
          plan.periodSeconds,
        );
    });
    aligned.push(one);
  }
  const reduced = reduceSeries(
    aligned,
    request.aggregation.reducer,
    request.aggregation.groupByFields,
    plan.periods.length,
  );
  const intervals = periodIntervals(plan, checked.output);
  const unit = alignedUnit(request.aggregation.aligner, metric.unit);
  return reduced
    .filter(s => s.values.some(v => v !== undefined))
    .sort((a, b) => {
      const ka = seriesSortKey(a);
      const kb = seriesSortKey(b);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    })
    .map(s => ({
      metric: { type: metric.type, labels: { ...s.metricLabels } },
      resource: { type: metric.resourceType, labels: { ...s.resourceLabels } },
      metricKind: checked.output.metricKind,
      valueType: checked.output.valueType,
      points: intervals.flatMap((interval, index) => {
        const value = s.values[index];
        return value === undefined
          ? []
          : [
              {
                interval,
                value: typedValueJson(value, checked.output.valueType),
              },
            ];
      }),
      unit,
    }));
}

const METRICS = [
  'request_count',
  'request_latencies',
  'container/instance_count',
  'container/billable_instance_time',
  'container/max_request_concurrencies',
  'container/startup_latencies',
  'container/cpu/utilizations',
  'container/memory/utilizations',
] as const;

const ALIGNER_NAMES = Object.keys(ALIGNERS) as AlignerName[];
const REDUCER_NAMES = Object.keys(REDUCERS) as ReducerName[];

/** An aligner and reducer for `metric`: among those that fit it, or (`any`) among all. */
function pickAggregation(
  metric: MetricDefinition,
  alignerPick: number,
  reducerPick: number,
  any: boolean,
): { aligner: AlignerName; reducer: ReducerName } {
  const input = { metricKind: metric.metricKind, valueType: metric.valueType };
  const fits = <T>(f: () => T): boolean => {
    try {
      f();
      return true;
    } catch {
      return false;
    }
  };
  const aligners = any
    ? ALIGNER_NAMES
    : ALIGNER_NAMES.filter(a => fits(() => alignedType(a, input)));
  const aligner = aligners[alignerPick % aligners.length]!;
  const aligned = fits(() => alignedType(aligner, input))
    ? alignedType(aligner, input)
    : input;
  const reducers = any
    ? REDUCER_NAMES
    : REDUCER_NAMES.filter(r => fits(() => reducedType(r, aligned)));
  return { aligner, reducer: reducers[reducerPick % reducers.length]! };
}

const serviceArb = fc.record({
  baseRps: fc.double({ min: 0, max: 60, noNaN: true }),
  diurnalAmplitude: fc.double({ min: 0, max: 0.9, noNaN: true }),
  noise: fc.double({ min: 0, max: 0.9, noNaN: true }),
  latencyP50Ms: fc.integer({ min: 5, max: 2000 }),
  errorRate5xx: fc.constantFrom(0, 0.001, 0.05),
  seed: fc.integer({ min: 1, max: 1000 }),
  minInstances: fc.integer({ min: 0, max: 3 }),
  maxInstances: fc.integer({ min: 1, max: 40 }),
  concurrency: fc.constantFrom(1, 5, 80),
  cpuIdle: fc.boolean(),
  // Created long ago, or a few hours before now (minutes before creation have no points).
  createdHoursAgo: fc.constantFrom(1000, 30, 5, 1),
});

const queryArb = fc.record({
  metric: fc.constantFrom(...METRICS),
  // Picks among the aligners and reducers that fit the metric (one in ten is any, a 400 both ways).
  alignerPick: fc.nat(),
  reducerPick: fc.nat(),
  anyAggregation: fc.nat({ max: 9 }),
  groupBy: fc.subarray([
    'resource.labels.service_name',
    'resource.labels.location',
    'metric.labels.response_code_class',
    'metric.labels.state',
  ]),
  // [interval, period] pairs the size of what the portal asks, scaled down.
  window: fc.constantFrom(
    [10 * MIN, 60],
    [HOUR, 300],
    [6 * HOUR, 3600],
    [30 * HOUR, 6 * 3600],
    [3 * 24 * HOUR, 24 * 3600],
  ),
  onlySome: fc.boolean(),
  endSecondsBefore: fc.integer({ min: 0, max: 50 }),
});

describe('timeSeries.list fast path against a plain reference', () => {
  it('gives the same answers on random fleets and queries, kept, restamped and after an edit', () => {
    fc.assert(
      fc.property(
        fc.array(serviceArb, { minLength: 1, maxLength: 3 }),
        queryArb,
        fc.constantFrom('UTC', 'Asia/Seoul', 'America/New_York'),
        (specs, q, timeZone) => {
          const services: SandboxRunService[] = specs.map((spec, i) => {
            const service = testService(
              'p',
              `svc-${i}`,
              steadyProfile({
                baseRps: spec.baseRps,
                diurnalAmplitude: spec.diurnalAmplitude,
                noise: spec.noise,
                latencyP50Ms: spec.latencyP50Ms,
                errorRate5xx: spec.errorRate5xx,
                seed: spec.seed,
              }),
              smallConfig({
                minInstances: Math.min(spec.minInstances, spec.maxInstances),
                maxInstances: spec.maxInstances,
                concurrency: spec.concurrency,
                cpuIdle: spec.cpuIdle,
              }),
              i % 2 === 0 ? 'us-central1' : 'asia-northeast3',
            );
            service.history[0]!.effectiveFrom =
              NOW - spec.createdHoursAgo * HOUR;
            return service;
          });
          const project = testProject('p', services, timeZone);
          let now = NOW;
          const api = createMonitoringApi({
            world: testWorld(project),
            clock: { now: () => now, advance() {}, set() {} },
          });
          const [span, period] = q.window as [number, number];
          const definition = METRIC_REGISTRY.get(
            `run.googleapis.com/${q.metric}`,
          )!;
          const { aligner, reducer } = pickAggregation(
            definition,
            q.alignerPick,
            q.reducerPick,
            q.anyAggregation === 0,
          );
          const filter = [
            `metric.type = "run.googleapis.com/${q.metric}"`,
            ...(q.onlySome
              ? ['resource.labels.service_name = one_of("svc-0", "svc-2")']
              : []),
          ].join(' AND ');
          const queryAt = (endMs: number) => {
            const query = new URLSearchParams({
              filter,
              'interval.startTime': new Date(endMs - span).toISOString(),
              'interval.endTime': new Date(endMs).toISOString(),
            });
            if (aligner !== 'ALIGN_NONE') {
              query.set('aggregation.alignmentPeriod', `${period}s`);
              query.set('aggregation.perSeriesAligner', aligner);
              query.set('aggregation.crossSeriesReducer', reducer);
              for (const field of q.groupBy)
                query.append('aggregation.groupByFields', field);
            }
            return query;
          };
          const call = (query: URLSearchParams): TimeSeriesJson[] | null => {
            const route = api.match({
              method: 'GET',
              path: '/v3/projects/p/timeSeries',
              query,
              body: undefined,
            })!;
            let response: SandboxResponse;
            try {
              response = route.handle() as SandboxResponse;
            } catch {
              return null; // an aggregation that does not fit the metric: 400 either way
            }
            const body = response.body as { timeSeries?: TimeSeriesJson[] };
            return JSON.parse(JSON.stringify(body.timeSeries ?? []));
          };
          const check = (query: URLSearchParams) => {
            const fast = call(query);
            if (fast === null) {
              expect(() => referenceAnswer(project, query, now)).toThrow();
              return;
            }
            expect(fast).toEqual(
              JSON.parse(JSON.stringify(referenceAnswer(project, query, now))),
            );
          };
          const end = Math.floor(NOW / MIN) * MIN;
          // Other metrics over the same minutes first: their samples (and each sample's minute before,
          // for cold starts) are cached for the query's.
          for (const [other, otherAligner] of [
            ['container/instance_count', 'ALIGN_MEAN'],
            ['container/startup_latencies', 'ALIGN_DELTA'],
          ]) {
            const warm = queryAt(end);
            warm.set('filter', `metric.type = "run.googleapis.com/${other}"`);
            if (aligner !== 'ALIGN_NONE') {
              warm.set('aggregation.perSeriesAligner', otherAligner!);
              warm.set('aggregation.crossSeriesReducer', 'REDUCE_SUM');
              warm.delete('aggregation.groupByFields');
            }
            check(warm);
          }
          check(queryAt(end));
          // Seconds later within the same minutes: the kept answer, with this query's intervals.
          check(queryAt(end + q.endSecondsBefore * 1000));
          check(queryAt(end));
          // An edit an hour ago (as a test may write one), then the same query again.
          services[0]!.history.push({
            effectiveFrom: NOW - HOUR,
            config: smallConfig({ minInstances: 2, maxInstances: 9 }),
          });
          check(queryAt(end));
          now += 5 * MIN;
          check(queryAt(end + 5 * MIN));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('counts cold starts of sampled hours after another metric read the same minutes', () => {
    // Noisy demand on concurrency 1: the instance count moves nearly every minute.
    const service = testService(
      'p',
      'svc-0',
      steadyProfile({
        baseRps: 30,
        noise: 0.9,
        diurnalAmplitude: 0.9,
        latencyP50Ms: 200,
      }),
      smallConfig({ concurrency: 1, maxInstances: 40 }),
    );
    const project = testProject('p', [service]);
    const api = createMonitoringApi({
      world: testWorld(project),
      clock: { now: () => NOW, advance() {}, set() {} },
    });
    const query = (metric: string, aligner: string) =>
      new URLSearchParams({
        filter: `metric.type = "run.googleapis.com/${metric}"`,
        'interval.startTime': new Date(NOW - 6 * HOUR).toISOString(),
        'interval.endTime': new Date(NOW).toISOString(),
        'aggregation.alignmentPeriod': '3600s',
        'aggregation.perSeriesAligner': aligner,
        'aggregation.crossSeriesReducer': 'REDUCE_SUM',
      });
    const call = (q: URLSearchParams) =>
      JSON.parse(
        JSON.stringify(
          (
            api
              .match({
                method: 'GET',
                path: '/v3/projects/p/timeSeries',
                query: q,
                body: undefined,
              })!
              .handle() as SandboxResponse
          ).body,
        ),
      ) as { timeSeries?: TimeSeriesJson[] };
    call(query('container/instance_count', 'ALIGN_MEAN'));
    const starts = query('container/startup_latencies', 'ALIGN_DELTA');
    const answer = call(starts).timeSeries ?? [];
    expect(answer[0]?.points.length).toBeGreaterThan(0);
    expect(answer).toEqual(
      JSON.parse(JSON.stringify(referenceAnswer(project, starts, NOW))),
    );
  });
});
