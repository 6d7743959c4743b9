import type { SandboxBilling } from '../billingState';
import {
  CATALOG_SERVICES,
  serviceDisplayName,
  type SandboxSku,
} from './skuTable';

/**
 * The sandbox catalog as Cloud Billing API v1 JSON (google/cloud/billing/v1/cloud_catalog.proto and
 * cloud_billing.proto): camelCase, enums as names, int64 Money units as strings.
 */

type Json = Record<string, unknown>;

/** When the sandbox prices took effect (one price version for all time). */
export const PRICES_EFFECTIVE_TIME = '2025-01-01T00:00:00Z';

/** A USD amount as google.type.Money: whole units (int64 string) and nanos (same sign). */
export function money(
  amount: number,
  currencyCode: string,
): { currencyCode: string; units: string; nanos: number } {
  const units = Math.trunc(amount);
  return {
    currencyCode,
    units: String(units),
    nanos: Math.round((amount - units) * 1e9),
  };
}

/** A catalog Service. */
export function serviceJson(serviceId: string): Json {
  return {
    name: `services/${serviceId}`,
    serviceId,
    displayName: serviceDisplayName(serviceId),
    businessEntityName: 'businessEntities/GCP',
  };
}

/** Every catalog service. */
export function allServicesJson(): Json[] {
  return CATALOG_SERVICES.map(s => serviceJson(s.serviceId));
}

function geoTaxonomy(regions: string[]): Json {
  if (regions.includes('global')) return { type: 'GLOBAL', regions: [] };
  return regions.length === 1
    ? { type: 'REGIONAL', regions }
    : { type: 'MULTI_REGIONAL', regions };
}

/** A catalog Sku: one pricingInfo with the tiered rates; free tiers aggregate per account and month. */
export function skuJson(sku: SandboxSku, currencyCode: string): Json {
  return {
    name: `services/${sku.serviceId}/skus/${sku.skuId}`,
    skuId: sku.skuId,
    description: sku.description,
    category: {
      serviceDisplayName: serviceDisplayName(sku.serviceId),
      resourceFamily: sku.resourceFamily,
      resourceGroup: sku.resourceGroup,
      usageType: 'OnDemand',
    },
    serviceRegions: sku.regions,
    pricingInfo: [
      {
        effectiveTime: PRICES_EFFECTIVE_TIME,
        summary: '',
        pricingExpression: {
          usageUnit: sku.usageUnit,
          displayQuantity: 1,
          tieredRates: sku.tiers.map(t => ({
            startUsageAmount: t.startUsageAmount,
            unitPrice: money(t.unitPrice, currencyCode),
          })),
          usageUnitDescription: sku.usageUnitDescription,
          baseUnit: sku.baseUnit,
          baseUnitDescription: sku.baseUnit,
          baseUnitConversionFactor: sku.baseUnitConversionFactor,
        },
        aggregationInfo: {
          aggregationLevel: 'ACCOUNT',
          aggregationInterval: 'MONTHLY',
          aggregationCount: 1,
        },
        currencyConversionRate: 1,
      },
    ],
    serviceProviderName: 'Google',
    geoTaxonomy: geoTaxonomy(sku.regions),
  };
}

/** The BillingAccount resource of the sandbox account (its currency is what the portal formats costs in). */
export function billingAccountJson(billing: SandboxBilling): Json {
  return {
    name: `billingAccounts/${billing.accountId}`,
    open: true,
    displayName: 'Sandbox billing account',
    masterBillingAccount: '',
    parent: '',
    currencyCode: billing.currency,
  };
}

/** The ProjectBillingInfo of a project paid by the sandbox account. */
export function projectBillingInfoJson(
  billing: SandboxBilling,
  projectId: string,
): Json {
  return {
    name: `projects/${projectId}/billingInfo`,
    projectId,
    billingAccountName: `billingAccounts/${billing.accountId}`,
    billingEnabled: true,
  };
}
