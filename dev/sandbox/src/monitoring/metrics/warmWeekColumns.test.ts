import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SandboxResponse } from '../../api';
import {
  fleetProject,
  MONDAY_UTC,
  testWorld,
} from '../../traffic/testFixtures';
import type { SandboxWorld } from '../../world';
import { createMonitoringApi } from '../index';
import { MinuteSampler } from '../../traffic/SandboxTrafficModel';
import { minutesPerSource } from '../aggregation/alignmentPlan';
import { warmWeekColumns, weekPlanOf } from './warmWeekColumns';

const HOUR = 3_600_000;
const NOW = MONDAY_UTC + 9 * 24 * HOUR + 17 * 60_000 + 12_000;

function weekAnswer(world: SandboxWorld, metric: string, aligner: string) {
  const end = Math.floor(NOW / HOUR) * HOUR;
  const api = createMonitoringApi({
    world,
    clock: { now: () => NOW, advance() {}, set() {} },
  });
  const query = new URLSearchParams({
    filter: `metric.type = "run.googleapis.com/${metric}"`,
    'interval.startTime': new Date(end - 7 * 24 * HOUR).toISOString(),
    'interval.endTime': new Date(end).toISOString(),
    'aggregation.alignmentPeriod': '3600s',
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
}

describe('warmWeekColumns', () => {
  it("computes every service's week ahead; the week's answers are those of a sandbox not warmed", async () => {
    const warmed = testWorld(fleetProject('p', 4));
    const cold = testWorld(fleetProject('p', 4));
    expect(await warmWeekColumns(warmed, NOW)).toBe(4);
    for (const [metric, aligner] of [
      ['request_count', 'ALIGN_DELTA'],
      ['request_latencies', 'ALIGN_DELTA'],
      ['container/instance_count', 'ALIGN_MAX'],
    ] as const) {
      const answer = weekAnswer(warmed, metric, aligner);
      expect(answer.timeSeries).toHaveLength(4);
      expect(answer).toEqual(weekAnswer(cold, metric, aligner));
    }
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Model minutes a week's request-count query computes (none when it reads warmed columns). */
  function minutesComputedBy(world: SandboxWorld): number {
    const at = vi.spyOn(MinuteSampler.prototype, 'at');
    try {
      weekAnswer(world, 'request_count', 'ALIGN_DELTA');
      return at.mock.calls.length;
    } finally {
      at.mockRestore();
    }
  }

  it('warms the minutes a week query over the fleet reads: the query computes none', async () => {
    const warmed = testWorld(fleetProject('p', 4));
    expect(minutesComputedBy(testWorld(fleetProject('p', 4)))).toBe(4 * 1008);
    await warmWeekColumns(warmed, NOW);
    expect(minutesComputedBy(warmed)).toBe(0);
  });

  it('plans a fleet past the budget as its query does, and warms all of it', async () => {
    // 2,000 services at a minute in 10 would pass the sandbox's 2 M minutes a query: the query
    // samples a minute in 20, and so does the warm-up (one minute an hour at 10,000 services).
    expect(minutesPerSource(weekPlanOf(1000, NOW))).toBe(1008);
    expect(minutesPerSource(weekPlanOf(2000, NOW))).toBe(504);
    expect(minutesPerSource(weekPlanOf(10_000, NOW))).toBe(168);
    const fleet = testWorld(fleetProject('p', 2000));
    expect(await warmWeekColumns(fleet, NOW)).toBe(2000);
    expect(minutesComputedBy(fleet)).toBe(0);
  }, 60_000);
});
