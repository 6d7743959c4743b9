/**
 * The official @google-cloud/monitoring client against the running sandbox (HTTP on an ephemeral
 * port), with the options of docs/google-apis.md §1: what the plugin's MonitoringGateway does in sandbox mode.
 */
import { MetricServiceClient } from '@google-cloud/monitoring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../index';
import { sandboxClientOptions } from '../run/servicesClientForSandbox';

const FLEET = 25;
const NOW = Date.UTC(2024, 0, 10, 9, 30);

let sandbox: Sandbox;
let client: MetricServiceClient;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    scenarios: ['scale-fleet'],
    services: FLEET,
    now: NOW,
  });
  client = new MetricServiceClient(
    sandboxClientOptions(sandbox.port) as ConstructorParameters<
      typeof MetricServiceClient
    >[0],
  );
});

afterAll(async () => {
  await client?.close();
  await sandbox?.close();
});

const seconds = (ms: number) => ({ seconds: Math.floor(ms / 1000) });

function requestRates(extra: Record<string, unknown> = {}) {
  const end = sandbox.clock.now();
  return {
    name: 'projects/scale-fleet',
    filter:
      'metric.type = "run.googleapis.com/request_count" AND resource.type = "cloud_run_revision"',
    interval: { startTime: seconds(end - 3_600_000), endTime: seconds(end) },
    aggregation: {
      alignmentPeriod: { seconds: 300 },
      perSeriesAligner: 'ALIGN_RATE' as const,
      crossSeriesReducer: 'REDUCE_SUM' as const,
      groupByFields: ['resource.labels.service_name'],
    },
    ...extra,
  };
}

describe('MetricServiceClient against the sandbox', () => {
  it('lists request rates grouped by service: one series per service', async () => {
    const [series] = await client.listTimeSeries(requestRates(), {
      autoPaginate: false,
    });
    const names = series.map(s => s.resource?.labels?.['service_name']);
    expect(new Set(names).size).toBe(FLEET);
    expect(names.sort()).toEqual(
      [...sandbox.world.projects.get('scale-fleet')!.services.keys()].sort(),
    );
    for (const s of series) {
      expect(s.metricKind).toBe('GAUGE');
      expect(s.valueType).toBe('DOUBLE');
      expect(s.points).toHaveLength(12);
      expect(
        Number(s.points![0]!.interval!.endTime!.seconds),
      ).toBeLessThanOrEqual(sandbox.clock.now() / 1000);
      expect(s.points![0]!.value!.doubleValue).toBeGreaterThan(0);
    }
  });

  it('follows page tokens: a small page size gives the same points over several calls', async () => {
    // One fixed interval for every call: sandbox time flows, and a later second would shift the periods.
    const end = sandbox.clock.now();
    const fixed = {
      interval: { startTime: seconds(end - 3_600_000), endTime: seconds(end) },
    };
    const [all] = await client.listTimeSeries(requestRates(fixed), {
      autoPaginate: false,
    });
    const [first, nextRequest, raw] = await client.listTimeSeries(
      requestRates({ ...fixed, pageSize: 50 }),
      { autoPaginate: false },
    );
    expect(first.reduce((n, s) => n + s.points!.length, 0)).toBe(50);
    expect(raw?.nextPageToken).toBeTruthy();
    expect(nextRequest?.pageToken).toBe(raw?.nextPageToken);
    const paged = [...first];
    for (let request = nextRequest; request; ) {
      const [page, next] = await client.listTimeSeries(
        {
          ...requestRates({ ...fixed, pageSize: 50 }),
          pageToken: request.pageToken,
        },
        { autoPaginate: false },
      );
      paged.push(...page);
      request = next;
    }
    const flat = (list: typeof all) =>
      list.flatMap(s =>
        s.points!.map(
          p =>
            `${s.resource!.labels!['service_name']}@${
              p.interval!.endTime!.seconds
            }=${p.value!.doubleValue}`,
        ),
      );
    expect(flat(paged)).toEqual(flat(all));
  });

  it('reads latency percentiles and instance counts', async () => {
    const end = sandbox.clock.now();
    const [p95] = await client.listTimeSeries(
      {
        name: 'projects/scale-fleet',
        filter: 'metric.type = "run.googleapis.com/request_latencies"',
        interval: {
          startTime: seconds(end - 3_600_000),
          endTime: seconds(end),
        },
        aggregation: {
          alignmentPeriod: { seconds: 3600 },
          perSeriesAligner: 'ALIGN_DELTA',
          crossSeriesReducer: 'REDUCE_PERCENTILE_95',
          groupByFields: ['resource.labels.service_name'],
        },
      },
      { autoPaginate: false },
    );
    expect(p95).toHaveLength(FLEET);
    expect(p95[0]!.points![0]!.value!.doubleValue).toBeGreaterThan(0);
    const [instances] = await client.listTimeSeries(
      {
        name: 'projects/scale-fleet',
        filter:
          'metric.type = "run.googleapis.com/container/instance_count" AND metric.labels.state = "active"',
        interval: { endTime: seconds(end) },
        view: 'HEADERS',
      },
      { autoPaginate: false },
    );
    expect(instances.length).toBeGreaterThan(0);
    expect(
      instances.every(
        s => s.metric!.labels!['state'] === 'active' && s.points!.length === 0,
      ),
    ).toBe(true);
  });

  it('rejects a bad filter with INVALID_ARGUMENT (code 3) and the field in the details', async () => {
    const error = await client
      .listTimeSeries(
        requestRates({
          filter: 'metric.type = "run.googleapis.com/request_count" AND (',
        }),
        { autoPaginate: false },
      )
      .then(
        () => null,
        (e: { code: number; message: string; statusDetails?: unknown[] }) => e,
      );
    expect(error?.code).toBe(3);
    expect(error?.message).toContain('Field filter had an invalid value');
    expect(error?.statusDetails).toEqual([
      {
        fieldViolations: [{ field: 'filter', description: expect.any(String) }],
      },
    ]);
  });

  it('answers NOT_FOUND (code 5) for an unknown project', async () => {
    const error = await client
      .listTimeSeries(requestRates({ name: 'projects/no-such-project' }), {
        autoPaginate: false,
      })
      .then(
        () => null,
        (e: { code: number }) => e,
      );
    expect(error?.code).toBe(5);
  });
});
