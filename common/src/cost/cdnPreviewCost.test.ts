import { describe, expect, it } from 'vitest';
import type { CdnPolicyChange } from '../schemas/cdnPolicy';
import type { CatalogSku } from '../types/catalog';
import { CDN_LIST_PRICES_USD } from './cdnCost';
import {
  cdnPricesFromCatalog,
  cdnTrafficOf,
  expectedHitRatio,
} from './cdnPreviewCost';

const policy = (p: Partial<CdnPolicyChange> = {}): CdnPolicyChange => ({
  enableCdn: true,
  cacheMode: 'CACHE_ALL_STATIC',
  defaultTtl: 3600,
  maxTtl: 86_400,
  clientTtl: 3600,
  negativeCaching: false,
  serveWhileStale: null,
  ...p,
});
const sku = (
  description: string,
  tiers: { startUsageAmount: number; unitPrice: number }[],
): CatalogSku => ({
  skuId: description,
  description,
  resourceFamily: 'Network',
  resourceGroup: 'CDN',
  usageType: 'OnDemand',
  regions: ['global'],
  usageUnit: 'GiBy',
  tiers,
  currency: 'USD',
});

describe('expected hit ratio of a CDN policy', () => {
  it('doubling the default TTL halves the miss ratio (40 % → 20 %)', () => {
    const r = expectedHitRatio(policy(), policy({ defaultTtl: 7200 }), 0.6);
    expect(r.ratio).toBeCloseTo(0.8, 10);
  });
  it('turning CDN off sends everything to the origin', () => {
    expect(
      expectedHitRatio(policy(), policy({ enableCdn: false }), 0.6).ratio,
    ).toBe(0);
  });
  it('gives a reason, not a number, for a cache mode change, a disabled CDN or no metrics', () => {
    const mode = expectedHitRatio(
      policy(),
      policy({ cacheMode: 'FORCE_CACHE_ALL' }),
      0.6,
    );
    expect(mode.ratio).toBeNull();
    expect(mode).toHaveProperty(
      'reason',
      expect.stringContaining('cache mode'),
    );
    expect(
      expectedHitRatio(policy({ enableCdn: false }), policy(), null).ratio,
    ).toBeNull();
    expect(
      expectedHitRatio(policy(), policy({ defaultTtl: 60 }), null).ratio,
    ).toBeNull();
  });
  it('a TTL of 0 misses every time', () => {
    expect(
      expectedHitRatio(policy(), policy({ defaultTtl: 0 }), 0.9).ratio,
    ).toBe(0);
  });
});

describe('CDN prices from the Catalog', () => {
  it('reads egress (first paid tier, NA/EU), fill and lookups per 10,000', () => {
    const prices = cdnPricesFromCatalog([
      sku('Cloud CDN Cache Egress Asia Pacific', [
        { startUsageAmount: 0, unitPrice: 0.09 },
      ]),
      sku('Cloud CDN Cache Egress North America and Europe', [
        { startUsageAmount: 0, unitPrice: 0.08 },
        { startUsageAmount: 10240, unitPrice: 0.055 },
      ]),
      sku('Cloud CDN Cache Fill', [{ startUsageAmount: 0, unitPrice: 0.02 }]),
      sku('Cloud CDN Cache Lookup Requests', [
        { startUsageAmount: 0, unitPrice: 0.00000075 },
      ]),
    ]);
    expect(prices).toMatchObject({
      source: 'catalog',
      cacheEgressPerGiB: 0.08,
      cacheFillPerGiB: 0.02,
    });
    expect(prices.lookupsPer10k).toBeCloseTo(0.0075, 12);
  });
  it('falls back to the list prices without CDN SKUs', () => {
    expect(
      cdnPricesFromCatalog([
        sku('Forwarding Rule', [{ startUsageAmount: 0, unitPrice: 0.025 }]),
      ]),
    ).toEqual(CDN_LIST_PRICES_USD);
  });
});

it('served volume: 1 request/s of 16 KiB for 730 h ≈ 40.1 GiB a month', () => {
  expect(
    cdnTrafficOf({
      cacheableRequestsPerSecond: 1,
      currentHitRatio: 0.5,
      proposedHitRatio: 0.5,
    }).servedGiB,
  ).toBeCloseTo((730 * 3600 * 16384) / 2 ** 30, 10);
});
