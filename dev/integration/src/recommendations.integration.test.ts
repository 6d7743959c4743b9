/**
 * Right-sizing recommendations through HTTP against the sandbox (docs/recommendations.md): the list
 * across the four scenarios finds chat-history's Redis-unsafe max, avocano-api's idle minimum and the
 * fleet's oversized services, and a saving is recomputed by hand here — from the raw Monitoring
 * figures read with the official client and the documented prices (docs/sandbox.md, "Cloud Billing
 * Catalog"), not from the plugin's code. Deterministic: the sandbox starts at a fixed time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricServiceClient } from '@google-cloud/monitoring';
import { googleClientOptions } from '@gcp-serverless/plugin-backend';
import type {
  Recommendation,
  RecommendationListResponse,
} from '@gcp-serverless/common';
import { startPinnedBackend, type PinnedBackend } from './startPinnedBackend';

/** Tue 24 Nov 2026 12:00 UTC, the what-if tests' week. */
const NOW = Date.UTC(2026, 10, 24, 12, 0);
const HOUR_MS = 3_600_000;
const SCENARIOS = ['gryyd-web', 'avocano-shop', 'chat-realtime', 'scale-fleet'];
const FLEET_SIZE = 40;

let backend: PinnedBackend;
let list: RecommendationListResponse;

beforeAll(async () => {
  backend = await startPinnedBackend({
    now: NOW,
    scenarios: SCENARIOS,
    services: FLEET_SIZE,
  });
  const res = await fetch(`${backend.api}/recommendations`);
  expect(res.status).toBe(200);
  list = (await res.json()) as RecommendationListResponse;
}, 600_000);
afterAll(async () => {
  await backend?.close();
});

const find = (projectId: string, service: string) =>
  list.recommendations.find(
    r => r.projectId === projectId && r.service === service,
  );

/** Hourly points of one metric of one service, oldest first, read with the official client. */
async function hourly(
  service: string,
  projectId: string,
  metric: string,
  aligner: 'ALIGN_DELTA' | 'ALIGN_MAX',
): Promise<Map<number, number>> {
  const client = new MetricServiceClient(
    googleClientOptions(backend.config) as never,
  );
  try {
    const [series] = await client.listTimeSeries({
      name: `projects/${projectId}`,
      filter: `metric.type = "run.googleapis.com/${metric}" AND resource.labels.service_name = "${service}"`,
      interval: {
        startTime: { seconds: (NOW - 7 * 24 * HOUR_MS) / 1000 },
        endTime: { seconds: NOW / 1000 },
      },
      aggregation: {
        alignmentPeriod: { seconds: 3600 },
        perSeriesAligner: aligner,
        crossSeriesReducer: 'REDUCE_SUM',
        groupByFields: ['resource.labels.service_name'],
      },
    });
    const out = new Map<number, number>();
    for (const p of series[0]?.points ?? []) {
      const end = Number(p.interval!.endTime!.seconds) * 1000;
      const v = p.value!;
      out.set(
        end - HOUR_MS,
        v.distributionValue
          ? Number(v.distributionValue.mean ?? 0)
          : Number(v.int64Value ?? v.doubleValue ?? 0),
      );
    }
    return out;
  } finally {
    await client.close();
  }
}

