import { CloudBillingClient, CloudCatalogClient } from '@google-cloud/billing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxClientOptions } from '../../run/servicesClientForSandbox';
import { startSandbox, type Sandbox } from '../../server';
import { SANDBOX_BILLING_ACCOUNT_ID } from '../billingState';
import { CLOUD_RUN_SERVICE_ID } from './skuTable';

/** The real `@google-cloud/billing` CloudCatalogClient and CloudBillingClient against the sandbox over HTTP. */

let sandbox: Sandbox;
let catalog: CloudCatalogClient;
let billing: CloudBillingClient;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, scenarios: ['gryyd-web'] });
  catalog = new CloudCatalogClient(sandboxClientOptions(sandbox.port) as never);
  billing = new CloudBillingClient(sandboxClientOptions(sandbox.port) as never);
});
afterAll(async () => {
  await catalog.close();
  await billing.close();
  await sandbox.close();
});

const price = (
  money: { units?: unknown; nanos?: number | null } | null | undefined,
) => Number(String(money?.units ?? 0)) + (money?.nanos ?? 0) / 1e9;

describe('Cloud Billing Catalog and Billing API v1 with the official clients', () => {
  it('lists the services and the Cloud Run SKUs with the prices of docs/google-apis.md §8', async () => {
    const [services] = await catalog.listServices({});
    expect(services.map(s => s.displayName)).toEqual([
      'Cloud Run',
      'Networking',
      'Cloud Tasks',
      'Cloud Memorystore for Redis',
    ]);
    const [skus] = await catalog.listSkus({
      parent: `services/${CLOUD_RUN_SERVICE_ID}`,
      currencyCode: 'USD',
    });
    const cpu = skus.find(
      s =>
        s.description === 'CPU Allocation Time (request-based billing) Tier 1',
    )!;
    expect(cpu.category).toMatchObject({
      serviceDisplayName: 'Cloud Run',
      usageType: 'OnDemand',
    });
    const expression = cpu.pricingInfo![0]!.pricingExpression!;
    expect(expression.usageUnit).toBe('s');
    expect(
      expression.tieredRates!.map(t => [
        t.startUsageAmount,
        price(t.unitPrice),
      ]),
    ).toEqual([
      [0, 0],
      [180000, 0.000024],
    ]);
    expect(cpu.pricingInfo![0]!.aggregationInfo).toMatchObject({
      aggregationLevel: 'ACCOUNT',
      aggregationInterval: 'MONTHLY',
    });
    const tier2 = skus.find(
      s =>
        s.description === 'CPU Allocation Time (request-based billing) Tier 2',
    )!;
    expect(tier2.serviceRegions).toContain('asia-northeast3');
    expect(
      price(
        tier2.pricingInfo![0]!.pricingExpression!.tieredRates![1]!.unitPrice,
      ),
    ).toBeCloseTo(0.0000336, 12);
    const requests = skus.find(s => s.description === 'Requests')!;
    expect(
      price(
        requests.pricingInfo![0]!.pricingExpression!.tieredRates![1]!.unitPrice,
      ) * 1e6,
    ).toBeCloseTo(0.4, 9);
    const memory = skus.find(
      s =>
        s.description ===
        'Memory Allocation Time (instance-based billing) Tier 1',
    )!;
    expect(memory.pricingInfo![0]!.pricingExpression).toMatchObject({
      usageUnit: 'GiBy.s',
      baseUnit: 'By.s',
      baseUnitConversionFactor: 2 ** 30,
    });
  });

  it('pages SKUs and rejects a foreign currency and an unknown service', async () => {
    const [page, , response] = await catalog.listSkus(
      { parent: 'services/SBX3-REDI-0001', pageSize: 4 },
      { autoPaginate: false },
    );
    expect(page).toHaveLength(4);
    const [all] = await catalog.listSkus({ parent: 'services/SBX3-REDI-0001' });
    expect(all).toHaveLength(10);
    expect(response?.nextPageToken).toBeTruthy();
    await expect(
      catalog.listSkus({
        parent: `services/${CLOUD_RUN_SERVICE_ID}`,
        currencyCode: 'EUR',
      }),
    ).rejects.toMatchObject({ code: 3 });
    await expect(
      catalog.listSkus({ parent: 'services/NOPE' }),
    ).rejects.toMatchObject({ code: 5 });
  });

  it('reads the billing account currency and a project billing info', async () => {
    const [account] = await billing.getBillingAccount({
      name: `billingAccounts/${SANDBOX_BILLING_ACCOUNT_ID}`,
    });
    expect(account).toMatchObject({ currencyCode: 'USD', open: true });
    const [info] = await billing.getProjectBillingInfo({
      name: 'projects/gryyd-web',
    });
    expect(info).toMatchObject({
      billingAccountName: `billingAccounts/${SANDBOX_BILLING_ACCOUNT_ID}`,
      billingEnabled: true,
      projectId: 'gryyd-web',
    });
    await expect(
      billing.getProjectBillingInfo({ name: 'projects/nope' }),
    ).rejects.toMatchObject({ code: 5 });
  });
});
