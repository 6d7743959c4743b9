import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from './startTestBackend';

let backend: TestBackend;

// Issue 10: a cold page is as deep as its deepest read. A read that another only joins with must
// not hold that other back: here the NEG lists never answer within the deadline, and the backend
// services list they are joined with is asked anyway (before, it waited for them and was never asked).
beforeAll(async () => {
  backend = await startTestBackend({ scenarios: ['gryyd-web'] });
});
afterAll(async () => backend?.close());
beforeEach(async () => {
  await backend.control('POST', '/reset');
  for (const method of [
    'compute.globalNetworkEndpointGroups.list',
    'compute.regionNetworkEndpointGroups.list',
  ])
    await backend.control('POST', '/faults', {
      api: 'compute',
      method,
      latencyMs: backend.timeouts.readMs * 3,
    });
});

describe('reads that are only joined start together', () => {
  for (const page of ['routing', 'cdn']) {
    it(`the ${page} page asks for the backend services without waiting for the NEG lists`, async () => {
      const res = await backend.call(
        'GET',
        `/projects/gryyd-web/${page}?window=1h`,
      );
      expect(res.status).toBe(200);
      // The NEG lists timed out, so the backend services (joined with them) are a panel error…
      expect(
        res.body.errors.map((e: { source: string }) => e.source),
      ).toContain('backendServices');
      // …but the list itself was asked while the NEG lists were still unanswered.
      expect((await backend.counters())['compute.backendServices.list']).toBe(
        1,
      );
    });
  }
});

// The budgets' chain: the Budget API list, the billing export's query. The spend monthly budgets
// need is asked beside the list, and the query is one call (jobs.query), not a job then its results.
describe('the budgets ask for their spend beside the budgets list', () => {
  let billed: TestBackend;
  beforeAll(async () => {
    billed = await startTestBackend({
      scenarios: ['gryyd-web'],
      config: () => ({
        billing: {
          accountId: '012345-6789AB-CDEF01',
          export: { projectId: 'finance-billing', dataset: 'billing_export' },
        },
      }),
    });
  });
  afterAll(async () => billed?.close());

  it('queries the billing export while the Budget API list is still unanswered', async () => {
    await billed.control('POST', '/faults', {
      api: 'billingbudgets',
      method: 'billingbudgets.budgets.list',
      latencyMs: billed.timeouts.readMs * 3,
    });
    await billed.control('DELETE', '/counters');
    let answered = false;
    const page = billed.call('GET', '/billing/budgets').finally(() => {
      answered = true;
    });
    while ((await billed.counters())['bigquery.jobs.query'] !== 1)
      await new Promise(r => setTimeout(r, 20));
    // The budgets page was still waiting for the held list when the export was asked.
    expect(answered).toBe(false);
    expect((await billed.counters())['billingbudgets.budgets.list']).toBe(1);
    await page;
    await billed.control('DELETE', '/faults');
  });

  it('reads the spend in one call: jobs.query, no job inserted and then read', async () => {
    // A day on: the spend of other days than the test above read (and the cost source keeps).
    await billed.control('POST', '/clock', { advanceSeconds: 86_400 });
    await billed.control('DELETE', '/counters');
    const res = await billed.call('GET', '/billing/budgets');
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([]);
    expect(res.body.budgets.length).toBeGreaterThan(0);
    const counters = await billed.counters();
    expect(counters['bigquery.jobs.query']).toBeGreaterThanOrEqual(1);
    expect(counters['bigquery.jobs.insert']).toBeUndefined();
    expect(counters['bigquery.jobs.getQueryResults']).toBeUndefined();
  });
});
