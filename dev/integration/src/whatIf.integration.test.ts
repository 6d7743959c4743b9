/**
 * The what-if model against the sandbox's own traffic model (docs/what-if.md, "How good it is"). For a
 * proposed change per scenario, the backend reads the measured week through the official Monitoring
 * client and replays it (common/src/whatIf); the truth is the sandbox's traffic model run over the
 * same week in a world where the proposal had been in force all along. Deterministic: the sandbox
 * starts at a fixed time and the week ends at that time, so real time passing changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildWorld,
  minuteSample,
  type SandboxWorld,
} from '@gcp-serverless/sandbox';
import {
  replayCost,
  type ReplayTotals,
  type ScalingSettings,
  type WhatIfReport,
} from '@gcp-serverless/common';
import { startPinnedBackend, type PinnedBackend } from './startPinnedBackend';

/** Tue 24 Nov 2026 12:00 UTC: the week before it holds every scenario's weekly peaks. */
const NOW = Date.UTC(2026, 10, 24, 12, 0);
const WEEK_MS = 7 * 24 * 3_600_000;
const SCENARIOS = ['gryyd-web', 'avocano-shop', 'chat-realtime', 'scale-fleet'];
const FLEET_SIZE = 12;

let backend: PinnedBackend;

beforeAll(async () => {
  backend = await startPinnedBackend({
    now: NOW,
    scenarios: SCENARIOS,
    services: FLEET_SIZE,
    config: { capacity: { whatIf: true } },
  });
});
afterAll(async () => {
  await backend?.close();
});

/** The sandbox's traffic model over the week in a fresh world where `proposed` was always in force. */
function truthOf(
  projectId: string,
  name: string,
  proposed: ScalingSettings,
): ReplayTotals & { busy: number; idle: number } {
  const world: SandboxWorld = buildWorld({
    now: NOW,
    scenarios: SCENARIOS,
    services: FLEET_SIZE,
  });
  const project = world.projects.get(projectId)!;
  const service = [...project.services.values()].find(s => s.name === name)!;
  service.history = service.history.map(v => ({
    ...v,
    config: { ...v.config, ...proposed },
  }));
  const totals = {
    minutes: 0,
    requests: 0,
    refused: 0,
    refusedShare: 0,
    minutesAtMax: 0,
    coldStarts: 0,
    instanceHours: 0,
    peakInstances: 0,
    busyInstanceSeconds: 0,
    idleInstanceSeconds: 0,
    busy: 0,
    idle: 0,
  };
  let first = true;
  for (let t = NOW - WEEK_MS; t < NOW; t += 60_000) {
    const s = minuteSample(project, service, t);
    if (!s.deployed) continue;
    totals.minutes++;
    totals.requests += s.requests;
    totals.refused += s.refused;
    const demand = s.utilisation * s.instances * proposed.concurrency;
    const wanted = Math.ceil(demand / (proposed.concurrency * 0.6));
    if (s.requests > 0 && wanted >= proposed.maxInstances)
      totals.minutesAtMax++;
    if (!first) totals.coldStarts += s.coldStarts;
    first = false;
    totals.instanceHours += s.instances / 60;
    totals.peakInstances = Math.max(totals.peakInstances, s.instances);
    const idle = s.config.cpuIdle
      ? Math.max(
          0,
          Math.min(proposed.minInstances, s.instances) - s.activeInstances,
        ) * 60
      : 0;
    totals.idleInstanceSeconds += idle;
    totals.busyInstanceSeconds += s.billableInstanceSeconds - idle;
  }
  totals.refusedShare = totals.requests ? totals.refused / totals.requests : 0;
  return totals;
}

interface Case {
  projectId: string;
  name: string;
  proposed: ScalingSettings;
  why: string;
}

/** Relative error, |a − b| ÷ max(|b|, floor). */
const relative = (model: number, truth: number, floor = 1e-9) =>
  Math.abs(model - truth) / Math.max(Math.abs(truth), floor);

