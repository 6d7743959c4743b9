import {
  cdnPolicyCostImpact,
  cdnPricesFromCatalog,
  cdnTrafficOf,
  CDN_ASSUMED_MEAN_RESPONSE_BYTES,
  CDN_LIST_PRICES_USD,
  expectedHitRatio,
  formulaNumber,
  redisPricesFromCatalog,
  redisResizeCostImpact,
  REDIS_LIST_PRICES_USD,
  type CdnPolicyChange,
  type CdnPrices,
  type CostImpact,
  type RedisChange,
  type RedisInstance,
  type RedisPrices,
} from '@gcp-serverless/common';
import {
  CATALOG_SERVICE_NAMES,
  type CatalogGateway,
} from '../../gateways/billing/CatalogGateway';
import type { PluginLogger } from '../AuditLog';
import { hitRatioOf } from '../LoadBalancerMetrics';

const LIST_PRICES_NOTE =
  "Priced on Google's published list prices (USD): the Cloud Billing Catalog was not available.";

/** The cost block of a CDN preview, or why there is none. */
export type CdnCostResult = { cost: CostImpact } | { costUnavailable: string };

/**
 * The cost side of the Redis and CDN previews: Catalog prices (cached by the gateway) into the pure
 * models of `common/src/cost`. As for scaling, the Catalog failing never fails a preview: the list
 * prices are used and the impact says so in its notes.
 */
export class PreviewCostEstimator {
  private readonly deps: { catalog?: CatalogGateway; logger: PluginLogger };

  constructor(deps: { catalog?: CatalogGateway; logger: PluginLogger }) {
    this.deps = deps;
  }

  /** Monthly change of a Memorystore resize; undefined when the memory size does not change. */
  async redis(
    instance: RedisInstance,
    change: RedisChange,
  ): Promise<CostImpact | undefined> {
    if (change.memorySizeGb === instance.memorySizeGb) return undefined;
    const prices = await this.prices<RedisPrices>(
      CATALOG_SERVICE_NAMES.memorystore,
      skus => redisPricesFromCatalog(skus, instance.region),
      REDIS_LIST_PRICES_USD,
    );
    const impact = redisResizeCostImpact({
      tier: instance.tier === 'STANDARD_HA' ? 'STANDARD_HA' : 'BASIC',
      currentGb: instance.memorySizeGb,
      proposedGb: change.memorySizeGb,
      prices,
    });
    if (prices.source === 'list-prices') impact.notes.push(LIST_PRICES_NOTE);
    return impact;
  }

  /**
   * Expected change in cache egress vs cache fill of a policy change, from the backend's requests by
   * cache result over `windowSeconds` (null when Monitoring could not be read).
   */
  async cdn(input: {
    current: CdnPolicyChange;
    proposed: CdnPolicyChange;
    cacheResults: Map<string, number> | null | undefined;
    windowSeconds: number;
  }): Promise<CdnCostResult> {
    if (input.cacheResults === null)
      return {
        costUnavailable:
          'Cloud Monitoring could not be read, so the served volume and hit ratio are unknown',
      };
    const h0 = hitRatioOf(input.cacheResults);
    const expected = expectedHitRatio(input.current, input.proposed, h0);
    if (expected.ratio === null) return { costUnavailable: expected.reason };
    const c = input.cacheResults;
    const cacheable =
      (c?.get('HIT') ?? 0) +
      (c?.get('MISS') ?? 0) +
      (c?.get('PARTIAL_HIT') ?? 0);
    if (h0 === null || cacheable === 0)
      return {
        costUnavailable:
          'Cloud Monitoring has no cacheable requests for this backend over the last 7 days',
      };
    const prices = await this.prices<CdnPrices>(
      CATALOG_SERVICE_NAMES.networking,
      cdnPricesFromCatalog,
      CDN_LIST_PRICES_USD,
    );
    const perSecond = cacheable / input.windowSeconds;
    const impact = cdnPolicyCostImpact(
      cdnTrafficOf({
        cacheableRequestsPerSecond: perSecond,
        currentHitRatio: h0,
        proposedHitRatio: expected.ratio,
      }),
      prices,
    );
    if (!impact)
      return { costUnavailable: 'The metrics do not allow an estimate' };
    impact.notes.push(
      `Served volume = ${formulaNumber(
        perSecond,
        2,
      )} cacheable requests/s (HIT + MISS + PARTIAL_HIT, last 7 days) × 730 h × ` +
        `${formulaNumber(
          CDN_ASSUMED_MEAN_RESPONSE_BYTES / 1024,
        )} KiB assumed mean response (request counts carry no bytes).`,
      `Expected hit ratio: ${expected.basis}.`,
    );
    if (prices.source === 'list-prices') impact.notes.push(LIST_PRICES_NOTE);
    return { cost: impact };
  }

  private async prices<P>(
    service: string,
    fromSkus: (skus: Awaited<ReturnType<CatalogGateway['skusOf']>>) => P,
    fallback: P,
  ): Promise<P> {
    if (!this.deps.catalog) return fallback;
    try {
      return fromSkus(await this.deps.catalog.skusOf(service));
    } catch (err) {
      this.deps.logger.warn(
        `Catalog prices of ${service} unavailable; the preview uses list prices`,
        { error: err instanceof Error ? err.message : String(err) },
      );
      return fallback;
    }
  }
}
