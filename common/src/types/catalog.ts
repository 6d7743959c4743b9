/** One price tier of a SKU: from `startUsageAmount` usage units on, each unit costs `unitPrice`. */
export interface PriceTier {
  /** In the SKU's usage unit (e.g. vCPU-seconds, GiBy.s, requests). */
  startUsageAmount: number;
  /** Currency units per usage unit (units + nanos of Google's Money). */
  unitPrice: number;
}

/** A Cloud Billing Catalog SKU reduced to what the cost model needs (cloudbilling v1 `Sku`). */
export interface CatalogSku {
  skuId: string;
  description: string;
  /** `category.resourceFamily`, e.g. "Compute", "Network". */
  resourceFamily: string;
  /** `category.resourceGroup`, e.g. "CPU", "RAM". */
  resourceGroup: string;
  /** `category.usageType`, e.g. "OnDemand". */
  usageType: string;
  /** Regions the price applies to (`serviceRegions`), e.g. ["us-central1"] or ["global"]. */
  regions: string[];
  /** `pricingExpression.usageUnit`, e.g. "s", "GiBy.s", "count", "GiBy", "GiBy.h". */
  usageUnit: string;
  tiers: PriceTier[];
  /** ISO 4217 code of the tier prices. */
  currency: string;
}

/** One figure of a cost impact: before, after and the formula with the numbers that made it. */
export interface CostFigure {
  /** Stable key, e.g. "idleMonthly". */
  key: string;
  /** e.g. "Idle cost of min instances". */
  label: string;
  /** What one figure measures: money per month or per hour. */
  per: 'month' | 'hour';
  before: number;
  after: number;
  /** after − before. */
  change: number;
  /** The formula with the actual numbers, e.g. "2 × 730 h × 3,600 s × (1 vCPU × $0.0000025 + …)". */
  formula: string;
}

/** The cost side of a change preview (scaling, Redis resize, CDN policy). Pure result of `common/src/cost`. */
export interface CostImpact {
  /** ISO 4217 code of every amount. */
  currency: string;
  figures: CostFigure[];
  /** `catalog`: prices read from the Cloud Billing Catalog; `list-prices`: the published list prices (docs/google-apis.md §8). */
  priceSource: 'catalog' | 'list-prices';
  /** Caveats the user should read with the numbers (free tiers, estimates). */
  notes: string[];
}