/** Model vs truth for one case; also kept for the table printed at the end. */
async function compare(c: Case) {
  const { region } = serviceOf(c);
  const report: WhatIfReport = await backend.services.whatIf.report(
    { projectId: c.projectId, region, name: c.name },
    c.proposed,
    NOW,
  );
  const truth = truthOf(c.projectId, c.name, c.proposed);
  const model = report.proposed.totals;
  const { cpu, memoryGiB, cpuIdle } = serviceOf(c).history.at(-1)!.config;
  const truthCost = replayCost(
    truth,
    { cpu, memoryGiB, cpuIdle },
    report.prices,
  );
  return {
    report,
    truth,
    errors: {
      /** Refused requests: the difference in percentage points of all requests. */
      refusedPoints:
        (Math.abs(model.refused - truth.refused) / truth.requests) * 100,
      instanceHours: relative(model.instanceHours, truth.instanceHours),
      minutesAtMax: Math.abs(model.minutesAtMax - truth.minutesAtMax),
      coldStarts: relative(model.coldStarts, truth.coldStarts, 1),
      monthlyCost: relative(report.proposed.cost.monthly, truthCost.monthly),
    },
  };
}

function serviceOf(c: Case) {
  return [
    ...backend.sandbox.world.projects.get(c.projectId)!.services.values(),
  ].find(s => s.name === c.name)!;
}

const CASES: Case[] = [
  {
    projectId: 'gryyd-web',
    name: 'gryd-worker',
    proposed: { minInstances: 0, maxInstances: 30, concurrency: 1 },
    why: 'raise the queue worker’s max 10 → 30',
  },
  {
    projectId: 'gryyd-web',
    name: 'gryd-be',
    proposed: { minInstances: 0, maxInstances: 2, concurrency: 4 },
    why: 'squeeze the API to 2 × 4',
  },
  {
    projectId: 'avocano-shop',
    name: 'avocano-api',
    proposed: { minInstances: 0, maxInstances: 2, concurrency: 20 },
    why: 'drop the idle minimum and cap the flash sale',
  },
  {
    projectId: 'chat-realtime',
    name: 'chatservice',
    proposed: { minInstances: 1, maxInstances: 200, concurrency: 250 },
    why: 'cap WebSocket instances at 200',
  },
];

/**
 * scale-fleet: the generated service that needs the most instances (demand × latency) gets a max of 1,
 * so the peaks refuse; the first with a warm minimum loses it.
 */
function fleetCases(): Case[] {
  const fleet = buildWorld({
    now: NOW,
    scenarios: ['scale-fleet'],
    services: FLEET_SIZE,
  }).projects.get('scale-fleet')!;
  const all = [...fleet.services.values()];
  const load = (s: (typeof all)[number]) =>
    (s.traffic.baseRps * s.traffic.latencyP50Ms) /
    s.history.at(-1)!.config.concurrency;
  const busiest = [...all].sort((a, b) => load(b) - load(a))[0]!;
  const warm = all.find(s => s.history.at(-1)!.config.minInstances > 0)!;
  const settings = (s: (typeof all)[number]) => s.history.at(-1)!.config;
  return [
    {
      projectId: 'scale-fleet',
      name: busiest.name,
      proposed: {
        minInstances: 0,
        maxInstances: 1,
        concurrency: settings(busiest).concurrency,
      },
      why: 'the busiest generated service capped at one instance',
    },
    {
      projectId: 'scale-fleet',
      name: warm.name,
      proposed: {
        minInstances: 0,
        maxInstances: settings(warm).maxInstances,
        concurrency: settings(warm).concurrency,
      },
      why: 'a generated service without its warm minimum',
    },
  ];
}
CASES.push(...fleetCases());

/**
 * The documented error bounds (docs/what-if.md, "How good it is"): refused requests within 3
 * percentage points of all requests, instance-hours and monthly cost within 8 %, minutes at max within
 * 5 % of the week's minutes, cold starts within 5 % except for queue targets (not bounded).
 */
