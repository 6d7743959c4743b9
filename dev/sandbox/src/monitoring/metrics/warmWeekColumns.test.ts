import { describe, expect, it } from 'vitest';
import type { SandboxResponse } from '../../api';
import {
  fleetProject,
  MONDAY_UTC,
  testWorld,
} from '../../traffic/testFixtures';
import type { SandboxWorld } from '../../world';
import { createMonitoringApi } from '../index';
import { warmWeekColumns } from './warmWeekColumns';

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
});
