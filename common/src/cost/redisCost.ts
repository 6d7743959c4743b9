import type { CatalogSku, CostImpact } from '../types/catalog';
import { formatUnitPrice } from './currency';
import { HOURS_PER_MONTH, marginalUnitPrice } from './prices';
import { formulaNumber } from './units';

export type RedisTier = 'BASIC' | 'STANDARD_HA';

/** Memorystore capacity bands: the price per GB-hour falls as the instance grows (M1 1–4 GB … M5 > 100 GB). */
export const REDIS_CAPACITY_BANDS = [
  { band: 'M1', maxGb: 4 },
  { band: 'M2', maxGb: 10 },
  { band: 'M3', maxGb: 35 },
  { band: 'M4', maxGb: 100 },
  { band: 'M5', maxGb: 300 },
] as const;
export type RedisBand = (typeof REDIS_CAPACITY_BANDS)[number]['band'];

/** Price per GB-hour by tier and band, in `currency`. */
export interface RedisPrices {
  currency: string;
  perGbHour: Record<RedisTier, Record<RedisBand, number>>;
  source: 'catalog' | 'list-prices';
}

/**
 * Published us-central1 list prices per GB-hour (USD). Not confirmed by docs/google-apis.md (§8 says: take
 * them from the Catalog API): only a fallback when the Catalog has no Memorystore SKU.
 */
export const REDIS_LIST_PRICES_USD: RedisPrices = {
  currency: 'USD',
  perGbHour: {
    BASIC: { M1: 0.049, M2: 0.027, M3: 0.023, M4: 0.019, M5: 0.016 },
    STANDARD_HA: { M1: 0.064, M2: 0.035, M3: 0.03, M4: 0.025, M5: 0.021 },
  },
  source: 'list-prices',
};

/** The band of a memory size in GB (1..300). */
export function redisBand(memorySizeGb: number): RedisBand {
  return (
    REDIS_CAPACITY_BANDS.find(b => memorySizeGb <= b.maxGb) ??
    REDIS_CAPACITY_BANDS[4]
  ).band;
}

/**
 * Memorystore prices from Catalog SKUs whose description names tier and band, e.g. "Redis Capacity
 * Basic M1 Iowa" or "Redis Capacity Standard M3 Seoul" (wording unverified, hence the pattern).
 */
export function redisPricesFromCatalog(
  skus: readonly CatalogSku[],
  region: string,
): RedisPrices {
  const prices: RedisPrices = structuredClone({
    ...REDIS_LIST_PRICES_USD,
    source: 'catalog' as const,
  });
  let found = 0;
  for (const sku of skus) {
    const m = /redis.*\b(basic|standard)\b.*\b(M[1-5])\b/i.exec(
      sku.description,
    );
    if (!m || !sku.regions.includes(region)) continue;
    const tier: RedisTier =
      m[1]!.toLowerCase() === 'basic' ? 'BASIC' : 'STANDARD_HA';
    // Catalog prices may be per GiBy.h or per GiBy.mo; only hourly ones are used.
    if (!/h/.test(sku.usageUnit)) continue;
    prices.perGbHour[tier][m[2]!.toUpperCase() as RedisBand] =
      marginalUnitPrice(sku);
    prices.currency = sku.currency;
    found++;
  }
  return found === 0 ? structuredClone(REDIS_LIST_PRICES_USD) : prices;
}

/** Monthly cost of one instance: GB × price per GB-hour of its band × 730 h. */
export function redisMonthlyCost(
  tier: RedisTier,
  memorySizeGb: number,
  prices: RedisPrices,
): number {
  return (
    memorySizeGb *
    prices.perGbHour[tier][redisBand(memorySizeGb)] *
    HOURS_PER_MONTH
  );
}

/** The monthly cost change of a Redis resize, with the formula behind it. */
export function redisResizeCostImpact(input: {
  tier: RedisTier;
  currentGb: number;
  proposedGb: number;
  prices: RedisPrices;
}): CostImpact {
  const { tier, currentGb, proposedGb, prices } = input;
  const before = redisMonthlyCost(tier, currentGb, prices);
  const after = redisMonthlyCost(tier, proposedGb, prices);
  const price = (gb: number) =>
    formatUnitPrice(prices.perGbHour[tier][redisBand(gb)], prices.currency);
  return {
    currency: prices.currency,
    priceSource: prices.source,
    figures: [
      {
        key: 'redisMonthly',
        label: `Memorystore ${
          tier === 'BASIC' ? 'Basic' : 'Standard'
        } capacity`,
        per: 'month',
        before,
        after,
        change: after - before,
        formula:
          `GB × price per GB-hour of the capacity band × ${HOURS_PER_MONTH} h: ` +
          `${formulaNumber(currentGb)} GB × ${price(currentGb)} (${redisBand(
            currentGb,
          )}) → ` +
          `${formulaNumber(proposedGb)} GB × ${price(proposedGb)} (${redisBand(
            proposedGb,
          )})`,
      },
    ],
    notes: [
      'Billed per provisioned GB, whether used or not; the band, and so the rate, depends on the size.',
    ],
  };
}
