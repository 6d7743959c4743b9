import { describe, expect, it } from 'vitest';
import { cdnPolicyCostImpact, CDN_LIST_PRICES_USD } from './cdnCost';
import {
  redisBand,
  redisPricesFromCatalog,
  redisResizeCostImpact,
  REDIS_LIST_PRICES_USD,
} from './redisCost';
import {
  cloudRunPriceKey,
  cloudRunPricesFromCatalog,
  marginalUnitPrice,
} from './prices';
import { parseMemoryGiB } from './units';
import type { CatalogSku } from '../types/catalog';

const sku = (
  description: string,
  regions: string[],
  price: number,
  extra: Partial<CatalogSku> = {},
): CatalogSku => ({
  skuId: description,
  description,
  resourceFamily: 'Compute',
  resourceGroup: '',
  usageType: 'OnDemand',
  regions,
  usageUnit: 's',
  tiers: [
    { startUsageAmount: 0, unitPrice: 0 },
    { startUsageAmount: 180000, unitPrice: price },
  ],
  currency: 'USD',
  ...extra,
});

describe('Redis resize', () => {
  it('BASIC 1 → 5 GB: 1 × $0.049 × 730 = $35.77 → 5 × $0.027 × 730 = $98.55, +$62.78 a month', () => {
    const impact = redisResizeCostImpact({
      tier: 'BASIC',
      currentGb: 1,
      proposedGb: 5,
      prices: REDIS_LIST_PRICES_USD,
    });
    expect(impact.figures[0]!.before).toBeCloseTo(35.77, 10);
    expect(impact.figures[0]!.after).toBeCloseTo(98.55, 10);
    expect(impact.figures[0]!.change).toBeCloseTo(62.78, 10);
    expect(impact.figures[0]!.formula).toContain(
      '1 GB × $0.049 (M1) → 5 GB × $0.027 (M2)',
    );
  });

  it('bands by size', () => {
    expect([1, 4, 5, 10, 11, 35, 36, 100, 101, 300].map(redisBand)).toEqual([
      'M1',
      'M1',
      'M2',
      'M2',
      'M3',
      'M3',
      'M4',
      'M4',
      'M5',
      'M5',
    ]);
  });

  it('reads hourly band prices from the Catalog for the region only', () => {
    const prices = redisPricesFromCatalog(
      [
        sku('Redis Capacity Basic M1 Seoul', ['asia-northeast3'], 0.07, {
          usageUnit: 'GiBy.h',
        }),
        sku('Redis Capacity Basic M2 Iowa', ['us-central1'], 0.5, {
          usageUnit: 'GiBy.h',
        }),
      ],
      'asia-northeast3',
    );
    expect(prices.source).toBe('catalog');
    expect(prices.perGbHour.BASIC.M1).toBe(0.07);
    expect(prices.perGbHour.BASIC.M2).toBe(
      REDIS_LIST_PRICES_USD.perGbHour.BASIC.M2,
    );
  });
});

describe('CDN policy change', () => {
  it('1,000 GiB, hit ratio 60 % → 80 %: cache egress $48 → $64 (+$16), cache fill $16 → $8 (−$8)', () => {
    const impact = cdnPolicyCostImpact(
      { servedGiB: 1000, currentHitRatio: 0.6, proposedHitRatio: 0.8 },
      CDN_LIST_PRICES_USD,
    )!;
    const [egress, fill] = impact.figures;
    expect([egress!.before, egress!.after, egress!.change]).toEqual([
      48,
      64,
      expect.closeTo(16, 10),
    ]);
    expect(fill!.before).toBeCloseTo(16, 10);
    expect(fill!.after).toBeCloseTo(8, 10);
    expect(fill!.change).toBeCloseTo(-8, 10);
    expect(impact.notes[0]).toContain('-200 GiB');
  });

  it('is null where the metrics give no hit ratio', () => {
    expect(
      cdnPolicyCostImpact(
        { servedGiB: 10, currentHitRatio: null, proposedHitRatio: 0.5 },
        CDN_LIST_PRICES_USD,
      ),
    ).toBeNull();
  });
});

describe('Cloud Run prices from the Catalog', () => {
  it('names the price of each SKU description', () => {
    expect(cloudRunPriceKey('CPU Allocation Time (tier 1)')).toBe(
      'requestCpuPerVcpuSecond',
    );
    expect(cloudRunPriceKey('Memory Allocation Time')).toBe(
      'requestMemoryPerGibSecond',
    );
    expect(cloudRunPriceKey('Requests')).toBe('requestsPerMillion');
    expect(cloudRunPriceKey('Idle Min-Instance CPU Allocation Time')).toBe(
      'idleCpuPerVcpuSecond',
    );
    expect(
      cloudRunPriceKey('CPU Allocation Time (Instance-based billing)'),
    ).toBe('instanceCpuPerVcpuSecond');
    expect(cloudRunPriceKey('Network Egress')).toBeUndefined();
  });

  it('takes the marginal (last tier) price, prefers the region over global, falls back to list prices', () => {
    expect(
      marginalUnitPrice({
        tiers: [
          { startUsageAmount: 2e6, unitPrice: 4e-7 },
          { startUsageAmount: 0, unitPrice: 0 },
        ],
      }),
    ).toBe(4e-7);
    const prices = cloudRunPricesFromCatalog(
      [
        sku('CPU Allocation Time', ['global'], 0.00001),
        sku('CPU Allocation Time (tier 2)', ['asia-northeast3'], 0.0000336),
        sku('Requests', ['asia-northeast3'], 4e-7, { usageUnit: 'count' }),
      ],
      'asia-northeast3',
    );
    expect(prices.source).toBe('catalog');
    expect(prices.requestCpuPerVcpuSecond).toBe(0.0000336);
    expect(prices.requestsPerMillion).toBeCloseTo(0.4, 12);
    expect(prices.instanceCpuPerVcpuSecond).toBe(0.000018);
    expect(cloudRunPricesFromCatalog([], 'us-central1').source).toBe(
      'list-prices',
    );
  });

  it('parses memory limits in GiB', () => {
    expect(
      ['512Mi', '1Gi', '4Gi', '2G', '', '268435456'].map(parseMemoryGiB),
    ).toEqual([0.5, 1, 4, 2e9 / 2 ** 30, 0.5, 0.25]);
  });
});
