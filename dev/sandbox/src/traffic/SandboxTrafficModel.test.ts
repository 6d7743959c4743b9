import { describe, expect, it } from 'vitest';
import { configAt } from '../world';
import { minuteSample } from './SandboxTrafficModel';
import {
  MONDAY_UTC,
  smallConfig,
  steadyProfile,
  testProject,
  testService,
} from './testFixtures';

const HOUR = 3_600_000;

function serviceWith(profile = steadyProfile(), config = smallConfig()) {
  const service = testService('p', 'svc', profile, config);
  return { service, project: testProject('p', [service]) };
}

describe('minuteSample', () => {
  it('is deterministic: the same service and minute always give the same sample', () => {
    const { project, service } = serviceWith(
      steadyProfile({ noise: 0.3, diurnalAmplitude: 0.5 }),
    );
    const a = minuteSample(project, service, MONDAY_UTC + 123 * 60_000);
    const b = minuteSample(
      project,
      service,
      MONDAY_UTC + 123 * 60_000 + 59_999,
    );
    expect(b).toEqual(a);
    expect(a.minuteStartMs).toBe(MONDAY_UTC + 123 * 60_000);
  });

  it('serves cached minutes equal to recomputed ones, and recomputes after a configuration change', () => {
    const { project, service } = serviceWith(
      steadyProfile({ noise: 0.3, baseRps: 40 }),
    );
    const twin = serviceWith(steadyProfile({ noise: 0.3, baseRps: 40 }));
    const minutes = Array.from(
      { length: 120 },
      (_, i) => MONDAY_UTC + i * 60_000,
    );
    const first = minutes.map(m => minuteSample(project, service, m));
    expect(minutes.map(m => minuteSample(project, service, m))).toEqual(first); // from the cache
    expect(
      minutes.map(m => minuteSample(twin.project, twin.service, m)),
    ).toEqual(first); // a fresh service object
    service.history.push({
      effectiveFrom: MONDAY_UTC + 60 * 60_000,
      config: {
        ...configAt(service, MONDAY_UTC),
        minInstances: 7,
        maxInstances: 9,
      },
    });
    expect(
      minuteSample(project, service, MONDAY_UTC + 90 * 60_000).instances,
    ).toBeGreaterThanOrEqual(7);
    expect(minuteSample(project, service, MONDAY_UTC + 30 * 60_000)).toEqual(
      first[30],
    );
  });

  it('recomputes cached minutes after the traffic profile is replaced', () => {
    const { project, service } = serviceWith(
      steadyProfile({ noise: 0.3, baseRps: 40 }),
    );
    const minutes = Array.from(
      { length: 90 },
      (_, i) => MONDAY_UTC + i * 60_000,
    );
    for (const m of minutes) minuteSample(project, service, m); // fills the minute cache
    // A test or scenario replaces the profile (not the history): cached minutes must not survive it.
    service.traffic = { ...service.traffic, baseRps: 400 };
    const uncached = (m: number) => minuteSample(project, service, m, 1, false);
    expect(minutes.map(m => minuteSample(project, service, m))).toEqual(
      minutes.map(uncached),
    );
    expect(
      minuteSample(project, service, minutes[10]!).requests,
    ).toBeGreaterThan(10_000);
  });

  it('adds noise that differs per minute but averages to the expected demand', () => {
    const { project, service } = serviceWith(
      steadyProfile({ noise: 0.2, baseRps: 100 }),
    );
    const samples = Array.from({ length: 600 }, (_, i) =>
      minuteSample(project, service, MONDAY_UTC + i * 60_000),
    );
    expect(new Set(samples.map(s => s.requests)).size).toBeGreaterThan(100);
    const mean =
      samples.reduce((sum, s) => sum + s.requests, 0) / samples.length;
    expect(mean / 60).toBeCloseTo(100, 0);
  });

  it('peaks at peakHour in the project time zone and dips on weekends', () => {
    const profile = steadyProfile({
      diurnalAmplitude: 0.6,
      peakHour: 14,
      weekendFactor: 0.5,
    });
    const service = testService('p', 'svc', profile);
    const seoul = testProject('p', [service], 'Asia/Seoul');
    // 14:00 in Seoul is 05:00 UTC; 02:00 Seoul is 17:00 UTC the day before.
    const peak = minuteSample(seoul, service, MONDAY_UTC + 5 * HOUR).demandRps;
    const trough = minuteSample(
      seoul,
      service,
      MONDAY_UTC + 17 * HOUR,
    ).demandRps;
    expect(peak).toBeCloseTo(16, 5);
    expect(trough).toBeCloseTo(4, 5);
    const saturday = MONDAY_UTC + 5 * 24 * HOUR + 5 * HOUR;
    expect(minuteSample(seoul, service, saturday).demandRps).toBeCloseTo(8, 5);
  });

  it('applies recurring events in local time', () => {
    const profile = steadyProfile({
      events: [
        { dayOfWeek: 1, startHour: 10, durationHours: 2, multiplier: 5 },
      ],
    });
    const { project, service } = serviceWith(profile);
    expect(
      minuteSample(project, service, MONDAY_UTC + 9 * HOUR).demandRps,
    ).toBeCloseTo(10);
    expect(
      minuteSample(project, service, MONDAY_UTC + 11 * HOUR).demandRps,
    ).toBeCloseTo(50);
    expect(
      minuteSample(project, service, MONDAY_UTC + 12 * HOUR).demandRps,
    ).toBeCloseTo(10);
  });

  it('clamps instances to min and max', () => {
    const idle = serviceWith(
      steadyProfile({ baseRps: 0.001 }),
      smallConfig({ minInstances: 3 }),
    );
    const quiet = minuteSample(idle.project, idle.service, MONDAY_UTC);
    expect(quiet.instances).toBe(3);
    expect(quiet.idleInstances).toBe(3 - quiet.activeInstances);
    const busy = serviceWith(
      steadyProfile({ baseRps: 100_000 }),
      smallConfig({ maxInstances: 4 }),
    );
    expect(minuteSample(busy.project, busy.service, MONDAY_UTC).instances).toBe(
      4,
    );
  });

  it("follows Little's law: instances = ceil(rps × mean latency ÷ (concurrency × 0.6))", () => {
    // 1,000 rps × 0.5 s mean (median 500 ms, sigma ~0) = 500 concurrent; ÷ (10 × 0.6) → 84 instances.
    const profile = steadyProfile({
      baseRps: 1000,
      latencyP50Ms: 500,
      latencySigma: 0.000001,
    });
    const { project, service } = serviceWith(
      profile,
      smallConfig({ concurrency: 10, maxInstances: 1000 }),
    );
    const sample = minuteSample(project, service, MONDAY_UTC);
    expect(sample.concurrentRequests).toBeCloseTo(500, 3);
    expect(sample.instances).toBe(84);
    expect(sample.refused).toBe(0);
  });

  it('refuses demand above max × concurrency with 429 and raises latency', () => {
    // 2,000 rps × ~56 ms = ~113 concurrent against a capacity of 2 × 10 = 20.
    const profile = steadyProfile({ baseRps: 2000 });
    const { project, service } = serviceWith(
      profile,
      smallConfig({ maxInstances: 2, concurrency: 10 }),
    );
    const sample = minuteSample(project, service, MONDAY_UTC);
    expect(sample.utilisation).toBeGreaterThan(1);
    expect(sample.refused).toBeGreaterThan(sample.served);
    expect(sample.served + sample.refused).toBe(sample.requests);
    expect(sample.responses.find(r => r.code === 429)).toEqual({
      code: 429,
      codeClass: '4xx',
      count: sample.refused,
    });
    expect(sample.latencyMedianMs).toBeGreaterThan(3 * 50 - 1);
    expect(sample.concurrentRequests).toBeCloseTo(20, 2); // the instances are full, served is rounded to whole requests
  });

  it('has no demand, instances or responses before the service was created', () => {
    const { project, service } = serviceWith(
      steadyProfile({ baseRps: 50 }),
      smallConfig({ minInstances: 2 }),
    );
    const createdAt = MONDAY_UTC + 30 * 60_000 + 12_345;
    service.history[0]!.effectiveFrom = createdAt;
    const before = minuteSample(project, service, createdAt - 60_000);
    expect(before).toMatchObject({
      deployed: false,
      demandRps: 0,
      requests: 0,
      served: 0,
      instances: 0,
      activeInstances: 0,
      idleInstances: 0,
      coldStarts: 0,
      billableInstanceSeconds: 0,
      responses: [],
    });
    // The minute of the creation starts before it, so it is empty too; the first full minute is live.
    expect(minuteSample(project, service, createdAt).deployed).toBe(false);
    const first = minuteSample(project, service, createdAt + 60_000);
    expect(first.deployed).toBe(true);
    expect(first.requests).toBeGreaterThan(0);
    expect(first.coldStarts).toBe(first.instances);
  });

  it('moves the latency median a little with load and from minute to minute, well before saturation', () => {
    const profile = steadyProfile({
      baseRps: 100,
      latencyP50Ms: 100,
      latencySigma: 0.000001,
    });
    const day = (concurrency: number) => {
      const { project, service } = serviceWith(
        profile,
        smallConfig({ concurrency, maxInstances: 1000 }),
      );
      return Array.from({ length: 120 }, (_, i) =>
        minuteSample(project, service, MONDAY_UTC + i * 60_000),
      );
    };
    // Concurrency 80 → utilisation ~0.13; concurrency 3 → autoscaled near the 0.6 target.
    const light = day(80);
    const busy = day(3);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const lightMedian = mean(light.map(s => s.latencyMedianMs));
    const busyMedian = mean(busy.map(s => s.latencyMedianMs));
    expect(busy.every(s => s.utilisation < 0.8 && s.refused === 0)).toBe(true);
    expect(busyMedian / lightMedian).toBeGreaterThan(1.02);
    expect(busyMedian / lightMedian).toBeLessThan(1.1);
    // Per-minute noise of a few percent: not a flat line, never far from the profile's median.
    const values = light.map(s => s.latencyMedianMs);
    expect(new Set(values.map(v => v.toFixed(3))).size).toBeGreaterThan(100);
    expect(Math.min(...values)).toBeGreaterThan(100 * 0.95);
    expect(Math.max(...values)).toBeLessThan(100 * 1.1 * 1.05);
  });

  it('splits responses by the profile rates, and the codes add up to the requests', () => {
    const profile = steadyProfile({
      baseRps: 100,
      errorRate5xx: 0.1,
      errorRate4xx: 0.05,
      redirectRate3xx: 0.2,
    });
    const { project, service } = serviceWith(
      profile,
      smallConfig({ maxInstances: 100 }),
    );
    const sample = minuteSample(project, service, MONDAY_UTC);
    const byCode = Object.fromEntries(
      sample.responses.map(r => [r.code, r.count]),
    );
    expect(byCode).toEqual({
      200: 3900,
      301: 360,
      302: 840,
      404: 300,
      500: 480,
      503: 120,
    });
  });

  it('applies an edit only from its effective time on', () => {
    const { project, service } = serviceWith(
      steadyProfile({ baseRps: 2000 }),
      smallConfig({ maxInstances: 2, concurrency: 10 }),
    );
    const editAt = MONDAY_UTC + 30 * 60_000;
    const before = Array.from({ length: 60 }, (_, i) =>
      minuteSample(project, service, MONDAY_UTC + i * 60_000),
    );
    service.history.push({
      effectiveFrom: editAt,
      config: smallConfig({ maxInstances: 50, concurrency: 10 }),
    });
    const after = Array.from({ length: 60 }, (_, i) =>
      minuteSample(project, service, MONDAY_UTC + i * 60_000),
    );
    expect(after.slice(0, 30)).toEqual(before.slice(0, 30));
    expect(after[30]!.configVersion).toBe(1);
    expect(after[30]!.config).toBe(configAt(service, editAt));
    expect(after[30]!.refused).toBe(0);
    expect(after[30]!.instances).toBeGreaterThan(2);
    expect(after[30]!.coldStarts).toBe(after[30]!.instances - 2);
    expect(after[31]!.coldStarts).toBe(0);
  });

  it('bills only busy and warm-idle time with cpuIdle, and every instance-second without', () => {
    const profile = steadyProfile({ baseRps: 1 });
    const requestBased = serviceWith(
      profile,
      smallConfig({ minInstances: 2, cpuIdle: true }),
    );
    const sample = minuteSample(
      requestBased.project,
      requestBased.service,
      MONDAY_UTC,
    );
    expect(sample.activeInstances).toBe(1);
    // One active instance busy 1 − e^(−0.057) of the time, one warm idle min instance billed fully.
    expect(sample.billableInstanceSeconds).toBeGreaterThan(60);
    expect(sample.billableInstanceSeconds).toBeLessThan(65);
    const instanceBased = serviceWith(
      profile,
      smallConfig({ minInstances: 2, cpuIdle: false }),
    );
    expect(
      minuteSample(instanceBased.project, instanceBased.service, MONDAY_UTC)
        .billableInstanceSeconds,
    ).toBe(120);
  });
});
