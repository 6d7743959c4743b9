import { BudgetServiceClient } from '@google-cloud/billing-budgets';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../server';
import { sandboxClientOptions } from '../../run/servicesClientForSandbox';
import { budgetIdFor, SANDBOX_BILLING_ACCOUNT_ID } from '../billingState';

/** The real `@google-cloud/billing-budgets` BudgetServiceClient against the sandbox over HTTP. */

const ACCOUNT = `billingAccounts/${SANDBOX_BILLING_ACCOUNT_ID}`;
const GRYYD = `${ACCOUNT}/budgets/${budgetIdFor('gryyd-web')}`;

let sandbox: Sandbox;
let client: BudgetServiceClient;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    scenarios: ['gryyd-web', 'avocano-shop'],
    now: Date.parse('2026-03-03T12:00:00Z'),
  });
  client = new BudgetServiceClient(sandboxClientOptions(sandbox.port) as never);
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
});
beforeEach(() => sandbox.reset());

async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: number; message: string; statusDetails?: unknown[] }> {
  try {
    await promise;
  } catch (error) {
    return error as {
      code: number;
      message: string;
      statusDetails?: unknown[];
    };
  }
  throw new Error('expected the call to fail');
}

describe('Cloud Billing Budget API v1 with the official client', () => {
  it('lists one monthly budget per project, narrowed by scope', async () => {
    const [all] = await client.listBudgets({ parent: ACCOUNT });
    expect(all.map(b => b.displayName).sort()).toEqual([
      'avocano-shop monthly',
      'gryyd-web monthly',
    ]);
    const [gryyd] = await client.listBudgets({
      parent: ACCOUNT,
      scope: 'projects/gryyd-web',
    });
    expect(gryyd).toHaveLength(1);
    expect(gryyd[0]).toMatchObject({
      name: GRYYD,
      budgetFilter: {
        projects: ['projects/gryyd-web'],
        calendarPeriod: 'MONTH',
        creditTypesTreatment: 'INCLUDE_ALL_CREDITS',
      },
      amount: { specifiedAmount: { currencyCode: 'USD', units: '2500' } },
    });
    expect(
      gryyd[0]!.thresholdRules?.map(r => [r.thresholdPercent, r.spendBasis]),
    ).toEqual([
      [0.5, 'CURRENT_SPEND'],
      [0.9, 'CURRENT_SPEND'],
      [1, 'CURRENT_SPEND'],
      [1, 'FORECASTED_SPEND'],
    ]);
    const [paged, , response] = await client.listBudgets(
      { parent: ACCOUNT, pageSize: 1 },
      { autoPaginate: false },
    );
    expect(paged).toHaveLength(1);
    expect(response?.nextPageToken).toBeTruthy();
  });

  it('updates amount and thresholds with the etag read; the old etag is then stale (409 ABORTED)', async () => {
    const [before] = await client.getBudget({ name: GRYYD });
    const [updated] = await client.updateBudget({
      budget: {
        name: GRYYD,
        etag: before.etag,
        amount: {
          specifiedAmount: {
            currencyCode: 'USD',
            units: '2000',
            nanos: 500_000_000,
          },
        },
        thresholdRules: [
          { thresholdPercent: 0.8, spendBasis: 'FORECASTED_SPEND' },
        ],
      },
      updateMask: { paths: ['amount', 'threshold_rules'] },
    });
    expect(updated.amount?.specifiedAmount).toMatchObject({
      units: '2000',
      nanos: 500_000_000,
    });
    expect(updated.thresholdRules).toEqual([
      expect.objectContaining({
        thresholdPercent: 0.8,
        spendBasis: 'FORECASTED_SPEND',
      }),
    ]);
    expect(updated.displayName).toBe('gryyd-web monthly');
    expect(updated.etag).not.toBe(before.etag);
    expect((await client.getBudget({ name: GRYYD }))[0]).toEqual(updated);

    const stale = await rejection(
      client.updateBudget({
        budget: { name: GRYYD, etag: before.etag, displayName: 'x' },
        updateMask: { paths: ['display_name'] },
      }),
    );
    expect(stale.code).toBe(10);
    expect(stale.message).toContain('etag mismatch');
  });

  it('rejects invalid amounts and thresholds with 400 naming the field, and changes nothing', async () => {
    const [before] = await client.getBudget({ name: GRYYD });
    const negative = await rejection(
      client.updateBudget({
        budget: {
          name: GRYYD,
          amount: { specifiedAmount: { currencyCode: 'USD', units: '-5' } },
        },
        updateMask: { paths: ['amount'] },
      }),
    );
    expect(negative.code).toBe(3);
    expect(JSON.stringify(negative.statusDetails)).toContain(
      'budget.amount.specified_amount.units',
    );
    const euro = await rejection(
      client.updateBudget({
        budget: {
          name: GRYYD,
          amount: { specifiedAmount: { currencyCode: 'EUR', units: '5' } },
        },
        updateMask: { paths: ['amount'] },
      }),
    );
    expect(JSON.stringify(euro.statusDetails)).toContain(
      'budget.amount.specified_amount.currency_code',
    );
    const threshold = await rejection(
      client.updateBudget({
        budget: { name: GRYYD, thresholdRules: [{ thresholdPercent: -0.1 }] },
        updateMask: { paths: ['threshold_rules'] },
      }),
    );
    expect(JSON.stringify(threshold.statusDetails)).toContain(
      'budget.threshold_rules[0].threshold_percent',
    );
    const badMask = await rejection(
      client.updateBudget({
        budget: { name: GRYYD },
        updateMask: { paths: ['spend'] },
      }),
    );
    expect(JSON.stringify(badMask.statusDetails)).toContain('update_mask');
    expect((await client.getBudget({ name: GRYYD }))[0]).toEqual(before);
  });

  it('switches the period to a quarter without a mask (only non-default fields change)', async () => {
    const [updated] = await client.updateBudget({
      budget: {
        name: GRYYD,
        budgetFilter: {
          projects: ['projects/gryyd-web'],
          calendarPeriod: 'QUARTER',
        },
      },
    });
    expect(updated.budgetFilter?.calendarPeriod).toBe('QUARTER');
    expect(updated.amount?.specifiedAmount?.units).toBe('2500');
  });

  it('answers 404 for an unknown budget or billing account', async () => {
    expect(
      (await rejection(client.getBudget({ name: `${ACCOUNT}/budgets/nope` })))
        .code,
    ).toBe(5);
    expect(
      (
        await rejection(
          client.listBudgets({
            parent: 'billingAccounts/000000-000000-000000',
          }),
        )
      ).code,
    ).toBe(5);
  });
});
