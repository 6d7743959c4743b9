import { BigQuery } from '@google-cloud/bigquery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servicesClientForSandbox } from '../../run/servicesClientForSandbox';
import { startSandbox, type Sandbox } from '../../server';
import { SANDBOX_BILLING_ACCOUNT_ID } from '../billingState';
import { exportRows } from '../export/exportRows';

/**
 * The real @google-cloud/bigquery client against the sandbox. It is not gax-based: `apiEndpoint` with an
 * http:// scheme and a stub `authClient` keep it on plain http with no credentials and no metadata server.
 */

const NOW = Date.parse('2026-03-03T12:00:00Z');
const TABLE = `\`finance-billing.billing_export.gcp_billing_export_v1_${SANDBOX_BILLING_ACCOUNT_ID.replace(
  /-/g,
  '_',
)}\``;
const RESOURCE_TABLE = TABLE.replace('export_v1', 'export_resource_v1');

let sandbox: Sandbox;
let bigquery: BigQuery;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    scenarios: ['gryyd-web', 'avocano-shop'],
    now: NOW,
    operationDelayMs: 0,
  });
  bigquery = new BigQuery({
    apiEndpoint: sandbox.url,
    projectId: 'finance-billing',
    autoRetry: false,
    authClient: { getRequestHeaders: async () => new Headers() } as never,
  });
}, 60_000);
afterAll(async () => {
  await sandbox.close();
});

const netOf = (row: { cost: number; credits: { amount: number }[] }) =>
  row.cost + row.credits.reduce((s, c) => s + c.amount, 0);

