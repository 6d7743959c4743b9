import { googleClientClass, type CloudCatalogClient } from '../googleClients';
import type { CatalogSku } from '@gcp-serverless/common';
import type { GcpServerlessConfig } from '../../config/config';
import type { GoogleCredentials } from '../credentials/GoogleCredentials';
import { guardClient } from '../credentials/guardClient';
import { callOptions, readWithRetry } from '../callSettings';
import { googleClientOptions } from '../googleClientOptions';
import { lazyClient } from '../lazyClient';
import { wrapGoogleError } from '../googleErrors';
import { moneyToNumber, type RawMoney } from './money';

/** Catalog service ids of the SKUs the cost model prices (Cloud Run's id per docs/google-apis.md §8, unverified). */
export const CATALOG_SERVICE_NAMES = {
  cloudRun: 'Cloud Run',
  networking: 'Networking',
  cloudTasks: 'Cloud Tasks',
  memorystore: 'Cloud Memorystore for Redis',
} as const;
/** Used when the service list does not name Cloud Run (docs/google-apis.md §8, unverified). */
export const CLOUD_RUN_CATALOG_SERVICE_ID = '152E-C115-5142';

interface RawSku {
  skuId?: string | null;
  description?: string | null;
  category?: {
    resourceFamily?: string | null;
    resourceGroup?: string | null;
    usageType?: string | null;
  } | null;
  serviceRegions?: string[] | null;
  pricingInfo?:
    | {
        pricingExpression?: {
          usageUnit?: string | null;
          tieredRates?:
            | {
                startUsageAmount?: number | null;
                unitPrice?: RawMoney | null;
              }[]
            | null;
        } | null;
      }[]
    | null;
}

function toSku(raw: RawSku): CatalogSku {
  // The latest pricingInfo is the one in force (the API returns the current one unless asked for history).
  const expression = raw.pricingInfo?.at(-1)?.pricingExpression;
  const rates = expression?.tieredRates ?? [];
  return {
    skuId: raw.skuId ?? '',
    description: raw.description ?? '',
    resourceFamily: raw.category?.resourceFamily ?? '',
    resourceGroup: raw.category?.resourceGroup ?? '',
    usageType: raw.category?.usageType ?? '',
    regions: [...(raw.serviceRegions ?? [])],
    usageUnit: expression?.usageUnit ?? '',
    tiers: rates.map(r => ({
      startUsageAmount: Number(r.startUsageAmount ?? 0),
      unitPrice: moneyToNumber(r.unitPrice),
    })),
    currency: rates[0]?.unitPrice?.currencyCode || 'USD',
  };
}

/**
 * Cloud Billing Catalog API v1: public list prices by SKU. Prices change rarely, so the SKUs of a
 * service are cached for `cacheMs` (an hour by default) — a preview must not cost a catalog walk.
 */
export class CatalogGateway {
  private readonly cache = new Map<
    string,
    { at: number; skus: Promise<CatalogSku[]> }
  >();
  private serviceIds: Promise<Map<string, string>> | undefined;
  private readonly client: CloudCatalogClient;
  private readonly options: {
    readMs: number;
    cacheMs?: number;
    now?: () => number;
    currencyCode?: string;
  };

  constructor(
    client: CloudCatalogClient,
    options: {
      readMs: number;
      cacheMs?: number;
      now?: () => number;
      currencyCode?: string;
    },
  ) {
    this.client = client;
    this.options = options;
  }

  static fromConfig(
    config: GcpServerlessConfig,
    credentials: GoogleCredentials,
  ): CatalogGateway {
    return new CatalogGateway(
      guardClient(
        lazyClient(
          () =>
            new (googleClientClass.catalog())(
              googleClientOptions(config) as never,
            ),
        ),
        credentials,
        ['listServices', 'listSkus'],
      ),
      { readMs: config.timeouts.readMs },
    );
  }

  /** SKUs of a Catalog service by display name (e.g. "Cloud Run"), in the configured currency. */
  async skusOf(serviceDisplayName: string): Promise<CatalogSku[]> {
    const ids = await this.serviceIdMap();
    const id =
      ids.get(serviceDisplayName) ??
      (serviceDisplayName === CATALOG_SERVICE_NAMES.cloudRun
        ? CLOUD_RUN_CATALOG_SERVICE_ID
        : undefined);
    if (!id) return [];
    return this.skus(id);
  }

  private async skus(serviceId: string): Promise<CatalogSku[]> {
    const now = (this.options.now ?? Date.now)();
    const hit = this.cache.get(serviceId);
    if (hit && now - hit.at < (this.options.cacheMs ?? 3_600_000))
      return hit.skus;
    const what = `reading Catalog prices of service ${serviceId}`;
    const skus = readWithRetry(
      () =>
        this.client.listSkus(
          {
            parent: `services/${serviceId}`,
            ...(this.options.currencyCode
              ? { currencyCode: this.options.currencyCode }
              : {}),
          },
          callOptions(this.options.readMs),
        ),
      this.options.readMs * 3,
      what,
    ).then(
      ([list]) => (list as RawSku[]).map(toSku),
      err => {
        this.cache.delete(serviceId);
        throw wrapGoogleError(err, what);
      },
    );
    this.cache.set(serviceId, { at: now, skus });
    return skus;
  }

  private serviceIdMap(): Promise<Map<string, string>> {
    const what = 'listing Cloud Billing Catalog services';
    this.serviceIds ??= readWithRetry(
      () => this.client.listServices({}, callOptions(this.options.readMs)),
      this.options.readMs * 3,
      what,
    ).then(
      ([services]) =>
        new Map(
          (
            services as {
              serviceId?: string | null;
              displayName?: string | null;
            }[]
          ).map(s => [s.displayName ?? '', s.serviceId ?? '']),
        ),
      err => {
        this.serviceIds = undefined;
        throw wrapGoogleError(err, what);
      },
    );
    return this.serviceIds;
  }
}
