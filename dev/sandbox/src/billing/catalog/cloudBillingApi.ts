import type {
  SandboxApi,
  SandboxApiDeps,
  SandboxRequest,
  SandboxRoute,
} from '../../api';
import { GoogleApiError, invalidArgument, notFound } from '../../googleError';
import { billingOf } from '../billingState';
import { pageOf } from '../pageTokens';
import { decodePath } from '../pathCodec';
import {
  allServicesJson,
  billingAccountJson,
  projectBillingInfoJson,
  skuJson,
} from './catalogJson';
import { CATALOG_SERVICES, CATALOG_SKUS } from './skuTable';

/** Default and largest page of services.list / skus.list (Google documents 5000 as the maximum; the default is unverified). */
export const CATALOG_PAGE_SIZE = 5000;

const SERVICES = /^\/v1\/services$/;
const SKUS = /^\/v1\/services\/([^/]+)\/skus$/;
const ACCOUNT = /^\/v1\/billingAccounts\/([^/]+)$/;
const PROJECT_BILLING = /^\/v1\/projects\/([^/]+)\/billingInfo$/;

function checkTimestamp(query: URLSearchParams, key: string): void {
  const value =
    query.get(key) ??
    query.get(key.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`));
  if (value !== null && Number.isNaN(Date.parse(value))) {
    throw invalidArgument(`Invalid ${key} ${value}`, [
      {
        field: key.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`),
        description: 'must be an RFC 3339 timestamp',
      },
    ]);
  }
}

/**
 * Cloud Billing API v1 (cloudbilling.googleapis.com) as the official `@google-cloud/billing`
 * CloudCatalogClient and CloudBillingClient call it with `fallback: true`: `GET /v1/services`,
 * `GET /v1/services/{id}/skus?currencyCode=USD&startTime=&endTime=&pageSize=&pageToken=`,
 * `GET /v1/billingAccounts/{a}` (its `currencyCode`), `GET /v1/projects/{p}/billingInfo`.
 * Prices are the sandbox's SKU table (skuTable.ts), only in the account's currency.
 */
export function createCloudBillingApi(deps: SandboxApiDeps): SandboxApi {
  const route = (method: string, handle: () => unknown): SandboxRoute => ({
    method,
    handle: () => ({ status: 200, body: handle() }),
  });

  function listServices(query: URLSearchParams): unknown {
    const { page, nextPageToken } = pageOf(
      allServicesJson(),
      'services',
      query,
      CATALOG_PAGE_SIZE,
      CATALOG_PAGE_SIZE,
    );
    return nextPageToken
      ? { services: page, nextPageToken }
      : { services: page };
  }

  function listSkus(serviceId: string, query: URLSearchParams): unknown {
    if (!CATALOG_SERVICES.some(s => s.serviceId === serviceId))
      throw notFound(`Service 'services/${serviceId}' was not found.`);
    const currency = billingOf(deps.world).currency;
    const asked = query.get('currencyCode') ?? query.get('currency_code') ?? '';
    if (asked !== '' && asked !== currency) {
      // Google converts with currencyConversionRate; the sandbox keeps one currency (a documented gap).
      throw invalidArgument(
        `The sandbox prices only in ${currency}, not ${asked}`,
        [
          {
            field: 'currency_code',
            description: `unsupported currency ${asked}`,
          },
        ],
      );
    }
    checkTimestamp(query, 'startTime');
    checkTimestamp(query, 'endTime');
    const skus = CATALOG_SKUS.filter(s => s.serviceId === serviceId).map(s =>
      skuJson(s, currency),
    );
    const { page, nextPageToken } = pageOf(
      skus,
      `services/${serviceId}/skus`,
      query,
      CATALOG_PAGE_SIZE,
      CATALOG_PAGE_SIZE,
    );
    return nextPageToken ? { skus: page, nextPageToken } : { skus: page };
  }

  function match(request: SandboxRequest): SandboxRoute | null {
    const path = decodePath(request.path);
    if (path === undefined) return null;
    const get = request.method === 'GET';
    if (SERVICES.test(path))
      return get
        ? route('cloudbilling.services.list', () => listServices(request.query))
        : unimplemented(request);
    const skus = SKUS.exec(path);
    if (skus)
      return get
        ? route('cloudbilling.skus.list', () =>
            listSkus(skus[1]!, request.query),
          )
        : unimplemented(request);
    const account = ACCOUNT.exec(path);
    if (account) {
      return get
        ? route('cloudbilling.billingAccounts.get', () => {
            const billing = billingOf(deps.world);
            if (account[1] !== billing.accountId)
              throw notFound(
                `Billing account 'billingAccounts/${account[1]}' was not found or permission denied.`,
              );
            return billingAccountJson(billing);
          })
        : unimplemented(request);
    }
    const project = PROJECT_BILLING.exec(path);
    if (project) {
      return get
        ? route('cloudbilling.projects.getBillingInfo', () => {
            if (!deps.world.projects.has(project[1]!))
              throw notFound(
                `Project '${project[1]}' not found or permission denied.`,
              );
            return projectBillingInfoJson(billingOf(deps.world), project[1]!);
          })
        : unimplemented(request);
    }
    return null;
  }

  function unimplemented(request: SandboxRequest): SandboxRoute {
    return route('cloudbilling.unimplemented', () => {
      throw new GoogleApiError(
        501,
        'UNIMPLEMENTED',
        `The sandbox does not emulate ${request.method} ${request.path}`,
      );
    });
  }

  return { name: 'cloudbilling', match };
}
