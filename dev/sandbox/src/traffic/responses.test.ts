import { describe, expect, it } from 'vitest';
import { minuteSample } from './SandboxTrafficModel';
import { responseCounts } from './responses';
import {
  MONDAY_UTC,
  smallConfig,
  steadyProfile,
  testProject,
  testService,
} from './testFixtures';

const MIN = 60_000;
const DAY_MINUTES = 1440;

function fiveXx(sample: {
  responses: Array<{ codeClass: string; count: number }>;
}): number {
  return sample.responses
    .filter(r => r.codeClass === '5xx')
    .reduce((sum, r) => sum + r.count, 0);
}

describe('response codes', () => {
  it('lets a 5xx rate far below one request a minute show up, meeting the expected count over a day', () => {
    // 6 requests a minute at 1 % 5xx (gryd-worker's profile): 0.06 expected 5xx a minute.
    const profile = steadyProfile({
      baseRps: 0.1,
      errorRate5xx: 0.01,
      errorRate4xx: 0,
      redirectRate3xx: 0,
      noise: 0.15,
    });
    const service = testService(
      'p',
      'worker',
      profile,
      smallConfig({ maxInstances: 100 }),
    );
    const project = testProject('p', [service]);
    const day = Array.from({ length: DAY_MINUTES }, (_, i) =>
      minuteSample(project, service, MONDAY_UTC + i * MIN),
    );
    const served = day.reduce((sum, s) => sum + s.served, 0);
    const errors = day.reduce((sum, s) => sum + fiveXx(s), 0);
    expect(errors).toBeGreaterThan(0);
    expect(errors / served).toBeGreaterThan(0.0075);
    expect(errors / served).toBeLessThan(0.0125);
    // Spread over the day (about one minute in 17), not bunched, and every count whole.
    const minutesWithErrors = day.filter(s => fiveXx(s) > 0).length;
    expect(minutesWithErrors).toBeGreaterThan(40);
    expect(minutesWithErrors).toBeLessThan(130);
    expect(
      day.every(s => s.responses.every(r => Number.isInteger(r.count))),
    ).toBe(true);
    expect(
      day.every(
        s => s.responses.reduce((sum, r) => sum + r.count, 0) === s.requests,
      ),
    ).toBe(true);
  });

  it('meets a 0.11 % rate (fleet-svc-0003) over a day', () => {
    const profile = steadyProfile({
      baseRps: 0.6,
      errorRate5xx: 0.0011,
      diurnalAmplitude: 0.6,
      noise: 0.15,
      seed: 3,
    });
    const service = testService(
      'p',
      'svc',
      profile,
      smallConfig({ maxInstances: 100 }),
    );
    const project = testProject('p', [service]);
    let served = 0;
    let errors = 0;
    for (let i = 0; i < DAY_MINUTES; i++) {
      const sample = minuteSample(project, service, MONDAY_UTC + i * MIN);
      served += sample.served;
      errors += fiveXx(sample);
    }
    // ~57 expected; independent draws put the count within ±35 % with a wide margin.
    expect(errors / served / 0.0011).toBeGreaterThan(0.65);
    expect(errors / served / 0.0011).toBeLessThan(1.35);
  });

  it('rounds at the scale of the minutes a sampled minute stands for', () => {
    const profile = steadyProfile({
      errorRate5xx: 0.01,
      errorRate4xx: 0,
      redirectRate3xx: 0,
    });
    // 6 served, 60 minutes: 3.6 expected 5xx in the hour, 500 gets 80 % of them (2.88 → 2 or 3).
    const counts = responseCounts(profile, 6, 0, () => 0.5, 60);
    const byCode = Object.fromEntries(counts.map(r => [r.code, r.count]));
    expect(byCode[500]! * 60).toBe(3);
    expect(byCode[503]! * 60).toBe(1);
    expect(byCode[200]! + byCode[500]! + byCode[503]!).toBeCloseTo(6, 12);
    // Weight 1: whole counts only; a draw below the fraction rounds up.
    expect(
      responseCounts(profile, 6, 0, () => 0.01, 1).map(r => [r.code, r.count]),
    ).toEqual([
      [200, 4],
      [500, 1],
      [503, 1],
    ]);
    expect(
      responseCounts(profile, 6, 2, () => 0.99, 1).map(r => [r.code, r.count]),
    ).toEqual([
      [200, 6],
      [429, 2],
    ]);
  });

  it('never gives more non-200 answers than served requests', () => {
    const profile = steadyProfile({
      errorRate5xx: 0.6,
      errorRate4xx: 0.3,
      redirectRate3xx: 0.3,
    });
    const counts = responseCounts(profile, 3, 0, () => 0, 1);
    expect(counts.reduce((sum, r) => sum + r.count, 0)).toBe(3);
    expect(counts.every(r => r.count > 0)).toBe(true);
  });
});
