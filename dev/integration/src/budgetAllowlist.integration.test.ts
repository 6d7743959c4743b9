import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from './startTestBackend';

/** Budgets are held to the allowlist: a budget of a project not configured is not listed, previewed or changed. */
describe('budgets outside the allowlist', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend({
      scenarios: ['gryyd-web', 'avocano-shop'],
      config: () => ({
        projects: [{ projectId: 'gryyd-web', regions: ['asia-northeast3'] }],
        billing: { accountId: '012345-6789AB-CDEF01' },
      }),
    });
  }, 60_000);
  afterAll(() => backend?.close());

  it('lists only budgets scoped to configured projects, and answers 404 with no Google write for another', async () => {
    const list = await backend.call('GET', '/billing/budgets');
    expect(list.status).toBe(200);
    expect(
      list.body.budgets.map((b: { displayName: string }) => b.displayName),
    ).toEqual(['gryyd-web monthly']);

    // The avocano-shop budget exists on the account (read straight from the sandbox's Budget API).
    const raw = await fetch(
      `${backend.sandbox.url}/v1/billingAccounts/012345-6789AB-CDEF01/budgets?key=sandbox`,
    ).then(r => r.json());
    const outside = (
      raw.budgets as { name: string; displayName: string }[]
    ).find(b => b.displayName === 'avocano-shop monthly')!;
    const outsideId = outside.name.split('/').pop()!;

    await backend.control('DELETE', '/counters');
    const change = {
      amount: 1,
      thresholds: [{ percent: 90, spendBasis: 'CURRENT_SPEND' }],
      period: 'MONTH',
    };
    const preview = await backend.call(
      'POST',
      `/billing/budgets/${outsideId}/preview`,
      { change },
    );
    expect(preview.status).toBe(404);
    const apply = await backend.call(
      'POST',
      `/billing/budgets/${outsideId}/apply`,
      { change, etag: 'any' },
    );
    expect(apply.status).toBe(404);
    expect(apply.body.error.name).toBe('NotFoundError');
    const counts = await backend.counters();
    expect(counts['billingbudgets.budgets.patch'] ?? 0).toBe(0);
  });
});
