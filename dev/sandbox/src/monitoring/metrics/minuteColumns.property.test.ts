/**
 * Kept minute columns (minuteColumns: per plan, rows copied from the short plans and the warm-up's
 * recent minutes computed before) against the straightforward computation (buildMinuteColumns with
 * nothing kept), over random runs of a portal's short queries as sandbox time passes, with the
 * warm-up and edits in between: every column of every plan must be the same, bit for bit, and an
 * edit must show in the next plan's columns.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MONDAY_UTC,
  smallConfig,
  steadyProfile,
  testProject,
  testService,
  testWorld,
} from '../../traffic/testFixtures';
import { planAligned, planRaw } from '../aggregation/alignmentPlan';
import {
  buildMinuteColumns,
  minuteColumns,
  type MinuteColumns,
} from './minuteColumns';
import { warmRecentColumns } from './warmRecentColumns';

const MIN = 60_000;
const HOUR = 60 * MIN;
const START = MONDAY_UTC + 9 * 24 * HOUR + 13 * HOUR + 17 * MIN + 41_000;

/** A step of the run: time passes, the warm-up runs, an edit lands, or a query asks for its plan. */
const stepArb = fc.oneof(
  fc.record({ waitSeconds: fc.integer({ min: 1, max: 1_500 }) }),
  fc.record({ warm: fc.constant(true) }),
  fc.record({
    edit: fc.nat(2),
    maxInstances: fc.integer({ min: 1, max: 30 }),
    keepsRevision: fc.boolean(),
  }),
  fc.record({
    // The overview's and the services page's short reads (1 h at 1 h, 5 min at 5 min, 1 h of minutes).
    query: fc.constantFrom(
      [HOUR, 3600],
      [5 * MIN, 300],
      [HOUR, 60],
      [30 * MIN, 0],
    ),
    nowLagSeconds: fc.integer({ min: 0, max: 90 }),
  }),
);

function plainColumns(columns: MinuteColumns): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(columns).map(([key, value]) => [
      key,
      ArrayBuffer.isView(value) ? [...(value as Float64Array)] : value,
    ]),
  );
}

describe('kept minute columns against computing them', () => {
  it('every plan of a run of short queries, warm-ups and edits has the computed columns', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 1000 }),
        async (steps, seed) => {
          const services = [0, 1, 2].map(i => {
            const service = testService(
              'p',
              `svc-${i}`,
              steadyProfile({
                baseRps: 3 + 7 * i,
                diurnalAmplitude: 0.6,
                noise: 0.4,
                errorRate5xx: 0.01,
                seed: seed + i,
              }),
              smallConfig({ maxInstances: 4, concurrency: 5 }),
            );
            service.history[0]!.effectiveFrom = START - 50 * HOUR;
            service.history[0]!.revision = `svc-${i}-00001-abc`;
            return service;
          });
          const project = testProject('p', services);
          const world = testWorld(project);
          let now = START;
          for (const step of steps) {
            if ('waitSeconds' in step) now += step.waitSeconds * 1000;
            else if ('warm' in step) await warmRecentColumns(world, now);
            else if ('edit' in step) {
              const service = services[step.edit]!;
              service.history.push({
                effectiveFrom: now,
                config: smallConfig({
                  maxInstances: step.maxInstances,
                  concurrency: 5,
                }),
                revision: step.keepsRevision
                  ? service.history[service.history.length - 1]!.revision!
                  : `svc-${step.edit}-0000${service.history.length + 1}-xyz`,
              });
            } else {
              const [span, periodSeconds] = step.query as [number, number];
              const end = now - step.nowLagSeconds * 1000;
              const plan =
                periodSeconds === 0
                  ? planRaw(end - span, end, now)
                  : planAligned(end - span, end, now, periodSeconds);
              for (const service of services)
                expect(
                  plainColumns(minuteColumns(project, service, plan, true)),
                ).toEqual(
                  plainColumns(buildMinuteColumns(project, service, plan)),
                );
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('an edit after the warm-up shows in the next plan, though its minutes were computed ahead', async () => {
    const service = testService(
      'p',
      'svc',
      steadyProfile({ baseRps: 40, noise: 0, seed: 3 }),
      smallConfig({ maxInstances: 20, concurrency: 5 }),
    );
    service.history[0]!.effectiveFrom = START - 50 * HOUR;
    service.history[0]!.revision = 'svc-00001-abc';
    const project = testProject('p', [service]);
    await warmRecentColumns(testWorld(project), START);
    // Scaled down to one instance from now on; five minutes later the last five minutes are read.
    service.history.push({
      effectiveFrom: START,
      config: smallConfig({ maxInstances: 1, concurrency: 5 }),
      revision: 'svc-00002-xyz',
    });
    const later = START + 5 * MIN;
    const plan = planAligned(later - 5 * MIN, later, later, 300);
    const columns = minuteColumns(project, service, plan, true);
    expect(plainColumns(columns)).toEqual(
      plainColumns(buildMinuteColumns(project, service, plan)),
    );
    expect(Math.max(...columns.instances)).toBe(1);
    expect([...columns.configVersion]).toContain(1);
  });
});
