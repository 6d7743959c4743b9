import { describe, expect, it } from 'vitest';
import { diffScaling } from './scalingDiff';
import { scalingWarnings, unacknowledgedWarnings } from './scalingWarnings';
import { parseCpuLimit } from './cpuLimit';

const current = { minInstances: 0, maxInstances: 40, concurrency: 80 };
const codes = (input: Parameters<typeof scalingWarnings>[0]) =>
  scalingWarnings(input).map(w => w.code);

describe('scalingWarnings', () => {
  it('warns that min instances are billed while idle when min rises above 0', () => {
    expect(
      codes({
        current,
        proposed: { ...current, minInstances: 2 },
        peakConcurrentRequests24h: 10,
        cpu: 1,
      }),
    ).toEqual(['MIN_INSTANCES_BILLED_IDLE']);
  });

  it('says nothing when nothing risky changes', () => {
    expect(
      codes({
        current,
        proposed: { ...current, maxInstances: 50 },
        peakConcurrentRequests24h: 10,
        cpu: 1,
      }),
    ).toEqual([]);
  });

  it('requires acknowledgement when capacity falls below the 24 h peak', () => {
    const warnings = scalingWarnings({
      current,
      proposed: { ...current, maxInstances: 2 },
      peakConcurrentRequests24h: 200.2,
      cpu: 1,
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      code: 'CAPACITY_BELOW_PEAK',
      requiresAcknowledgement: true,
    });
    expect(warnings[0]!.message).toContain('2 × 80 = 160');
    expect(warnings[0]!.message).toContain('peak of 201');
    expect(unacknowledgedWarnings(warnings, [])).toHaveLength(1);
    expect(
      unacknowledgedWarnings(warnings, ['CAPACITY_BELOW_PEAK']),
    ).toHaveLength(0);
  });

  it('keeps quiet at exactly the peak', () => {
    expect(
      codes({
        current,
        proposed: { ...current, maxInstances: 2 },
        peakConcurrentRequests24h: 160,
        cpu: 1,
      }),
    ).toEqual([]);
  });

  it('says when the capacity check could not run', () => {
    expect(
      codes({
        current,
        proposed: { ...current, maxInstances: 2 },
        peakConcurrentRequests24h: null,
        cpu: 1,
      }),
    ).toEqual(['CAPACITY_CHECK_UNAVAILABLE']);
  });

  it('flags scale to zero, quota and fractional CPU', () => {
    expect(
      codes({
        current: { ...current, minInstances: 1 },
        proposed: { minInstances: 0, maxInstances: 200, concurrency: 4 },
        peakConcurrentRequests24h: 0,
        cpu: 0.5,
      }),
    ).toEqual([
      'SCALE_TO_ZERO_COLD_STARTS',
      'ABOVE_DEFAULT_QUOTA',
      'FRACTIONAL_CPU_NEEDS_CONCURRENCY_1',
    ]);
  });
});

describe('diffScaling', () => {
  it('lists only changed fields in form order', () => {
    expect(
      diffScaling(current, {
        minInstances: 1,
        maxInstances: 40,
        concurrency: 100,
      }),
    ).toEqual([
      { field: 'minInstances', label: 'Min instances', before: 0, after: 1 },
      {
        field: 'concurrency',
        label: 'Concurrency (requests per instance)',
        before: 80,
        after: 100,
      },
    ]);
    expect(diffScaling(current, current)).toEqual([]);
  });
});

describe('parseCpuLimit', () => {
  it.each([
    ['1', 1],
    ['2', 2],
    ['500m', 0.5],
    [undefined, 1],
    ['junk', 1],
  ])('%s → %d', (input, expected) => {
    expect(parseCpuLimit(input)).toBe(expected);
  });
});
