import { BigQuery } from '@google-cloud/bigquery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readGcpServerlessConfig,
  bigQueryOptions,
} from '@gcp-serverless/plugin-backend';
import {
  allProjectsMonthCost,
  type CostRow,
  type ProjectMonthCost,
} from '@gcp-serverless/common';
import { startTestBackend, type TestBackend } from './startTestBackend';

// The sandbox's billing account and export (dev/sandbox/src/billing): any dataset name answers.
const ACCOUNT = '012345-6789AB-CDEF01';
const EXPORT = { projectId: 'finance-billing', dataset: 'billing_export' };
const RESOURCE_TABLE = `finance-billing.billing_export.gcp_billing_export_resource_v1_${ACCOUNT.replace(
  /-/g,
  '_',
)}`;

let backend: TestBackend;
let bigquery: BigQuery;

beforeAll(async () => {
  backend = await startTestBackend({
    scenarios: ['gryyd-web', 'avocano-shop'],
    config: () => ({ billing: { accountId: ACCOUNT, export: EXPORT } }),
  });
  const config = readGcpServerlessConfig({
    mode: 'sandbox',
    sandbox: { endpoint: backend.sandbox.url },
    projects: [{ projectId: 'gryyd-web', regions: ['asia-northeast3'] }],
  });
  bigquery = new BigQuery(bigQueryOptions(config, EXPORT.projectId));
});
afterAll(async () => backend?.close());

const sum = (
  rows: { cost: number; credits: number }[],
  key: 'cost' | 'credits',
) => rows.reduce((s, r) => s + r[key], 0);

