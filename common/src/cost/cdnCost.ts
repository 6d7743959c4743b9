import type { CostImpact } from '../types/catalog';
import { formatUnitPrice } from './currency';
import { formulaNumber } from './units';

/** Cloud CDN prices (docs/google-apis.md §8): cache egress and cache fill per GiB, lookups per 10,000. */
export interface CdnPrices {
  currency: string;
  cacheEgressPerGiB: number;
  cacheFillPerGiB: number;
  lookupsPer10k: number;
  source: 'catalog' | 'list-prices';
}

/**
 * NA/EU list prices of §8: cache egress $0.08/GiB below 10 TiB, cache fill $0.01–0.04/GiB (the upper
 * end, $0.04, is used so the estimate does not understate), lookups $0.0075 per 10,000.
 */
export const CDN_LIST_PRICES_USD: CdnPrices = {
  currency: 'USD',
  cacheEgressPerGiB: 0.08,
  cacheFillPerGiB: 0.04,
  lookupsPer10k: 0.0075,
  source: 'list-prices',
};

/** Traffic through a CDN-enabled backend over the last 30 days, from load-balancer metrics. */
export interface CdnTraffic {
  /** Bytes served to clients per month, GiB. */
  servedGiB: number;
  /** Cache hit ratio now, 0..1 (HIT ÷ (HIT + MISS + PARTIAL_HIT)), or null when Monitoring has none. */
  currentHitRatio: number | null;
  /** Hit ratio expected under the new policy, 0..1, or null when it cannot be estimated. */
  proposedHitRatio: number | null;
}

/**
 * Expected change in cache egress vs origin traffic of a CDN policy change: bytes served from cache
 * are billed as cache egress; misses are fetched from the origin and billed as cache fill. Lookups
 * depend on requests, not on the policy, so they are left out. Null where the metrics do not allow
 * an estimate (no hit ratio, or no expected one).
 */
export function cdnPolicyCostImpact(
  traffic: CdnTraffic,
  prices: CdnPrices,
): CostImpact | null {
  const { servedGiB, currentHitRatio: h0, proposedHitRatio: h1 } = traffic;
  if (h0 === null || h1 === null || !Number.isFinite(servedGiB)) return null;
  const money = (v: number) => formatUnitPrice(v, prices.currency);
  const pct = (r: number) => `${formulaNumber(r * 100, 1)} %`;
  const gib = formulaNumber(servedGiB, 1);
  return {
    currency: prices.currency,
    priceSource: prices.source,
    figures: [
      {
        key: 'cacheEgressMonthly',
        label: 'Cache egress (served from cache)',
        per: 'month',
        before: servedGiB * h0 * prices.cacheEgressPerGiB,
        after: servedGiB * h1 * prices.cacheEgressPerGiB,
        change: servedGiB * (h1 - h0) * prices.cacheEgressPerGiB,
        formula: `${gib} GiB × hit ratio (${pct(h0)} → ${pct(h1)}) × ${money(
          prices.cacheEgressPerGiB,
        )}/GiB`,
      },
      {
        key: 'cacheFillMonthly',
        label: 'Cache fill (fetched from the origin)',
        per: 'month',
        before: servedGiB * (1 - h0) * prices.cacheFillPerGiB,
        after: servedGiB * (1 - h1) * prices.cacheFillPerGiB,
        change: servedGiB * (h0 - h1) * prices.cacheFillPerGiB,
        formula: `${gib} GiB × miss ratio (${pct(1 - h0)} → ${pct(
          1 - h1,
        )}) × ${money(prices.cacheFillPerGiB)}/GiB`,
      },
    ],
    notes: [
      `Origin traffic changes by ${formulaNumber(
        servedGiB * (h0 - h1),
        1,
      )} GiB per month (negative = less load on the origin).`,
      'The expected hit ratio under the new policy is an estimate; the served volume is the last 30 days.',
    ],
  };
}
