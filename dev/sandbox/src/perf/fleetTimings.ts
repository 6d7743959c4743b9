/**
 * Sandbox-only timings at fleet scale (docs/sandbox.md, "Fleet scale"): starts the sandbox in process
 * with `scale-fleet` of N services, then times what the portal asks of it — the overview's Monitoring
 * queries over a 1 h window, a service's week per minute (the what-if), 7 days hourly of every service
 * (right-sizing), building the billing export (`POST /_sandbox/warm`) and the portal's export queries
 * (common's exportCostQuery, per resource and per project).
 * Every figure is the wall time and the process's CPU time of one HTTP call to an otherwise idle
 * sandbox (no injected round trip; the export build is called directly), so it is the emulator's own
 * cost, plus the client's parsing in the CPU time. Not a test: speed is measured here, never asserted.
 *
 *   npx tsx dev/sandbox/src/perf/fleetTimings.ts --services 1000 [--skip billing] [--json out.json]
 */
import { writeFileSync } from 'node:fs';
import { BigQuery } from '@google-cloud/bigquery';
import { defaultExportTable, exportCostQuery } from '@gcp-serverless/common';
import { SANDBOX_BILLING_ACCOUNT_ID } from '../billing/billingState';
import { warmExport } from '../billing/bigquery/exportEngine';
import { startSandbox } from '../server';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const services = Number(flag('services') ?? '1000');
const skip = new Set((flag('skip') ?? '').split(',').filter(Boolean));
const only = new Set((flag('only') ?? '').split(',').filter(Boolean));
const wanted = (group: string) =>
  !skip.has(group) && (only.size === 0 || only.has(group));
const PROJECT = 'scale-fleet';
const NOW = Date.parse('2026-03-04T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Query {
  metric: string;
  startMs: number;
  endMs: number;
  periodSeconds: number;
  aligner: string;
  reducer: string;
  groupBy: string[];
  region?: string;
  service?: string;
}

function queryString(q: Query, regions: string[]): string {
  const parts = [
    `metric.type = "run.googleapis.com/${q.metric}"`,
    'resource.type = "cloud_run_revision"',
    q.region
      ? `resource.labels.location = "${q.region}"`
      : `resource.labels.location = one_of(${regions
          .map(r => `"${r}"`)
          .join(',')})`,
  ];
  if (q.service) parts.push(`resource.labels.service_name = "${q.service}"`);
  const params = new URLSearchParams({
    filter: parts.join(' AND '),
    'interval.startTime': new Date(q.startMs).toISOString(),
    'interval.endTime': new Date(q.endMs).toISOString(),
    'aggregation.alignmentPeriod': `${q.periodSeconds}s`,
    'aggregation.perSeriesAligner': q.aligner,
    'aggregation.crossSeriesReducer': q.reducer,
    pageSize: '100000',
  });
  for (const field of q.groupBy)
    params.append('aggregation.groupByFields', field);
  return params.toString();
}