describe('GET /recommendations', () => {
  it('answers one list across the projects, most saving first, with the total and the snapshot age', () => {
    expect(list.projects.map(p => p.projectId).sort()).toEqual(
      [...SCENARIOS].sort(),
    );
    expect(list.errors).toEqual([]);
    const savings = list.recommendations.map(r => r.monthlySaving);
    expect(savings).toEqual([...savings].sort((a, b) => b - a));
    expect(list.totals.monthlySaving).toBeCloseTo(
      savings.filter(s => s > 0).reduce((a, b) => a + b, 0),
      6,
    );
    expect(list.totals.monthlySaving).toBeGreaterThan(0);
    // Computed on the sandbox clock, which runs on from NOW.
    expect(Date.parse(list.snapshot.computedAt)).toBeGreaterThanOrEqual(NOW);
  });

  it("finds chat-history's Redis-unsafe max: 1,000 × 80 connections on chat-redis", () => {
    const r = find('chat-realtime', 'chat-history')!;
    expect(r).toBeDefined();
    const redis = r.reasons.find(x => x.rule === 'redis-unsafe-max')!;
    expect(redis.message).toContain('chat-redis: max 1,000 × 80 connections');
    expect(redis.message).toContain('of 65,000 connected clients');
    // chatservice keeps 2 connections per container: (65,000 − 1,000 × 2) ÷ 80 = 787.
    expect(r.suggested.maxInstances).toBeLessThanOrEqual(787);
    expect(r.suggested.maxInstances).toBeGreaterThanOrEqual(
      r.risk.current.peakInstances,
    );
    expect(r.risk.suggested.hoursAtMax).toBe(0);
  });

  it("finds avocano-api's idle minimum, and its saving is what the hourly figures give", async () => {
    const r = find('avocano-shop', 'avocano-api')!;
    expect(r).toBeDefined();
    expect(r.reasons.map(x => x.rule)).toContain('idle-min');
    expect(r.current.minInstances).toBe(1);
    expect(r.suggested.minInstances).toBe(0);
    // By hand: requests arrived in every hour of the week (avocano never goes quiet), so the
    // autoscaler keeps at least one instance busy every hour by itself; min 1 adds no instance-hour
    // and no idle min-instance time: the saving is $0 and min 0 adds no scale-up from zero.
    const requests = await hourly(
      'avocano-api',
      'avocano-shop',
      'request_count',
      'ALIGN_DELTA',
    );
    expect(requests.size).toBe(168);
    expect(Math.min(...requests.values())).toBeGreaterThan(0);
    expect(r.monthlySaving).toBeCloseTo(0, 6);
    expect(r.risk.suggested.hourlyScaleUps).toBe(r.risk.current.hourlyScaleUps);
  });

  it("finds the fleet's oversized services, and a saving recomputed by hand from Monitoring and the price list agrees", async () => {
    const fleet = list.recommendations.filter(
      r => r.projectId === 'scale-fleet',
    );
    const oversized = fleet.filter(r =>
      r.reasons.some(x => x.rule === 'idle-min' || x.rule === 'max-above-peak'),
    );
    expect(oversized.length).toBeGreaterThanOrEqual(5);
    const saving = oversized.filter(r => r.monthlySaving > 0);
    expect(saving.length).toBeGreaterThan(0);

    // The largest saving of an instance-based service (every instance billed for the whole hour).
    const world = backend.sandbox.world.projects.get('scale-fleet')!;
    const instanceBased = (r: Recommendation) =>
      [...world.services.values()]
        .find(s => s.name === r.service)!
        .history.at(-1)!.config.cpuIdle === false;
    const pick = saving.find(instanceBased)!;
    expect(pick).toBeDefined();
    const svc = [...world.services.values()].find(
      s => s.name === pick.service,
    )!;
    const cfg = svc.history.at(-1)!.config;
    expect(svc.region).toBe('us-central1'); // tier 1 prices
    const { cpu, memoryGiB } = cfg;
    const [requests, latency, peaks] = await Promise.all([
      hourly(pick.service, 'scale-fleet', 'request_count', 'ALIGN_DELTA'),
      hourly(pick.service, 'scale-fleet', 'request_latencies', 'ALIGN_DELTA'),
      hourly(
        pick.service,
        'scale-fleet',
        'container/instance_count',
        'ALIGN_MAX',
      ),
    ]);
    const hours = [...requests.keys(), ...peaks.keys()]
      .filter((t, i, all) => all.indexOf(t) === i)
      .sort((a, b) => a - b);
    const first = hours[0]!;
    const week: number[] = [];
    for (let t = first; t < NOW; t += HOUR_MS) week.push(t);
    // Service time: the hour's mean latency; an hour at max (instances ≥ max − ½) takes the median
    // of the other hours' latencies (docs/what-if.md, "Service time").
    const max = pick.current.maxInstances;
    const saturated = (t: number) => (peaks.get(t) ?? 0) >= max - 0.5;
    const unsaturated = week
      .filter(t => !saturated(t) && (latency.get(t) ?? 0) > 0)
      .map(t => latency.get(t)!)
      .sort((a, b) => a - b);
    const mid = Math.floor(unsaturated.length / 2);
    const baseline =
      unsaturated.length % 2
        ? unsaturated[mid]!
        : (unsaturated[mid - 1]! + unsaturated[mid]!) / 2;
    // Instance-based price of the container, tier 1: $0.000018 per vCPU-s + $0.000002 per GiB-s.
    const perInstanceHour = 3600 * (cpu * 0.000018 + memoryGiB * 0.000002);
    const monthly = (s: {
      minInstances: number;
      maxInstances: number;
      concurrency: number;
    }) => {
      let weekCost = 0;
      for (const t of week) {
        const seconds =
          (!saturated(t) && (latency.get(t) ?? 0) > 0
            ? latency.get(t)!
            : baseline) / 1000;
        const inFlight = ((requests.get(t) ?? 0) / 3600) * seconds;
        const wanted =
          inFlight > 0 ? Math.ceil(inFlight / (s.concurrency * 0.6)) : 0;
        const instances = Math.min(
          Math.max(wanted, s.minInstances),
          s.maxInstances,
        );
        weekCost += instances * perInstanceHour;
      }
      return (weekCost * 730) / week.length;
    };
    const byHand = monthly(pick.current) - monthly(pick.suggested);
    expect(byHand).toBeGreaterThan(0);
    expect(pick.monthlySaving).toBeCloseTo(byHand, 6);
    expect(pick.currency).toBe('USD');
  });

  it('refuses an unknown order with a field-level 400', async () => {
    const res = await fetch(`${backend.api}/recommendations?sort=cheapest`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toContain('sort');
  });
});
