import { describe, expect, it } from 'vitest';
import type { SandboxResponse } from '../api';
import { buildWorld } from '../scenarios';
import { minuteSample } from '../traffic/SandboxTrafficModel';
import { createMonitoringApi } from './index';
import type { ListTimeSeriesResponseJson } from './query/listTimeSeries';

/**
 * The 5xx ratio the portal shows for a day (one 24 h period, as the services page asks for it) must be
 * close to the profile's rate, even for rates far below one request a minute: the model rounds rare
 * codes per minute at random, and a sampled minute carries its period's share. (At a handful of
 * errors a day, e.g. 0.05 % of 6 requests a minute, the day's count is as noisy as a real one.)
 */

const NOW = Date.UTC(2024, 4, 6, 3, 0, 0);
const MIN = 60_000;
const world = buildWorld({
  scenarios: ['gryyd-web', 'scale-fleet'],
  services: 5,
  now: NOW - 90 * 86_400_000,
});
const api = createMonitoringApi({
  world,
  clock: { now: () => NOW, advance() {}, set() {} },
});

function dayRates(
  projectId: string,
): Map<string, { total: number; fiveXx: number }> {
  const query = new URLSearchParams({
    filter: 'metric.type = "run.googleapis.com/request_count"',
    'interval.startTime': new Date(NOW - 86_400_000).toISOString(),
    'interval.endTime': new Date(NOW).toISOString(),
    'aggregation.alignmentPeriod': '86400s',
    'aggregation.perSeriesAligner': 'ALIGN_RATE',
    'aggregation.crossSeriesReducer': 'REDUCE_SUM',
  });
  query.append('aggregation.groupByFields', 'resource.labels.service_name');
  query.append(
    'aggregation.groupByFields',
    'metric.labels.response_code_class',
  );
  const route = api.match({
    method: 'GET',
    path: `/v3/projects/${projectId}/timeSeries`,
    query,
    body: undefined,
  })!;
  const body = (route.handle() as SandboxResponse)
    .body as ListTimeSeriesResponseJson;
  const rates = new Map<string, { total: number; fiveXx: number }>();
  for (const series of body.timeSeries ?? []) {
    const entry = rates.get(series.resource.labels.service_name!) ?? {
      total: 0,
      fiveXx: 0,
    };
    const rate = (series.points[0]!.value as { doubleValue: number })
      .doubleValue;
    entry.total += rate;
    if (series.metric.labels.response_code_class === '5xx')
      entry.fiveXx += rate;
    rates.set(series.resource.labels.service_name!, entry);
  }
  return rates;
}

/** The ratio the profile implies over the same day: rate × served ÷ requests (429s count as requests). */
function expectedRatio(projectId: string, serviceName: string): number {
  const project = world.projects.get(projectId)!;
  const service = project.services.get(serviceName)!;
  let served = 0;
  let requests = 0;
  for (let t = NOW - 86_400_000; t < NOW; t += MIN) {
    const sample = minuteSample(project, service, t);
    served += sample.served;
    requests += sample.requests;
  }
  return (service.traffic.errorRate5xx * served) / requests;
}

describe('5xx ratio over 24 h', () => {
  it.each([
    ['gryyd-web', 'gryd-worker'], // 1 % of ~6 requests a minute
    ['gryyd-web', 'gryd-fe'], // 0.1 % of ~2,400 a minute
    ['scale-fleet', 'fleet-svc-0003'], // 0.11 % of ~36 a minute
  ])(
    "%s/%s: the day's ratio is within a quarter of the profile rate",
    (projectId, serviceName) => {
      const rates = dayRates(projectId).get(serviceName)!;
      const expected = expectedRatio(projectId, serviceName);
      expect(expected).toBeGreaterThan(0);
      expect(rates.fiveXx / rates.total / expected).toBeGreaterThan(0.75);
      expect(rates.fiveXx / rates.total / expected).toBeLessThan(1.25);
    },
  );
});
