/**
 * The columnar walk (collectColumnSeries: minute columns, one accumulator per series, no object per
 * minute) against the object path it replaces for Cloud Run (collectAlignedSeries: a sample and points
 * per minute, PeriodAccumulator and Distribution objects), on random services, edits and plans, long
 * sampled windows included (a week at 1 h: 6 sampled minutes per hour, each weighted 10). The aligned
 * series, their order and their values must be identical, before and after the columns are kept.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MONDAY_UTC,
  smallConfig,
  steadyProfile,
  testProject,
  testService,
} from '../../traffic/testFixtures';
import type { SandboxRunService } from '../../world';
import { alignedType } from '../aggregation/aligners';
import { planAligned, planRaw } from '../aggregation/alignmentPlan';
import { parseTimeSeriesFilter } from '../filter/FilterParser';
import { allColumnSources, isColumnarMetric } from '../metrics/columnPoints';
import { CLOUD_RUN_METRICS } from '../metrics/cloudRunMetrics';
import { ALIGNERS, type AlignerName } from '../request/aggregationEnums';
import { collectColumnSeries } from './collectColumnSeries';
import { collectAlignedSeries, selectedSources } from './collectSeries';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = MONDAY_UTC + 9 * DAY + 13 * HOUR + 17 * MIN + 41_000;

const serviceArb = fc.record({
  baseRps: fc.double({ min: 0, max: 60, noNaN: true }),
  noise: fc.double({ min: 0, max: 0.9, noNaN: true }),
  latencyP50Ms: fc.integer({ min: 5, max: 5000 }),
  errorRate5xx: fc.constantFrom(0, 0.001, 0.05),
  seed: fc.integer({ min: 1, max: 1000 }),
  maxInstances: fc.integer({ min: 1, max: 40 }),
  concurrency: fc.constantFrom(1, 5, 80),
  cpuIdle: fc.boolean(),
  createdHoursAgo: fc.constantFrom(1000, 100, 5),
  // An edit some hours ago: a new revision, or the same one (an edit outside the template).
  editHoursAgo: fc.option(fc.integer({ min: 1, max: 150 })),
  editKeepsRevision: fc.boolean(),
});

const ALIGNER_NAMES = Object.keys(ALIGNERS) as AlignerName[];

describe('collectColumnSeries against collectAlignedSeries', () => {
  it('aligns the same series with the same values, computed and kept', () => {
    fc.assert(
      fc.property(
        fc.array(serviceArb, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...CLOUD_RUN_METRICS.keys()),
        fc.nat(),
        fc.constantFrom(
          [7 * DAY, 3600],
          [2 * DAY, 3600],
          [DAY, 300],
          [3 * HOUR, 60],
          [30 * HOUR, 6 * 3600],
          [3 * DAY, 24 * 3600],
          [20 * MIN, 0], // raw minutes (ALIGN_NONE)
        ),
        fc.constantFrom('UTC', 'Asia/Seoul'),
        (specs, metricType, alignerPick, window, timeZone) => {
          const services: SandboxRunService[] = specs.map((spec, i) => {
            const service = testService(
              'p',
              `svc-${i}`,
              steadyProfile({
                baseRps: spec.baseRps,
                diurnalAmplitude: 0.6,
                noise: spec.noise,
                latencyP50Ms: spec.latencyP50Ms,
                errorRate5xx: spec.errorRate5xx,
                seed: spec.seed,
              }),
              smallConfig({
                maxInstances: spec.maxInstances,
                concurrency: spec.concurrency,
                cpuIdle: spec.cpuIdle,
              }),
            );
            service.history[0]!.effectiveFrom =
              NOW - spec.createdHoursAgo * HOUR;
            service.history[0]!.revision = `svc-${i}-00001-abc`;
            if (spec.editHoursAgo !== null)
              service.history.push({
                effectiveFrom: NOW - spec.editHoursAgo * HOUR,
                config: smallConfig({ minInstances: 2, maxInstances: 9 }),
                revision: spec.editKeepsRevision
                  ? `svc-${i}-00001-abc`
                  : `svc-${i}-00002-xyz`,
              });
            return service;
          });
          const project = testProject('p', services, timeZone);
          const metric = CLOUD_RUN_METRICS.get(metricType)!;
          const [span, periodSeconds] = window as [number, number];
          const input = {
            metricKind: metric.metricKind,
            valueType: metric.valueType,
          };
          const fitting = ALIGNER_NAMES.filter(aligner => {
            if (aligner === 'ALIGN_NONE') return periodSeconds === 0;
            if (periodSeconds === 0) return false;
            try {
              alignedType(aligner, input);
              return true;
            } catch {
              return false;
            }
          });
          const aligner = fitting[alignerPick % fitting.length]!;
          const end = Math.floor(NOW / MIN) * MIN;
          const plan =
            periodSeconds === 0
              ? planRaw(end - span, end, NOW)
              : planAligned(end - span, end, NOW, periodSeconds);
          const filter = parseTimeSeriesFilter(
            `metric.type = "${metricType}" AND resource.labels.service_name != "svc-2"`,
          ).expr;
          const sources = () => selectedSources(project, metric, filter);
          const objects = collectAlignedSeries(
            project,
            metric,
            sources(),
            filter,
            plan,
            aligner,
          );
          if (!isColumnarMetric(metric)) throw new Error(metricType);
          for (let round = 0; round < 2; round++) {
            // Round 0 computes the columns, round 1 reads the kept ones.
            const list = sources();
            if (!allColumnSources(list)) throw new Error('not columns');
            const columns = collectColumnSeries(
              project,
              metric,
              list,
              filter,
              plan,
              aligner,
            );
            expect(columns).toEqual(objects);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