const BOUNDS = {
  refusedPoints: 3,
  instanceHours: 0.08,
  monthlyCost: 0.08,
  minutesAtMaxShare: 0.05,
  coldStarts: 0.05,
};

const table: string[] = [];

describe('what-if model against the sandbox traffic model (docs/what-if.md)', () => {
  it.each(CASES)('$projectId/$name: $why', async c => {
    const { report, truth, errors } = await compare(c);
    const model = report.proposed.totals;
    table.push(
      `| ${c.projectId}/${c.name} | ${c.proposed.minInstances}/${c.proposed.maxInstances}/${c.proposed.concurrency} | ` +
        `${Math.round(model.refused)} vs ${
          truth.refused
        } (${errors.refusedPoints.toFixed(2)} pt) | ` +
        `${model.instanceHours.toFixed(1)} vs ${truth.instanceHours.toFixed(
          1,
        )} (${(errors.instanceHours * 100).toFixed(1)} %) | ` +
        `${model.minutesAtMax} vs ${truth.minutesAtMax} | ${model.coldStarts} vs ${truth.coldStarts} | ` +
        `${(errors.monthlyCost * 100).toFixed(1)} % |`,
    );
    expect(report.window.minutes).toBe(truth.minutes);
    expect(errors.refusedPoints).toBeLessThanOrEqual(BOUNDS.refusedPoints);
    expect(errors.instanceHours).toBeLessThanOrEqual(BOUNDS.instanceHours);
    expect(errors.monthlyCost).toBeLessThanOrEqual(BOUNDS.monthlyCost);
    expect(errors.minutesAtMax / truth.minutes).toBeLessThanOrEqual(
      BOUNDS.minutesAtMaxShare,
    );
    if (report.demand === 'arrivals')
      expect(errors.coldStarts).toBeLessThanOrEqual(BOUNDS.coldStarts);
  });

  it('raising gryd-worker’s max shows the 429s it removes and what it costs', async () => {
    const report = await backend.services.whatIf.report(
      {
        projectId: 'gryyd-web',
        region: 'asia-northeast3',
        name: 'gryd-worker',
      },
      { minInstances: 0, maxInstances: 30, concurrency: 1 },
      NOW,
    );
    // The queue retries the worker's 429s: the served jobs are the demand.
    expect(report.demand).toBe('served');
    expect(report.measured.refused).toBeGreaterThan(0);
    expect(report.proposed.totals.refused).toBe(0);
    expect(report.proposed.worstEpisode).toBeNull();
    expect(report.change.instanceHours).toBeGreaterThan(0);
    expect(report.change.monthlyCost).toBeGreaterThan(0);
  });

  it('the scaling preview of raising gryd-worker’s max carries the what-if', async () => {
    const res = await fetch(
      `${backend.api}/projects/gryyd-web/locations/asia-northeast3/services/gryd-worker/scaling/preview`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          change: { minInstances: 0, maxInstances: 30, concurrency: 1 },
        }),
      },
    );
    expect(res.status).toBe(200);
    const preview = (await res.json()) as { whatIf?: WhatIfReport };
    expect(preview.whatIf).toBeDefined();
    const whatIf = preview.whatIf!;
    expect(whatIf.measured.refused).toBeGreaterThan(0);
    expect(whatIf.proposed.totals.refused).toBe(0);
    expect(whatIf.change.monthlyCost).toBeGreaterThan(0);
    // 7 days of hourly chart points, the proposed capacity above the measured at the peaks.
    expect(whatIf.chart.length).toBeGreaterThanOrEqual(168);
    expect(
      Math.max(...whatIf.chart.map(p => p.proposedCapacity)),
    ).toBeGreaterThan(
      Math.max(...whatIf.chart.map(p => p.observedCapacity ?? 0)),
    );
  });

  afterAll(() => {
    // The figures of docs/what-if.md's table: model vs sandbox for each case.
    console.log(table.join('\n'));
  });
});
