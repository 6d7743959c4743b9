import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../server';
import { minuteSample } from '../traffic/SandboxTrafficModel';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, scenarios: ['avocano-shop'] });
});
afterAll(async () => sandbox?.close());

async function list(body: Record<string, unknown>) {
  const res = await fetch(
    `${sandbox.url}/v2/entries:list?$alt=json;enum-encoding=int`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        resourceNames: ['projects/avocano-shop'],
        ...body,
      }),
    },
  );
  return { status: res.status, body: (await res.json()) as any };
}

describe('Cloud Run logs generated from the traffic model', () => {
  it('has one 5xx request log per 5xx response the model counts, filtered by resource labels, severity, status and time', async () => {
    const project = sandbox.world.projects.get('avocano-shop')!;
    const service = project.services.get('avocano-api')!;
    service.traffic = { ...service.traffic, errorRate5xx: 0.05 };
    const minute =
      Math.floor(sandbox.clock.now() / 60_000) * 60_000 - 10 * 60_000;
    const expected = minuteSample(project, service, minute)
      .responses.filter(r => r.codeClass === '5xx')
      .reduce((n, r) => n + Math.round(r.count), 0);
    expect(expected).toBeGreaterThan(0);
    const from = new Date(minute).toISOString();
    const to = new Date(minute + 59_999).toISOString();
    const res = await list({
      filter: `resource.type = "cloud_run_revision" AND resource.labels.service_name = "avocano-api" AND severity>=ERROR AND httpRequest.status>=500 AND timestamp >= "${from}" AND timestamp <= "${to}"`,
      orderBy: 'timestamp desc',
      pageSize: 1000,
    });
    expect(res.status).toBe(200);
    expect(res.body.entries).toHaveLength(expected);
    expect(res.body.entries[0]).toMatchObject({
      severity: 'ERROR',
      resource: {
        type: 'cloud_run_revision',
        labels: { service_name: 'avocano-api' },
      },
    });
    expect(res.body.entries[0].httpRequest.status).toBeGreaterThanOrEqual(500);
  });

  it('searches text and pages newest first; an INFO-only filter finds no generated errors', async () => {
    const res = await list({
      filter: 'resource.labels.service_name = "avocano-api" AND "ECONNREFUSED"',
      orderBy: 'timestamp desc',
      pageSize: 2,
    });
    expect(res.status).toBe(200);
    for (const e of res.body.entries)
      expect(e.textPayload).toContain('ECONNREFUSED');
    if (res.body.entries.length === 2)
      expect(
        res.body.entries[0].timestamp >= res.body.entries[1].timestamp,
      ).toBe(true);
    expect(
      (
        await list({
          filter: 'severity<=INFO AND resource.type = "cloud_run_revision"',
        })
      ).body.entries,
    ).toEqual([]);
  });
});
