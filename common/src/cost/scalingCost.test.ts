import { describe, expect, it } from 'vitest';
import { CLOUD_RUN_LIST_PRICES_USD as LIST } from './prices';
import {
  maxInstancesHourlyCost,
  minInstancesMonthlyCost,
  scalingCostImpact,
} from './scalingCost';
import {
  cloudRunUsageCost,
  instanceBasedMonthlyCost,
  requestBasedMonthlyCost,
} from './usageCost';

// gryd-be: 1 vCPU, 1 GiB, request-based billing (cpuIdle true).
const gryd = { cpu: 1, memoryGiB: 1, cpuIdle: true, prices: LIST };
// gryd-worker: 2 vCPU, 4 GiB, instance-based billing.
const worker = { cpu: 2, memoryGiB: 4, cpuIdle: false, prices: LIST };

describe('scaling cost (hand-checked on the list prices of docs/google-apis.md §8)', () => {
  it('idle min instance, request-based: 730 h × 3,600 s × (1 × $0.0000025 + 1 × $0.0000025) = $13.14 per month', () => {
    expect(minInstancesMonthlyCost(1, gryd)).toBeCloseTo(13.14, 10);
    expect(minInstancesMonthlyCost(0, gryd)).toBe(0);
  });

  it('idle min instance, instance-based: 2,628,000 s × (2 × $0.000018 + 4 × $0.000002) = $115.632 per month', () => {
    expect(minInstancesMonthlyCost(1, worker)).toBeCloseTo(115.632, 10);
  });

  it('worst case per hour at max: 40 × 3,600 × $0.0000265 = $3.816 (request-based); 10 × 3,600 × $0.000044 = $1.584 (instance-based)', () => {
    expect(maxInstancesHourlyCost(40, gryd)).toBeCloseTo(3.816, 10);
    expect(maxInstancesHourlyCost(10, worker)).toBeCloseTo(1.584, 10);
  });

  it('raising min instances 1 → 2 on gryd-be adds $13.14 per month and shows the formula', () => {
    const impact = scalingCostImpact({
      ...gryd,
      current: { minInstances: 1, maxInstances: 40, concurrency: 80 },
      proposed: { minInstances: 2, maxInstances: 50, concurrency: 80 },
    });
    const [idle, worst] = impact.figures;
    expect(idle).toMatchObject({ key: 'minInstancesMonthly', per: 'month' });
    expect(idle!.before).toBeCloseTo(13.14, 10);
    expect(idle!.after).toBeCloseTo(26.28, 10);
    expect(idle!.change).toBeCloseTo(13.14, 10);
    expect(idle!.formula).toContain(
      '730 h × 3,600 s × (1 vCPU × $0.0000025 + 1 GiB × $0.0000025)',
    );
    expect(worst!.before).toBeCloseTo(3.816, 10);
    expect(worst!.after).toBeCloseTo(4.77, 10);
    expect(worst!.formula).toContain('$0.000024');
    expect(impact.currency).toBe('USD');
    expect(impact.priceSource).toBe('list-prices');
    expect(impact.notes.join(' ')).toContain('$0.40 per million requests');
  });
});

describe('usage cost (§8, Infracost)', () => {
  it('request-based: 10 M requests × 0.2 s ÷ 80 = 25,000 s × $0.00002525 + 10 × $0.40 = $4.63125', () => {
    expect(
      requestBasedMonthlyCost(
        {
          requestsPerMonth: 10e6,
          avgDurationSeconds: 0.2,
          concurrency: 80,
          cpu: 1,
          memoryGiB: 0.5,
        },
        LIST,
      ),
    ).toBeCloseTo(4.63125, 10);
  });

  it('instance-based: 2 instances × 2,628,000 s × (1 × $0.000018 + 0.5 × $0.000002) = $99.864, no request fee', () => {
    expect(
      instanceBasedMonthlyCost(2, { cpu: 1, memoryGiB: 0.5 }, LIST),
    ).toBeCloseTo(99.864, 10);
  });

  it('measured usage splits into CPU, memory and requests', () => {
    const c = cloudRunUsageCost(
      {
        billableInstanceSeconds: 86_400,
        requests: 1e6,
        cpu: 1,
        memoryGiB: 0.5,
        cpuIdle: true,
      },
      LIST,
    );
    expect(c.cpu).toBeCloseTo(2.0736, 10); // 86,400 × $0.000024
    expect(c.memory).toBeCloseTo(0.108, 10); // 86,400 × 0.5 × $0.0000025
    expect(c.requests).toBeCloseTo(0.4, 10);
    expect(
      cloudRunUsageCost(
        {
          billableInstanceSeconds: 3600,
          requests: 1e6,
          cpu: 2,
          memoryGiB: 4,
          cpuIdle: false,
        },
        LIST,
      ),
    ).toEqual({
      cpu: expect.closeTo(0.1296, 10), // 3,600 × 2 × $0.000018
      memory: expect.closeTo(0.0288, 10), // 3,600 × 4 × $0.000002
      requests: 0,
    });
  });
});
