import type { CatalogSku } from '../types/catalog';

/** Cloud Run unit prices in one currency, per second of one vCPU or one GiB, and per million requests. */
export interface CloudRunPrices {
  /** ISO 4217 code. */
  currency: string;
  /** Request-based billing (cpuIdle true): per vCPU-second while serving requests. */
  requestCpuPerVcpuSecond: number;
  /** Request-based billing: per GiB-second while serving requests. */
  requestMemoryPerGibSecond: number;
  /** Request-based billing: per million requests (instance-based billing has no request fee). */
  requestsPerMillion: number;
  /** Request-based billing: idle min instances, per vCPU-second. */
  idleCpuPerVcpuSecond: number;
  /** Request-based billing: idle min instances, per GiB-second. */
  idleMemoryPerGibSecond: number;
  /** Instance-based billing (cpuIdle false): per vCPU-second the instance lives. */
  instanceCpuPerVcpuSecond: number;
  /** Instance-based billing: per GiB-second the instance lives. */
  instanceMemoryPerGibSecond: number;
  /** Where the numbers come from. */
  source: 'catalog' | 'list-prices';
}

/**
 * List prices of docs/google-apis.md §8 (tier-1 regions, USD), used when the Catalog API has no matching SKU.
 * Unverified there, and so here: instance-based memory ($0.000002 per GiB-s) and idle min-instance
 * CPU ($0.0000025 per vCPU-s); idle memory is taken equal to active memory (our assumption).
 */
export const CLOUD_RUN_LIST_PRICES_USD: CloudRunPrices = {
  currency: 'USD',
  requestCpuPerVcpuSecond: 0.000024,
  requestMemoryPerGibSecond: 0.0000025,
  requestsPerMillion: 0.4,
  idleCpuPerVcpuSecond: 0.0000025,
  idleMemoryPerGibSecond: 0.0000025,
  instanceCpuPerVcpuSecond: 0.000018,
  instanceMemoryPerGibSecond: 0.000002,
  source: 'list-prices',
};

/** Hours in a billing month as Google's calculators and Infracost count them. */
export const HOURS_PER_MONTH = 730;

/**
 * The marginal unit price of a tiered SKU: the last tier's price. A change adds usage on top of what
 * the account already uses, so free tiers (price 0 in the first tier) are assumed to be used up.
 */
export function marginalUnitPrice(sku: Pick<CatalogSku, 'tiers'>): number {
  const sorted = [...sku.tiers].sort(
    (a, b) => a.startUsageAmount - b.startUsageAmount,
  );
  return sorted.at(-1)?.unitPrice ?? 0;
}

type CloudRunPriceKey = Exclude<keyof CloudRunPrices, 'currency' | 'source'>;

/**
 * Which Cloud Run price a SKU description names. Order matters: "Idle Min-Instance CPU" mentions both
 * idle and instance. Descriptions follow the Catalog's wording ("CPU Allocation Time", "Memory
 * Allocation Time", "Requests", "Idle Min-Instance CPU Allocation Time", "… (Instance-based billing)");
 * the exact strings vary by region and over time (unverified), hence patterns, not equality.
 */
export function cloudRunPriceKey(
  description: string,
): CloudRunPriceKey | undefined {
  const d = description.toLowerCase();
  const cpu = /\bcpu\b/.test(d);
  const memory = /memory|\bram\b/.test(d);
  if (/idle/.test(d)) {
    if (cpu) return 'idleCpuPerVcpuSecond';
    return memory ? 'idleMemoryPerGibSecond' : undefined;
  }
  if (/instance-based|always[- ]allocated|always-on/.test(d)) {
    if (cpu) return 'instanceCpuPerVcpuSecond';
    return memory ? 'instanceMemoryPerGibSecond' : undefined;
  }
  if (cpu) return 'requestCpuPerVcpuSecond';
  if (memory) return 'requestMemoryPerGibSecond';
  if (/request/.test(d)) return 'requestsPerMillion';
  return undefined;
}

/**
 * Cloud Run prices of one region from Catalog SKUs (`services/152E-C115-5142/skus`, id unverified).
 * A SKU listing the region wins over one listing "global"; prices missing from the Catalog fall back
 * to {@link CLOUD_RUN_LIST_PRICES_USD} and the result is then labelled `list-prices`.
 */
export function cloudRunPricesFromCatalog(
  skus: readonly CatalogSku[],
  region: string,
): CloudRunPrices {
  const prices: CloudRunPrices = {
    ...CLOUD_RUN_LIST_PRICES_USD,
    source: 'catalog',
  };
  const found = new Map<
    CloudRunPriceKey,
    { price: number; regional: boolean }
  >();
  for (const sku of skus) {
    const key = cloudRunPriceKey(sku.description);
    if (!key) continue;
    const regional = sku.regions.includes(region);
    if (!regional && !sku.regions.includes('global')) continue;
    const previous = found.get(key);
    if (previous && (previous.regional || !regional)) continue;
    const unit = marginalUnitPrice(sku);
    found.set(key, {
      price: key === 'requestsPerMillion' ? unit * 1e6 : unit,
      regional,
    });
    prices.currency = sku.currency;
  }
  if (found.size === 0) return { ...CLOUD_RUN_LIST_PRICES_USD };
  for (const [key, { price }] of found) prices[key] = price;
  // Catalogs without an idle-memory SKU bill idle min-instance memory at the request-based rate.
  if (
    !found.has('idleMemoryPerGibSecond') &&
    found.has('requestMemoryPerGibSecond')
  ) {
    prices.idleMemoryPerGibSecond = prices.requestMemoryPerGibSecond;
  }
  return prices;
}