describe('BigQuery jobs.query over the billing export with the official client', () => {
  it('sums cost and credits per day and project; totals equal the generated rows', async () => {
    const [rows] = await bigquery.query({
      query: `SELECT DATE(usage_start_time) AS day, project.id AS project, SUM(cost) AS cost,
                SUM(IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) AS c), 0)) AS credits
              FROM ${TABLE}
              WHERE usage_start_time >= @start AND project.id IN UNNEST(@projects)
              GROUP BY day, project ORDER BY day, project`,
      params: {
        start: new Date('2026-02-01T00:00:00Z'),
        projects: ['gryyd-web'],
      },
    });
    expect(rows.length).toBe(31); // Feb 1 – Mar 3
    expect(rows[0]).toMatchObject({ project: 'gryyd-web' });
    expect(rows[0].day.value).toBe('2026-02-01');
    const generated = exportRows(sandbox.world, sandbox.clock.now()).filter(
      r => r.projectId === 'gryyd-web' && r.startMs >= Date.parse('2026-02-01'),
    );
    const total = rows.reduce(
      (sum: number, r: { cost: number; credits: number }) =>
        sum + r.cost + r.credits,
      0,
    );
    expect(total).toBeCloseTo(
      generated.reduce((s, r) => s + netOf(r), 0),
      6,
    );
    expect(rows.some((r: { credits: number }) => r.credits < 0)).toBe(true); // the free tier of early February
  });

  it('groups by service and SKU over the resource table, with TIMESTAMP_TRUNC and timestamps back as timestamps', async () => {
    const [rows] = await bigquery.query({
      query: `SELECT resource.name AS resource, sku.description AS sku, TIMESTAMP_TRUNC(usage_start_time, MONTH) AS month,
                ROUND(SUM(cost), 2) AS cost, SUM(usage.amount_in_pricing_units) AS amount, COUNT(*) AS n
              FROM ${RESOURCE_TABLE} t
              WHERE t.project.id = 'gryyd-web' AND usage_start_time >= TIMESTAMP('2026-02-01') AND usage_start_time < '2026-03-01'
              GROUP BY 1, 2, 3 ORDER BY cost DESC LIMIT 3`,
    });
    expect(rows).toHaveLength(3);
    expect(rows[0].month.value).toBe('2026-02-01T00:00:00.000Z');
    expect(rows[0].n).toBe(28);
    expect(rows[0].cost).toBeGreaterThanOrEqual(rows[1].cost);
  });

  it('pages large results through getQueryResults', async () => {
    const [rows] = await bigquery.query({
      query: `SELECT usage_start_time, sku.id, cost FROM ${TABLE} WHERE project.id = @p`,
      params: { p: 'avocano-shop' },
      maxResults: 50,
    });
    const [[{ n }]] = await bigquery.query({
      query: `SELECT COUNT(*) AS n FROM ${TABLE} WHERE project.id = 'avocano-shop'`,
    });
    expect(rows.length).toBe(n);
    expect(n).toBeGreaterThan(50);
    expect(
      sandbox.counters.get('bigquery.jobs.getQueryResults'),
    ).toBeGreaterThan(0);
  });

  it('cost moves after a scaling edit through the Run API: min instances 1 → 10 on gryd-fe raises the hours after it', async () => {
    const run = servicesClientForSandbox(sandbox.port);
    const name =
      'projects/gryyd-web/locations/asia-northeast3/services/gryd-fe';
    const query = `SELECT SUM(cost) AS cost FROM ${RESOURCE_TABLE} WHERE resource.name = 'gryd-fe' AND usage_start_time >= @day`;
    const params = { day: new Date('2026-03-04T00:00:00Z') };
    sandbox.clock.set(Date.parse('2026-03-04T06:00:00Z'));
    const [[before]] = await bigquery.query({ query, params });
    sandbox.clock.set(Date.parse('2026-03-04T00:00:00Z'));
    const [service] = await run.getService({ name });
    const [op] = await run.updateService({
      service: {
        name,
        etag: service.etag,
        template: { scaling: { minInstanceCount: 10, maxInstanceCount: 20 } },
      },
      updateMask: { paths: ['template.scaling'] },
    });
    await op.promise();
    sandbox.clock.set(Date.parse('2026-03-04T06:00:00Z'));
    const [[after]] = await bigquery.query({ query, params });
    await run.close();
    // 9 more warm instances × 6 h × (idle vCPU + 0.5 GiB) at tier-2 rates ≈ $1.02 on top of ≈ $1 of serving.
    expect(after.cost - before.cost).toBeGreaterThan(0.8);
    expect(after.cost - before.cost).toBeLessThan(1.1);
  });

  it('answers 400 invalidQuery for SQL it cannot translate and 404 for an unknown table', async () => {
    await expect(
      bigquery.query({ query: `SELECT * FROM ${TABLE}` }),
    ).rejects.toMatchObject({
      code: 400,
      errors: [expect.objectContaining({ reason: 'invalidQuery' })],
    });
    await expect(
      bigquery.query({
        query: `SELECT APPROX_QUANTILES(cost, 4) FROM ${TABLE}`,
      }),
    ).rejects.toThrow(/Function not found: APPROX_QUANTILES/);
    await expect(
      bigquery.query({ query: `SELECT cost FROM ${TABLE} WHERE nope = 1` }),
    ).rejects.toThrow(/Unrecognized name: nope/);
    await expect(
      bigquery.query({
        query: 'SELECT cost FROM `finance-billing.billing_export.other`',
      }),
    ).rejects.toMatchObject({ code: 404 });
  });

  it('runs createQueryJob through jobs.insert, jobs.get and getQueryResults', async () => {
    const [job] = await bigquery.createQueryJob({
      query: `SELECT COUNT(DISTINCT sku.id) AS skus FROM ${TABLE}`,
    });
    const [rows] = await job.getQueryResults();
    expect(rows[0].skus).toBeGreaterThan(3);
    const [metadata] = await job.getMetadata();
    expect(metadata.status.state).toBe('DONE');
  });

  it('keeps answering what the generator holds as the hours pass, forward and back (only the changed rows are reloaded)', async () => {
    const query = `SELECT COUNT(*) AS n, SUM(cost) AS cost,
                     SUM(IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) AS c), 0)) AS credits
                   FROM ${RESOURCE_TABLE}`;
    for (const at of [
      '2026-03-05T09:30:00Z',
      '2026-03-05T10:30:00Z',
      '2026-03-05T13:10:00Z',
      '2026-03-05T08:30:00Z',
    ]) {
      sandbox.clock.set(Date.parse(at));
      const [[answer]] = await bigquery.query({ query });
      const generated = exportRows(sandbox.world, sandbox.clock.now());
      expect(answer.n).toBe(generated.length);
      expect(answer.cost).toBeCloseTo(
        generated.reduce((s, r) => s + r.cost, 0),
        6,
      );
      expect(answer.credits).toBeCloseTo(
        generated.reduce((s, r) => s + netOf(r) - r.cost, 0),
        6,
      );
    }
  });
});
