import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CostReportResponse } from '@gcp-serverless/common';
import { startTestBackend, type TestBackend } from './startTestBackend';

// A billing account but no export: costs are estimated from Monitoring usage × Catalog prices.
let backend: TestBackend;

beforeAll(async () => {
  backend = await startTestBackend({
    scenarios: ['gryyd-web'],
    config: () => ({ billing: { accountId: '012345-6789AB-CDEF01' } }),
  });
});
afterAll(async () => backend?.close());

describe('estimated costs without a billing export', () => {
  it('labels the figures as an estimate and prices Cloud Run usage per service and SKU family', async () => {
    await backend.control('DELETE', '/counters');
    const res = await backend.call('GET', '/projects/gryyd-web/costs?range=7d');
    expect(res.status).toBe(200);
    expect(res.body.source.kind).toBe('estimate');
    expect(res.body.source.description).toContain('Estimate');
    expect(res.body.errors).toEqual([]);
    const body = res.body as CostReportResponse;
    expect(new Set(body.resources.map(r => r.resource))).toEqual(
      new Set(['gryd-fe', 'gryd-be', 'gryd-worker']),
    );
    expect(
      body.resources.every(
        r =>
          r.resourceKind === 'cloud-run' &&
          r.current.credits === 0 &&
          r.current.cost > 0,
      ),
    ).toBe(true);
    // Batched reads: no BigQuery, a fixed number of Monitoring calls whatever the number of services.
    const counts = await backend.counters();
    expect(Object.keys(counts).some(k => k.startsWith('bigquery'))).toBe(false);
    expect(counts['monitoring.timeSeries.list']).toBeLessThanOrEqual(5);
    // Instance-based gryd-worker pays no request fee; request-based gryd-be does.
    const families = async (resource: string) => {
      const page = await backend.call(
        'GET',
        `/projects/gryyd-web/costs?range=7d&resource=${resource}`,
      );
      return new Set(
        (page.body as CostReportResponse).skuDays.map(d => d.skuFamily),
      );
    };
    expect((await families('gryd-worker')).has('requests')).toBe(false);
    expect((await families('gryd-be')).has('requests')).toBe(true);
  });
});
