/**
 * Cloud Run resource sources are kept per project between queries (cloudRunMetrics.ts `keptSources`)
 * and the recent minutes are warmed ahead (warmRecentColumns.ts): the overview's last-hour and
 * last-5-minutes answers must stay those of a world that kept nothing, through a scaling edit, a new
 * traffic profile, a new service and a removed one, each showing in the next answer.
 */
import { describe, expect, it } from 'vitest';
import type { SandboxResponse } from '../../api';
import {
  fleetProject,
  MONDAY_UTC,
  smallConfig,
  steadyProfile,
  testService,
  testWorld,
} from '../../traffic/testFixtures';
import type { SandboxProject, SandboxWorld } from '../../world';
import { createMonitoringApi } from '../index';
import { warmRecentColumns } from './warmRecentColumns';

const MIN = 60_000;
const HOUR = 60 * MIN;
const START = MONDAY_UTC + 9 * 24 * HOUR + 17 * MIN + 12_000;

const apis = new WeakMap<
  SandboxWorld,
  { clock: { at: number }; api: ReturnType<typeof createMonitoringApi> }
>();

/** The overview's summaries: requests per service over the last hour, instances over the last 5 minutes. */
function summaries(world: SandboxWorld, now: number) {
  // One API per world, as in a sandbox: its computed answers are kept between calls.
  let sandbox = apis.get(world);
  if (!sandbox) {
    const clock = { at: now };
    sandbox = {
      clock,
      api: createMonitoringApi({
        world,
        clock: { now: () => clock.at, advance() {}, set() {} },
      }),
    };
    apis.set(world, sandbox);
  }
  sandbox.clock.at = now;
  const api = sandbox.api;
  return (
    [
      ['request_count', HOUR, '3600s', 'ALIGN_DELTA'],
      ['container/instance_count', 5 * MIN, '300s', 'ALIGN_MAX'],
    ] as const
  ).map(([metric, span, period, aligner]) => {
    const query = new URLSearchParams({
      filter: `metric.type = "run.googleapis.com/${metric}"`,
      'interval.startTime': new Date(now - span).toISOString(),
      'interval.endTime': new Date(now).toISOString(),
      'aggregation.alignmentPeriod': period,
      'aggregation.perSeriesAligner': aligner,
      'aggregation.crossSeriesReducer': 'REDUCE_SUM',
      'aggregation.groupByFields': 'resource.labels.service_name',
    });
    const route = api.match({
      method: 'GET',
      path: '/v3/projects/p/timeSeries',
      query,
      body: undefined,
    })!;
    return JSON.parse(JSON.stringify((route.handle() as SandboxResponse).body));
  });
}

/** The same changes applied to a kept world and to a fresh copy before each comparison. */
type Change = (project: SandboxProject, now: number) => void;

const changes: Array<[string, Change]> = [
  [
    'scaled svc-001 down to one instance',
    (project, now) => {
      const service = project.services.get('svc-001')!;
      service.history.push({
        effectiveFrom: now,
        config: smallConfig({ maxInstances: 1 }),
        revision: 'svc-001-00002-xyz',
      });
    },
  ],
  [
    'a new traffic profile for svc-002',
    project => {
      const service = project.services.get('svc-002')!;
      service.traffic = steadyProfile({ baseRps: 90, seed: 77 });
    },
  ],
  [
    'a new service',
    (project, now) => {
      const service = testService('p', 'svc-new', steadyProfile({ seed: 5 }));
      service.history[0]!.effectiveFrom = now - 2 * HOUR;
      project.services.set(service.name, service);
    },
  ],
  ['svc-000 removed', project => void project.services.delete('svc-000')],
];

describe('kept sources and warmed recent minutes', () => {
  it('answer as a world that kept nothing, and each change shows in the next answer', async () => {
    const kept = testWorld(fleetProject('p', 4));
    await warmRecentColumns(kept, START);
    let now = START + 30_000;
    expect(summaries(kept, now)).toEqual(
      summaries(testWorld(fleetProject('p', 4)), now),
    );
    const applied: Array<[Change, number]> = [];
    /** A world that kept nothing, with the first `count` changes applied as they were. */
    const fresh = (count: number) => {
      const world = testWorld(fleetProject('p', 4));
      for (const [change, at] of applied.slice(0, count))
        change(world.projects.get('p')!, at);
      return world;
    };
    for (const [what, change] of changes) {
      change(kept.projects.get('p')!, now);
      applied.push([change, now]);
      // At once, over the very minutes of the answers kept before the change.
      expect(summaries(kept, now), what).toEqual(
        summaries(fresh(applied.length), now),
      );
      now += 3 * MIN;
      const after = summaries(kept, now);
      expect(after, what).toEqual(summaries(fresh(applied.length), now));
      // The change shows: without it the same query answers otherwise.
      expect(after, what).not.toEqual(
        summaries(fresh(applied.length - 1), now),
      );
    }
  });
});
