import {
  cloudRunPricesFromCatalog,
  CLOUD_RUN_LIST_PRICES_USD,
  parseCpuLimit,
  parseMemoryGiB,
  scalingCostImpact,
  type CloudRunPrices,
  type CloudRunService,
  type CostImpact,
  type ScalingSettings,
} from '@gcp-serverless/common';
import {
  CATALOG_SERVICE_NAMES,
  type CatalogGateway,
} from '../../gateways/billing/CatalogGateway';
import type { PluginLogger } from '../AuditLog';

/**
 * The cost side of a scaling preview: Catalog prices of the service's region (cached by the
 * gateway) into the pure model of `common/src/cost`. The Catalog failing never fails a preview: the
 * list prices of docs/google-apis.md §8 are used instead and the impact says so.
 */
export class ScalingCostEstimator {
  private readonly deps: { catalog?: CatalogGateway; logger: PluginLogger };

  constructor(deps: { catalog?: CatalogGateway; logger: PluginLogger }) {
    this.deps = deps;
  }

  async impact(
    service: CloudRunService,
    proposed: ScalingSettings,
  ): Promise<CostImpact> {
    const prices = await this.prices(service.region);
    const impact = scalingCostImpact({
      current: service.scaling,
      proposed,
      cpu: parseCpuLimit(service.cpu),
      memoryGiB: parseMemoryGiB(service.memory),
      cpuIdle: service.cpuIdle,
      prices,
    });
    if (prices.source === 'list-prices') {
      impact.notes.push(
        "Priced on Google's published list prices (tier-1 regions, USD): the Cloud Billing Catalog was not available.",
      );
    }
    return impact;
  }

  /** Cloud Run prices of `region` from the Catalog, or the list prices when it is unavailable. */
  async prices(region: string): Promise<CloudRunPrices> {
    if (!this.deps.catalog) return CLOUD_RUN_LIST_PRICES_USD;
    try {
      return cloudRunPricesFromCatalog(
        await this.deps.catalog.skusOf(CATALOG_SERVICE_NAMES.cloudRun),
        region,
      );
    } catch (err) {
      this.deps.logger.warn(
        'Catalog prices unavailable; scaling cost uses list prices',
        { error: err instanceof Error ? err.message : String(err) },
      );
      return CLOUD_RUN_LIST_PRICES_USD;
    }
  }
}