describe('costs from the billing export through the real BigQuery client', () => {
  it('daily rows total what the export holds for the project and days (queried directly)', async () => {
    const res = await backend.call(
      'GET',
      '/projects/gryyd-web/costs?range=30d',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      currency: 'USD',
      source: { kind: 'billing-export' },
      errors: [],
    });
    const { previousStart, monthStart, asOf } = res.body;
    const from = previousStart < monthStart ? previousStart : monthStart;
    const to = new Date(
      Date.parse(`${asOf.slice(0, 10)}T00:00:00Z`) + 86_400_000,
    )
      .toISOString()
      .slice(0, 10);
    // An independent query straight at the export, not through the plugin: gross cost and credits.
    const [[direct]] = await bigquery.query({
      query: `SELECT SUM(cost) AS cost, SUM(IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) AS c), 0)) AS credits
              FROM \`${RESOURCE_TABLE}\` WHERE project.id = @p AND usage_start_time >= TIMESTAMP(@from) AND usage_start_time < TIMESTAMP(@to)`,
      params: { p: 'gryyd-web', from, to },
    });
    expect(direct.cost).toBeGreaterThan(0);
    expect(sum(res.body.rows, 'cost')).toBeCloseTo(direct.cost, 6);
    expect(sum(res.body.rows, 'credits')).toBeCloseTo(direct.credits, 6);
    expect(sum(res.body.rows, 'credits')).toBeLessThan(0); // free tiers at the start of each month
  });

  it('attributes cost to Cloud Run services and SKU families, with requests and the budget', async () => {
    const res = await backend.call('GET', '/projects/gryyd-web/costs?range=7d');
    const resources = new Set(
      res.body.rows.map((r: { resource: string }) => r.resource),
    );
    for (const name of ['gryd-fe', 'gryd-be', 'gryd-worker'])
      expect(resources.has(name)).toBe(true);
    const families = new Set(
      res.body.rows.map((r: { skuFamily: string }) => r.skuFamily),
    );
    expect(families.has('cpu')).toBe(true);
    expect(families.has('memory')).toBe(true);
    expect(
      res.body.rows
        .filter(
          (r: { resource: string; resourceKind: string }) =>
            r.resource === 'gryd-be',
        )
        .every((r: { resourceKind: string }) => r.resourceKind === 'cloud-run'),
    ).toBe(true);
    expect(
      res.body.requests.find(
        (r: { resource: string }) => r.resource === 'gryd-be',
      ).requests,
    ).toBeGreaterThan(0);
    expect(res.body.budgets[0]).toMatchObject({
      calendarPeriod: 'MONTH',
      currency: 'USD',
    });
  });

  it('budgets and the month across projects (summed per project and day by BigQuery) equal the costs pages’ rows', async () => {
    // The budgets read asks the export for one row per project and day, the costs page for one per
    // resource and SKU: the same export rows, so the month to date and the forecast must not change.
    const projects = ['gryyd-web', 'avocano-shop'];
    const pages = await Promise.all(
      projects.map(p => backend.call('GET', `/projects/${p}/costs?range=30d`)),
    );
    const budgets = await backend.call('GET', '/billing/budgets');
    expect(budgets.status).toBe(200);
    expect(budgets.body.errors).toEqual([]);
    const rows: CostRow[] = pages.flatMap(p => p.body.rows);
    const today = pages[0]!.body.asOf.slice(0, 10);
    const fromRows = allProjectsMonthCost(rows, projects, today, [], 'USD');
    const { month } = budgets.body;
    expect(month.monthStart).toBe(fromRows.monthStart);
    for (const projectId of projects) {
      const expected = fromRows.projects.find(p => p.projectId === projectId)!;
      const actual: ProjectMonthCost = month.projects.find(
        (p: ProjectMonthCost) => p.projectId === projectId,
      );
      expect(expected.monthToDate.cost).toBeGreaterThan(0);
      expect(actual.monthToDate.cost).toBeCloseTo(expected.monthToDate.cost, 6);
      expect(actual.monthToDate.credits).toBeCloseTo(
        expected.monthToDate.credits,
        6,
      );
      expect(actual.monthToDate.net).toBeCloseTo(expected.monthToDate.net, 6);
      expect(actual.forecast).toBeCloseTo(expected.forecast, 6);
    }
    const own = budgets.body.budgets.find(
      (b: { displayName: string }) => b.displayName === 'gryyd-web monthly',
    );
    expect(own.spend.actual).toBeCloseTo(
      fromRows.projects[0]!.monthToDate.net,
      6,
    );
  });

  it('never reads projects outside the allowlist: 404 before any Google call', async () => {
    await backend.control('DELETE', '/counters');
    const res = await backend.call(
      'GET',
      '/projects/not-allowed-project/costs',
    );
    expect(res.status).toBe(404);
    expect(
      Object.values(await backend.counters()).reduce(
        (a: number, b) => a + (b as number),
        0,
      ),
    ).toBe(0);
  });

  it('names a bad range', async () => {
    const res = await backend.call('GET', '/projects/gryyd-web/costs?range=1y');
    expect(res.status).toBe(400);
    expect(res.body.error.fieldErrors[0].path).toBe('range');
  });
});

describe('cost impact in the scaling preview (Catalog prices through the real CloudCatalogClient)', () => {
  it('raising min instances of gryd-be 1 → 2 adds one idle instance-month at the tier-2 idle rates', async () => {
    const be = '/projects/gryyd-web/locations/asia-northeast3/services/gryd-be';
    const current = (await backend.call('GET', be)).body.service.scaling;
    const res = await backend.call('POST', `${be}/scaling/preview`, {
      change: { ...current, minInstances: current.minInstances + 1 },
    });
    expect(res.status).toBe(200);
    const idle = res.body.cost.figures.find(
      (f: { key: string }) => f.key === 'minInstancesMonthly',
    );
    // gryd-be: 1 vCPU, 1 GiB, request-based; asia-northeast3 is tier 2 (1.4 × $0.0000025 idle CPU, 1.4 × $0.0000025 memory):
    // 730 h × 3,600 s × (1 × $0.0000035 + 1 × $0.0000035) = $18.396 per instance-month.
    expect(res.body.cost.priceSource).toBe('catalog');
    expect(idle.change).toBeCloseTo(18.396, 6);
    expect(idle.formula).toContain('$0.0000035');
  });
});