const SERVICE = 'resource.labels.service_name';
const LOCATION = 'resource.labels.location';

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    port: 0,
    scenarios: ['scale-fleet'],
    services,
    now: NOW,
    operationDelayMs: 0,
  });
  const figures: Record<string, number> = {};
  const time = async (name: string, run: () => Promise<unknown>) => {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const result = await run();
    const ms = Math.round(performance.now() - started);
    const cpu = process.cpuUsage(cpuBefore);
    // CPU time of the process (sandbox and client together): on a shared machine the wall time
    // mostly says how busy the other processes kept the cores.
    const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
    figures[name] = ms;
    figures[`${name} (cpu)`] = cpuMs;
    process.stdout.write(
      `${name.padEnd(64)} ${String(ms).padStart(8)} ms wall ${String(
        cpuMs,
      ).padStart(8)} ms cpu\n`,
    );
    return result;
  };
  try {
    const projects = (await (
      await fetch(`${sandbox.url}/_sandbox/projects`)
    ).json()) as { projects: { projectId: string; regions: string[] }[] };
    const regions = projects.projects.find(
      p => p.projectId === PROJECT,
    )!.regions;
    const list = async (q: Query): Promise<number> => {
      let token = '';
      let series = 0;
      do {
        const url = `${
          sandbox.url
        }/v3/projects/${PROJECT}/timeSeries?${queryString(q, regions)}${
          token ? `&pageToken=${encodeURIComponent(token)}` : ''
        }`;
        const response = await fetch(url);
        const body = (await response.json()) as {
          timeSeries?: unknown[];
          nextPageToken?: string;
          error?: { message: string };
        };
        if (!response.ok) throw new Error(body.error?.message ?? 'failed');
        series += body.timeSeries?.length ?? 0;
        token = body.nextPageToken ?? '';
      } while (token);
      return series;
    };
    const end = sandbox.clock.now();
    const hour = { startMs: end - HOUR, endMs: end };
    const byService = [LOCATION, SERVICE];
    const overview: Array<[string, Query]> = [
      [
        'request_count rate 1h by service+class',
        {
          metric: 'request_count',
          ...hour,
          periodSeconds: 3600,
          aligner: 'ALIGN_RATE',
          reducer: 'REDUCE_SUM',
          groupBy: [...byService, 'metric.labels.response_code_class'],
        },
      ],
      [
        'request_latencies p95 1h by service',
        {
          metric: 'request_latencies',
          ...hour,
          periodSeconds: 3600,
          aligner: 'ALIGN_DELTA',
          reducer: 'REDUCE_PERCENTILE_95',
          groupBy: byService,
        },
      ],
      [
        'instance_count mean 5 min by service',
        {
          metric: 'container/instance_count',
          startMs: end - 300_000,
          endMs: end,
          periodSeconds: 300,
          aligner: 'ALIGN_MEAN',
          reducer: 'REDUCE_SUM',
          groupBy: byService,
        },
      ],
      [
        'instance_count mean 1h/60s by service',
        {
          metric: 'container/instance_count',
          ...hour,
          periodSeconds: 60,
          aligner: 'ALIGN_MEAN',
          reducer: 'REDUCE_SUM',
          groupBy: [SERVICE],
        },
      ],
      [
        'request_latencies p50 1h/60s by service',
        {
          metric: 'request_latencies',
          ...hour,
          periodSeconds: 60,
          aligner: 'ALIGN_DELTA',
          reducer: 'REDUCE_PERCENTILE_50',
          groupBy: [SERVICE],
        },
      ],
      [
        'request_count rate 1h/60s project-wide by class',
        {
          metric: 'request_count',
          ...hour,
          periodSeconds: 60,
          aligner: 'ALIGN_RATE',
          reducer: 'REDUCE_SUM',
          groupBy: ['metric.labels.response_code_class'],
        },
      ],
    ];
    if (wanted('overview')) {
      for (const [name, q] of overview)
        await time(`1h ×${services}: ${name}`, () => list(q));
      for (const [name, q] of overview.slice(0, 2))
        await time(`1h ×${services} again: ${name}`, () => list(q));
    }
    const week = { startMs: end - 7 * DAY, endMs: end };
    const one = { region: regions[0]!, service: 'fleet-svc-0001' };
    if (wanted('whatif')) {
      await time('what-if week/60s of one service (3 calls)', () =>
        Promise.all([
          list({
            metric: 'request_count',
            ...week,
            ...one,
            periodSeconds: 60,
            aligner: 'ALIGN_DELTA',
            reducer: 'REDUCE_SUM',
            groupBy: ['metric.labels.response_code'],
          }),
          list({
            metric: 'request_latencies',
            ...week,
            ...one,
            periodSeconds: 60,
            aligner: 'ALIGN_DELTA',
            reducer: 'REDUCE_SUM',
            groupBy: [],
          }),
          list({
            metric: 'container/instance_count',
            ...week,
            ...one,
            periodSeconds: 60,
            aligner: 'ALIGN_MEAN',
            reducer: 'REDUCE_SUM',
            groupBy: [],
          }),
        ]),
      );
      await time('week/60s cpu+memory utilizations p99 of one service', () =>
        Promise.all([
          list({
            metric: 'container/cpu/utilizations',
            ...week,
            ...one,
            periodSeconds: 60,
            aligner: 'ALIGN_PERCENTILE_99',
            reducer: 'REDUCE_MAX',
            groupBy: [],
          }),
          list({
            metric: 'container/memory/utilizations',
            ...week,
            ...one,
            periodSeconds: 60,
            aligner: 'ALIGN_PERCENTILE_99',
            reducer: 'REDUCE_MAX',
            groupBy: [],
          }),
        ]),
      );
    }
    if (wanted('week')) {
      for (const [name, q] of [
        [
          'request_count delta',
          {
            metric: 'request_count',
            aligner: 'ALIGN_DELTA',
            reducer: 'REDUCE_SUM',
          },
        ],
        [
          'instance_count max',
          {
            metric: 'container/instance_count',
            aligner: 'ALIGN_MAX',
            reducer: 'REDUCE_SUM',
          },
        ],
        [
          'cpu utilizations p99',
          {
            metric: 'container/cpu/utilizations',
            aligner: 'ALIGN_PERCENTILE_99',
            reducer: 'REDUCE_MAX',
          },
        ],
        [
          'memory utilizations p99',
          {
            metric: 'container/memory/utilizations',
            aligner: 'ALIGN_PERCENTILE_99',
            reducer: 'REDUCE_MAX',
          },
        ],
      ] as const)
        await time(`7 d/1h ×${services}: ${name} by service`, () =>
          list({ ...q, ...week, periodSeconds: 3600, groupBy: byService }),
        );
    }
    if (wanted('billing')) {
      await time(
        `billing export build (POST /_sandbox/warm) ×${services}`,
        async () => {
          // What `POST /_sandbox/warm` runs, called directly: a fleet's build can outlast HTTP timeouts.
          await warmExport(sandbox.world, sandbox.clock.now());
        },
      );
      const bigquery = new BigQuery({
        apiEndpoint: sandbox.url,
        projectId: 'finance-billing',
        autoRetry: false,
        authClient: { getRequestHeaders: async () => new Headers() } as never,
      });
      const from = new Date(Date.UTC(2026, 1, 1)).toISOString().slice(0, 10);
      const to = new Date(end + DAY).toISOString().slice(0, 10);
      // The portal's own queries (common's builder), at both grains: the costs page's per resource and
      // the budgets' and overview's per project and day.
      const table = {
        projectId: 'finance-billing',
        dataset: 'billing_export',
        table: defaultExportTable(SANDBOX_BILLING_ACCOUNT_ID),
      };
      for (const grain of ['resource', 'project'] as const)
        for (const label of ['', ' again'])
          await time(
            `billing export query per ${grain} (portal's SQL, ${from}..${to})${label}`,
            async () => {
              const [rows] = await bigquery.query({
                query: exportCostQuery(table, grain),
                params: { projects: [PROJECT], from_day: from, to_day: to },
                types: {
                  projects: ['STRING'],
                  from_day: 'STRING',
                  to_day: 'STRING',
                },
              });
              return rows.length;
            },
          );
    }
    const activity = sandbox.activity.snapshot();
    const json = flag('json');
    if (json)
      writeFileSync(
        json,
        JSON.stringify({ services, figures, activity }, null, 2),
      );
  } finally {
    await sandbox.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
