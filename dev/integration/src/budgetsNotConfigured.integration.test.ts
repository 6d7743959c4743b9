import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from './startTestBackend';

/**
 * No billing account configured (issue 11): the budgets read is a state of the page, answered 200 with
 * `status: 'notConfigured'` and the key to set, not a 400; an edit of a budget still says what is missing.
 */
let backend: TestBackend;

beforeAll(async () => {
  // startTestBackend configures no billing account unless a test asks for one.
  backend = await startTestBackend({ scenarios: ['gryyd-web'] });
});
afterAll(async () => backend?.close());

describe('budgets without a billing account', () => {
  it('reads as notConfigured with the key to set, no budgets and no error', async () => {
    const res = await backend.call('GET', '/billing/budgets');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'notConfigured',
      billingAccount: null,
      budgets: [],
      setup: {
        key: 'gcpServerless.billing.accountId',
        message: expect.stringContaining('gcpServerless.billing.accountId'),
      },
    });
    const counters = await backend.counters();
    expect(
      Object.keys(counters).filter(m => m.startsWith('billingbudgets.')),
    ).toEqual([]);
  });

  it('still refuses a budget edit with a 400 naming billing.accountId (nothing to edit)', async () => {
    const res = await backend.call(
      'POST',
      '/billing/budgets/some-budget/preview',
      {
        change: { amount: 100, thresholds: [], period: 'MONTH' },
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.fieldErrors).toContainEqual({
      path: 'billing.accountId',
      message: 'is not configured',
    });
  });
});
