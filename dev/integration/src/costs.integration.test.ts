import { BigQuery } from '@google-cloud/bigquery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readGcpServerlessConfig,
  bigQueryOptions,
} from '@gcp-serverless/plugin-backend';
import {
  allProjectsMonthCost,
  type CostReportResponse,
  type ProjectDayCost,
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

/** Services of the fleet: enough that its lines per day, resource and SKU span pages of BigQuery's answer. */
const FLEET = 120;

let backend: TestBackend;
let bigquery: BigQuery;

beforeAll(async () => {
  backend = await startTestBackend({
    scenarios: ['gryyd-web', 'avocano-shop', 'scale-fleet'],
    services: FLEET,
    config: () => ({ billing: { accountId: ACCOUNT, export: EXPORT } }),
  });
  const config = readGcpServerlessConfig({
    mode: 'sandbox',
    sandbox: { endpoint: backend.sandbox.url },
    projects: [{ projectId: 'gryyd-web', regions: ['asia-northeast3'] }],
  });
  bigquery = new BigQuery(bigQueryOptions(config, EXPORT.projectId));
}, 120_000);
afterAll(async () => backend?.close());

/** A project's day lines from a costs page: its days per SKU family added up per day. */
const projectDays = (page: CostReportResponse): ProjectDayCost[] =>
  page.skuDays.map(d => ({
    date: d.date,
    projectId: page.projectId,
    cost: d.cost,
    credits: d.credits,
  }));

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
    const body = res.body as CostReportResponse;
    expect(sum(body.skuDays, 'cost')).toBeCloseTo(direct.cost, 6);
    expect(sum(body.skuDays, 'credits')).toBeCloseTo(direct.credits, 6);
    expect(sum(body.skuDays, 'credits')).toBeLessThan(0); // free tiers at the start of each month
    // The grains add up the same lines: the range per resource, per day and resource, per day and SKU.
    const inRange = body.skuDays.filter(d => d.date >= body.rangeStart);
    const current = body.resources.map(r => r.current);
    expect(sum(current, 'cost')).toBeCloseTo(sum(inRange, 'cost'), 6);
    expect(sum(current, 'credits')).toBeCloseTo(sum(inRange, 'credits'), 6);
    expect(sum(body.byResource.rows, 'cost')).toBeCloseTo(
      sum(inRange, 'cost'),
      6,
    );
    const previous = body.skuDays.filter(
      d => d.date >= body.previousStart && d.date < body.rangeStart,
    );
    expect(
      sum(
        body.resources.map(r => r.previous),
        'cost',
      ),
    ).toBeCloseTo(sum(previous, 'cost'), 6);
  });

  it("one resource's page: the same figures as its line of the project's page", async () => {
    const all = (
      await backend.call('GET', '/projects/gryyd-web/costs?range=30d')
    ).body as CostReportResponse;
    const res = await backend.call(
      'GET',
      '/projects/gryyd-web/costs?range=30d&resource=gryd-be',
    );
    expect(res.status).toBe(200);
    const be = res.body as CostReportResponse;
    expect(be.resource).toBe('gryd-be');
    const line = all.resources.find(r => r.resource === 'gryd-be')!;
    expect(line.current.cost).toBeGreaterThan(0);
    const inRange = be.skuDays.filter(d => d.date >= be.rangeStart);
    expect(sum(inRange, 'cost')).toBeCloseTo(line.current.cost, 6);
    expect(sum(inRange, 'credits')).toBeCloseTo(line.current.credits, 6);
    expect(be.byResource.keys).toEqual(['gryd-be']);
    expect(be.requests.map(r => r.resource)).toEqual(['gryd-be']);
    // The filter list still has every resource.
    expect(be.resources.map(r => r.resource).sort()).toEqual(
      all.resources.map(r => r.resource).sort(),
    );
  });

  it("a fleet's page is what it draws: BigQuery adds the lines up, no day × service × SKU rows travel", async () => {
    await backend.control('DELETE', '/counters');
    const res = await backend.call(
      'GET',
      '/projects/scale-fleet/costs?range=30d',
    );
    expect(res.status).toBe(200);
    const body = res.body as CostReportResponse;
    expect(body.errors).toEqual([]);
    expect(body.resources).toHaveLength(FLEET);
    // The chart's 8 largest services and the rest as one key, per day of the range (30).
    expect(body.byResource.keys).toHaveLength(9);
    expect(body.byResource.otherCount).toBe(FLEET - 8);
    expect(body.byResource.rows.length).toBeLessThanOrEqual(9 * 30);
    expect(body.skuDays.length).toBeLessThanOrEqual(10 * 61);
    expect(body).not.toHaveProperty('rows');
    // Per day, resource and SKU the fleet's 61 days would be FLEET × 61 × 3 lines, 21,960: pages of
    // 10,000 rows read with getQueryResults. The page's grains answer in the first page each.
    const counters = await backend.counters();
    expect(counters['bigquery.jobs.query']).toBeGreaterThanOrEqual(3);
    expect(counters['bigquery.jobs.getQueryResults'] ?? 0).toBe(0);
  });

  it('attributes cost to Cloud Run services and SKU families, with requests and the budget', async () => {
    const res = await backend.call('GET', '/projects/gryyd-web/costs?range=7d');
    const body = res.body as CostReportResponse;
    const resources = new Set(body.resources.map(r => r.resource));
    for (const name of ['gryd-fe', 'gryd-be', 'gryd-worker'])
      expect(resources.has(name)).toBe(true);
    const families = new Set(body.skuDays.map(r => r.skuFamily));
    expect(families.has('cpu')).toBe(true);
    expect(families.has('memory')).toBe(true);
    expect(
      body.resources.find(r => r.resource === 'gryd-be')!.resourceKind,
    ).toBe('cloud-run');
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
    // day and SKU: the same export rows, so the month to date and the forecast must not change.
    const projects = ['gryyd-web', 'avocano-shop'];
    const pages = await Promise.all(
      projects.map(p => backend.call('GET', `/projects/${p}/costs?range=30d`)),
    );
    const budgets = await backend.call('GET', '/billing/budgets');
    expect(budgets.status).toBe(200);
    expect(budgets.body.errors).toEqual([]);
    const rows: ProjectDayCost[] = pages.flatMap(p => projectDays(p.body));
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
