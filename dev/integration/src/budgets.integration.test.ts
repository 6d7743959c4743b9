import { BudgetServiceClient } from '@google-cloud/billing-budgets';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  readGcpServerlessConfig,
  googleClientOptions,
} from '@gcp-serverless/plugin-backend';
import { startTestBackend, type TestBackend } from './startTestBackend';

// The sandbox's billing account (dev/sandbox/src/billing/billingState.ts).
const ACCOUNT = '012345-6789AB-CDEF01';
let backend: TestBackend;
let budgetId: string;

beforeAll(async () => {
  backend = await startTestBackend({
    scenarios: ['gryyd-web', 'avocano-shop'],
    config: () => ({ billing: { accountId: ACCOUNT } }),
  });
});
afterAll(async () => backend?.close());
beforeEach(async () => {
  await backend.control('POST', '/reset');
  const list = await backend.call('GET', '/billing/budgets');
  budgetId = list.body.budgets.find(
    (b: { displayName: string }) => b.displayName === 'gryyd-web monthly',
  ).budgetId;
});

/** The real client straight at the sandbox, as gcloud would use it. */
async function withClient<T>(
  fn: (client: BudgetServiceClient) => Promise<T>,
): Promise<T> {
  const config = readGcpServerlessConfig({
    mode: 'sandbox',
    sandbox: { endpoint: backend.sandbox.url },
    projects: [{ projectId: 'gryyd-web', regions: ['asia-northeast3'] }],
  });
  const client = new BudgetServiceClient(googleClientOptions(config) as never);
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

const change = {
  amount: 1800.5,
  thresholds: [
    { percent: 75, spendBasis: 'CURRENT_SPEND' },
    { percent: 100, spendBasis: 'FORECASTED_SPEND' },
  ],
  period: 'MONTH',
};

describe('budgets through the real BudgetServiceClient', () => {
  it('lists every budget of the account with amount, period, scope, thresholds and spend', async () => {
    const res = await backend.call('GET', '/billing/budgets');
    expect(res.status).toBe(200);
    expect(res.body.billingAccount).toBe(ACCOUNT);
    const gryyd = res.body.budgets.find(
      (b: { budgetId: string }) => b.budgetId === budgetId,
    );
    const [raw] = await withClient(c =>
      c.getBudget({ name: `billingAccounts/${ACCOUNT}/budgets/${budgetId}` }),
    );
    expect(gryyd).toMatchObject({
      amount: Number(raw.amount?.specifiedAmount?.units),
      currency: 'USD',
      period: 'MONTH',
      projects: ['gryyd-web'],
      thresholds: [
        { percent: 0.5, spendBasis: 'CURRENT_SPEND' },
        { percent: 0.9, spendBasis: 'CURRENT_SPEND' },
        { percent: 1, spendBasis: 'CURRENT_SPEND' },
        { percent: 1, spendBasis: 'FORECASTED_SPEND' },
      ],
    });
    expect(gryyd.spend.actual).toBeGreaterThan(0);
    expect(gryyd.spend.forecast).toBeGreaterThanOrEqual(gryyd.spend.actual);
  });

  it('adds up this month across all projects from the same rows as the budgets’ spend', async () => {
    const res = await backend.call('GET', '/billing/budgets');
    const { month, budgets } = res.body;
    expect(
      month.projects.map((p: { projectId: string }) => p.projectId),
    ).toEqual(['gryyd-web', 'avocano-shop']);
    // A budget scoped to one project has that project's spend and forecast.
    const gryyd = budgets.find(
      (b: { budgetId: string }) => b.budgetId === budgetId,
    );
    const own = month.projects.find(
      (p: { projectId: string }) => p.projectId === 'gryyd-web',
    );
    expect(own.monthToDate.net).toBeCloseTo(gryyd.spend.actual, 6);
    expect(own.forecast).toBeCloseTo(gryyd.spend.forecast, 6);
    const sum = (
      f: (p: { monthToDate: { net: number }; forecast: number }) => number,
    ) => month.projects.reduce((s: number, p: never) => s + f(p), 0);
    expect(month.total.monthToDate.net).toBeCloseTo(
      sum(p => p.monthToDate.net),
      6,
    );
    expect(month.total.forecast).toBeCloseTo(
      sum(p => p.forecast),
      6,
    );
    const monthly = budgets.filter(
      (b: { period: string; amount: number | null }) =>
        b.period === 'MONTH' && b.amount !== null,
    );
    expect(month.total.budget).toBe(
      monthly.reduce((s: number, b: { amount: number }) => s + b.amount, 0),
    );
  });

  it('previews (diff, etag) and applies with the etag; Google has the new values', async () => {
    const preview = await backend.call(
      'POST',
      `/billing/budgets/${budgetId}/preview`,
      { change },
    );
    expect(preview.status).toBe(200);
    expect(preview.body.diff.map((d: { field: string }) => d.field)).toEqual([
      'amount',
      'thresholds',
    ]);
    const applied = await backend.call(
      'POST',
      `/billing/budgets/${budgetId}/apply`,
      { change, etag: preview.body.etag },
    );
    expect(applied.status).toBe(200);
    expect(applied.body.budget).toMatchObject({
      amount: 1800.5,
      thresholds: [
        { percent: 0.75 },
        { percent: 1, spendBasis: 'FORECASTED_SPEND' },
      ],
    });
    expect(applied.body.budget.etag).not.toBe(preview.body.etag);
    expect(backend.audit.entries.at(-1)).toMatchObject({
      action: 'budget.apply',
      result: 'succeeded',
      actor: 'test-user',
    });

    // Read back through Google's API directly, not through the plugin.
    const [raw] = await withClient(c =>
      c.getBudget({ name: `billingAccounts/${ACCOUNT}/budgets/${budgetId}` }),
    );
    expect(raw.amount?.specifiedAmount).toMatchObject({
      units: '1800',
      nanos: 500_000_000,
    });
    expect(raw.thresholdRules?.map(r => r.thresholdPercent)).toEqual([0.75, 1]);
  });

  it('refuses a stale etag with 409 and the budget as it is now, writing nothing', async () => {
    const preview = await backend.call(
      'POST',
      `/billing/budgets/${budgetId}/preview`,
      { change },
    );
    const first = await backend.call(
      'POST',
      `/billing/budgets/${budgetId}/apply`,
      { change: { ...change, amount: 1700 }, etag: preview.body.etag },
    );
    expect(first.status).toBe(200);
    await backend.control('DELETE', '/counters');
    const stale = await backend.call(
      'POST',
      `/billing/budgets/${budgetId}/apply`,
      { change, etag: preview.body.etag },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.name).toBe('ConflictError');
    expect(stale.body.error.details.current.amount).toBe(1700);
    expect(stale.body.error.details.etag).toBe(first.body.budget.etag);
    const counts = await backend.counters();
    expect(
      Object.keys(counts).filter(
        k => /patch|update/i.test(k) && counts[k]! > 0,
      ),
    ).toEqual([]);
    expect(backend.audit.entries.at(-1)).toMatchObject({ result: 'conflict' });
  });

  it.each([
    [
      { ...change, amount: 0 },
      'change.amount',
      'Amount must be greater than 0',
    ],
    [
      { ...change, amount: -10 },
      'change.amount',
      'Amount must be greater than 0',
    ],
    [
      { ...change, thresholds: [{ percent: -5, spendBasis: 'CURRENT_SPEND' }] },
      'change.thresholds.0.percent',
      'Threshold must be at least 1 %',
    ],
    [
      { ...change, thresholds: [{ percent: 50, spendBasis: 'LATER' }] },
      'change.thresholds.0.spendBasis',
      'Spend basis must be CURRENT_SPEND or FORECASTED_SPEND',
    ],
  ])(
    'answers 400 naming the field for %j and calls nothing upstream',
    async (bad, path, message) => {
      await backend.control('DELETE', '/counters');
      const res = await backend.call(
        'POST',
        `/billing/budgets/${budgetId}/apply`,
        { change: bad, etag: '"x"' },
      );
      expect(res.status).toBe(400);
      expect(res.body.error.fieldErrors).toContainEqual({ path, message });
      expect(
        Object.values(await backend.counters()).reduce(
          (a: number, b) => a + (b as number),
          0,
        ),
      ).toBe(0);
    },
  );
});
