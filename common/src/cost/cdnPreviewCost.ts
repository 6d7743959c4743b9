import { effectiveTtls, type CdnPolicyChange } from '../schemas/cdnPolicy';
import type { CatalogSku } from '../types/catalog';
import {
  CDN_LIST_PRICES_USD,
  type CdnPrices,
  type CdnTraffic,
} from './cdnCost';
import { formulaNumber } from './units';

/**
 * Mean response size assumed for cacheable responses, bytes (16 KiB). The portal reads request
 * counts by cache result (docs/google-apis.md §7), not bytes, so served volume = requests × this size; the
 * preview states the assumption next to the numbers.
 */
export const CDN_ASSUMED_MEAN_RESPONSE_BYTES = 16 * 1024;

/** Days the served volume is scaled to: a billing month as the other monthly figures (730 h ≈ 30.4 d). */
const SECONDS_PER_MONTH = 730 * 3600;

/** The first paid tier's price: egress volume discounts start at 10 TiB a month, which most backends never reach. */
function firstPaidPrice(sku: CatalogSku): number | undefined {
  return [...sku.tiers]
    .sort((a, b) => a.startUsageAmount - b.startUsageAmount)
    .find(t => t.unitPrice > 0)?.unitPrice;
}

/**
 * Cloud CDN prices from the Networking service's Catalog SKUs: "Cache Egress" (the North America and
 * Europe one when several regions are listed), "Cache Fill", "Cache Lookup". Descriptions are matched
 * by pattern (exact wording unverified); anything missing keeps the §8 list price, and with nothing
 * found the result is the list prices.
 */
export function cdnPricesFromCatalog(skus: readonly CatalogSku[]): CdnPrices {
  const prices: CdnPrices = { ...CDN_LIST_PRICES_USD, source: 'catalog' };
  const cdn = skus.filter(s => /\bcdn\b/i.test(s.description));
  const egress = cdn.filter(s => /cache egress/i.test(s.description));
  const pick = {
    cacheEgressPerGiB:
      egress.find(s => /north america|europe/i.test(s.description)) ??
      egress[0],
    cacheFillPerGiB: cdn.find(s => /cache fill/i.test(s.description)),
    lookupsPer10k: cdn.find(s => /lookup/i.test(s.description)),
  };
  let found = 0;
  for (const [key, sku] of Object.entries(pick) as [
    keyof typeof pick,
    CatalogSku | undefined,
  ][]) {
    const price = sku && firstPaidPrice(sku);
    if (price === undefined) continue;
    prices[key] = key === 'lookupsPer10k' ? price * 10_000 : price;
    prices.currency = sku!.currency;
    found++;
  }
  return found === 0 ? { ...CDN_LIST_PRICES_USD } : prices;
}

/** The expected hit ratio under a proposed policy, or why it cannot be estimated. */
export type ExpectedHitRatio =
  | { ratio: number; basis: string }
  | { ratio: null; reason: string };

/**
 * Our model, not Google's (nothing in docs/google-apis.md states one): turning CDN off sends every request to
 * the origin; a TTL change under a cache mode that uses the TTLs scales the miss ratio by old ÷ new
 * default TTL (one miss per cached object per TTL, for objects requested more often than that); a
 * cache-mode change depends on the content's headers and is not estimated; other fields leave it be.
 */
export function expectedHitRatio(
  current: CdnPolicyChange,
  proposed: CdnPolicyChange,
  currentHitRatio: number | null,
): ExpectedHitRatio {
  if (!proposed.enableCdn)
    return { ratio: 0, basis: 'CDN off: every request goes to the origin' };
  if (!current.enableCdn)
    return {
      ratio: null,
      reason: 'CDN is off now, so there is no measured hit ratio to start from',
    };
  if (currentHitRatio === null)
    return {
      ratio: null,
      reason:
        'Cloud Monitoring has no cacheable requests for this backend over the last 7 days',
    };
  if (current.cacheMode !== proposed.cacheMode) {
    return {
      ratio: null,
      reason: `A cache mode change (${current.cacheMode} → ${proposed.cacheMode}) moves the hit ratio by how the content's headers are set; the metrics do not tell`,
    };
  }
  const ttl0 = effectiveTtls(current).defaultTtl;
  const ttl1 = effectiveTtls(proposed).defaultTtl;
  if (proposed.cacheMode === 'USE_ORIGIN_HEADERS' || ttl0 === ttl1) {
    return {
      ratio: currentHitRatio,
      basis:
        'the change does not alter how long objects stay cached: hit ratio unchanged',
    };
  }
  const miss0 = 1 - currentHitRatio;
  const miss1 = ttl1 === 0 ? 1 : Math.min(1, (miss0 * ttl0) / ttl1);
  return {
    ratio: 1 - miss1,
    basis: `one miss per object per TTL: miss ratio ${formulaNumber(
      miss0 * 100,
      1,
    )} % × ${formulaNumber(ttl0)} s ÷ ${formulaNumber(ttl1)} s (default TTL)`,
  };
}

/** Monthly served volume from cacheable requests per second (HIT + MISS + PARTIAL_HIT) and a mean response size. */
export function cdnTrafficOf(input: {
  cacheableRequestsPerSecond: number;
  currentHitRatio: number | null;
  proposedHitRatio: number | null;
  meanResponseBytes?: number;
}): CdnTraffic {
  const bytes = input.meanResponseBytes ?? CDN_ASSUMED_MEAN_RESPONSE_BYTES;
  return {
    servedGiB:
      (input.cacheableRequestsPerSecond * SECONDS_PER_MONTH * bytes) / 2 ** 30,
    currentHitRatio: input.currentHitRatio,
    proposedHitRatio: input.proposedHitRatio,
  };
}
