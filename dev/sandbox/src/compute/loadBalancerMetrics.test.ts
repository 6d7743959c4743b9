/**
 * Load balancer metrics through the official MetricServiceClient, and the coupling to Cloud Run: a
 * route edit moves traffic between Cloud Run services and a cache-policy edit changes CDN hits, both
 * in later points only.
 */
import { MetricServiceClient } from '@google-cloud/monitoring';
import {
  BackendServicesClient,
  GlobalOperationsClient,
  UrlMapsClient,
} from '@google-cloud/compute';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../index';
import { sandboxClientOptions } from '../run/servicesClientForSandbox';

const NOW = Date.UTC(2024, 0, 10, 12, 0);
const P = 'gryyd-web';
const HOUR = 3_600_000;
const BS = (name: string) =>
  `https://www.googleapis.com/compute/v1/projects/${P}/global/backendServices/${name}`;

let sandbox: Sandbox;
let monitoring: MetricServiceClient;
let urlMaps: UrlMapsClient;
let backendServices: BackendServicesClient;
let operations: GlobalOperationsClient;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    scenarios: ['gryyd-web'],
    now: NOW,
    operationDelayMs: 0,
  });
  const options = sandboxClientOptions(sandbox.port);
  monitoring = new MetricServiceClient(
    options as ConstructorParameters<typeof MetricServiceClient>[0],
  );
  urlMaps = new UrlMapsClient(
    options as ConstructorParameters<typeof UrlMapsClient>[0],
  );
  backendServices = new BackendServicesClient(
    options as ConstructorParameters<typeof BackendServicesClient>[0],
  );
  operations = new GlobalOperationsClient(
    options as ConstructorParameters<typeof GlobalOperationsClient>[0],
  );
});

afterAll(async () => {
  await Promise.all(
    [monitoring, urlMaps, backendServices, operations].map(c => c?.close()),
  );
  await sandbox?.close();
});

beforeEach(() => sandbox.reset());

const seconds = (ms: number) => ({ seconds: Math.floor(ms / 1000) });

/** Sum of a metric over [start, end) per value of `groupBy`, one period covering the window. */
async function sumBy(
  metric: string,
  groupBy: string,
  start: number,
  end: number,
  extraFilter = '',
): Promise<Map<string, number>> {
  const [series] = await monitoring.listTimeSeries(
    {
      name: `projects/${P}`,
      filter: `metric.type = "${metric}"${extraFilter}`,
      interval: { startTime: seconds(start), endTime: seconds(end) },
      aggregation: {
        alignmentPeriod: { seconds: (end - start) / 1000 },
        perSeriesAligner: 'ALIGN_SUM',
        crossSeriesReducer: 'REDUCE_SUM',
        groupByFields: [groupBy],
      },
    },
    { autoPaginate: false },
  );
  const out = new Map<string, number>();
  for (const s of series) {
    const key = groupBy.startsWith('resource')
      ? s.resource!.labels![groupBy.split('.').pop()!]!
      : s.metric!.labels![groupBy.split('.').pop()!]!;
    const total = s.points!.reduce(
      (sum, p) =>
        sum + Number(p.value!.int64Value ?? p.value!.doubleValue ?? 0),
      0,
    );
    out.set(key, (out.get(key) ?? 0) + total);
  }
  return out;
}

describe('load balancer metrics', () => {
  it('groups request_count by matched_url_path_rule in one call', async () => {
    const byRule = await sumBy(
      'loadbalancing.googleapis.com/https/request_count',
      'resource.labels.matched_url_path_rule',
      NOW - HOUR,
      NOW,
    );
    expect([...byRule.keys()].sort()).toEqual([
      '/admin',
      '/admin/*',
      '/api/*',
      '/api/generation/*',
      '/assets/*',
      '/images/*',
      '/references/*',
      '/results/*',
      '/thumbnails/*',
      'UNMATCHED',
    ]);
    expect(byRule.get('UNMATCHED')!).toBeGreaterThan(byRule.get('/admin')!);
    const byClass = await sumBy(
      'loadbalancing.googleapis.com/https/request_count',
      'metric.labels.response_code_class',
      NOW - HOUR,
      NOW,
    );
    expect(byClass.get('200')!).toBeGreaterThan(byClass.get('300') ?? 0);
    // gryyd.ai redirects to www with a 301 at the load balancer, without a backend.
    const noBackend = await sumBy(
      'loadbalancing.googleapis.com/https/request_count',
      'metric.labels.response_code',
      NOW - HOUR,
      NOW,
      ' AND resource.labels.backend_target_name = ""',
    );
    expect([...noBackend.keys()]).toEqual(['301']);
  });

  it('reports CDN hits only on the storage backend, following its cache policy', async () => {
    const byCache = await sumBy(
      'loadbalancing.googleapis.com/https/request_count',
      'metric.labels.cache_result',
      NOW - HOUR,
      NOW,
      ' AND resource.labels.backend_target_name = "gryd-storage-service"',
    );
    expect(byCache.get('HIT')!).toBeGreaterThan(byCache.get('MISS')!);
    const fe = await sumBy(
      'loadbalancing.googleapis.com/https/request_count',
      'metric.labels.cache_result',
      NOW - HOUR,
      NOW,
      ' AND resource.labels.backend_target_name = "gryd-fe-service"',
    );
    expect([...fe.keys()]).toEqual(['DISABLED']);
  });

  it('a route edit moves traffic from gryd-be to gryd-fe in later points only', async () => {
    const runRequests = async (service: string, start: number, end: number) =>
      (
        await sumBy(
          'run.googleapis.com/request_count',
          'resource.labels.service_name',
          start,
          end,
          ` AND resource.labels.service_name = "${service}"`,
        )
      ).get(service) ?? 0;
    const beforeBe = await runRequests('gryd-be', NOW - HOUR, NOW);
    const beforeFe = await runRequests('gryd-fe', NOW - HOUR, NOW);
    expect(beforeBe).toBeGreaterThan(0);

    const [map] = await urlMaps.get({
      project: P,
      urlMap: 'gryyd-web-url-map',
    });
    const pathMatchers = map.pathMatchers!.map(m =>
      m.name !== 'path-matcher-2'
        ? m
        : {
            ...m,
            pathRules: m.pathRules!.map(r =>
              r.paths!.includes('/api/*')
                ? { ...r, service: BS('gryd-fe-service') }
                : r,
            ),
          },
    );
    const [op] = await urlMaps.patch({
      project: P,
      urlMap: 'gryyd-web-url-map',
      urlMapResource: { fingerprint: map.fingerprint, pathMatchers },
    });
    expect((op.latestResponse as unknown as { status: string }).status).toBe(
      'DONE',
    );
    const editedAt = sandbox.clock.now();
    sandbox.clock.advance(2 * 3600);
    const from = Math.ceil(editedAt / 60_000) * 60_000;
    const to = from + HOUR;

    // Every gryd-be request came through /api/* and /admin: gryd-fe now serves them.
    expect(await runRequests('gryd-be', from, to)).toBe(0);
    expect(await runRequests('gryd-fe', from, to)).toBeGreaterThan(
      beforeFe * 1.2,
    );
    const byRule = await sumBy(
      'loadbalancing.googleapis.com/https/request_count',
      'resource.labels.backend_target_name',
      from,
      to,
      ' AND resource.labels.matched_url_path_rule = "/api/*"',
    );
    expect([...byRule.keys()]).toEqual(['gryd-fe-service']);
    // Past points keep the old route.
    const past = await sumBy(
      'loadbalancing.googleapis.com/https/request_count',
      'resource.labels.backend_target_name',
      NOW - HOUR,
      NOW,
      ' AND resource.labels.matched_url_path_rule = "/api/*"',
    );
    expect([...past.keys()]).toEqual(['gryd-be-service']);
    expect(await runRequests('gryd-be', NOW - HOUR, NOW)).toBe(beforeBe);
  });

  it('a cache-policy edit changes the hit ratio in later points', async () => {
    const hitRatio = async (start: number, end: number) => {
      const byCache = await sumBy(
        'loadbalancing.googleapis.com/https/request_count',
        'metric.labels.cache_result',
        start,
        end,
        ' AND resource.labels.matched_url_path_rule = "/references/*"',
      );
      const hit = byCache.get('HIT') ?? 0;
      return (
        hit /
        (hit + (byCache.get('MISS') ?? 0) + (byCache.get('PARTIAL_HIT') ?? 0))
      );
    };
    // User uploads are served private: CACHE_ALL_STATIC never caches them.
    expect(await hitRatio(NOW - HOUR, NOW)).toBe(0);
    const [storage] = await backendServices.get({
      project: P,
      backendService: 'gryd-storage-service',
    });
    await backendServices.patch({
      project: P,
      backendService: 'gryd-storage-service',
      backendServiceResource: {
        fingerprint: storage.fingerprint,
        cdnPolicy: { cacheMode: 'FORCE_CACHE_ALL', defaultTtl: 86_400 },
      },
    });
    const editedAt = sandbox.clock.now();
    sandbox.clock.advance(2 * 3600);
    const from = Math.ceil(editedAt / 60_000) * 60_000;
    expect(await hitRatio(from, from + HOUR)).toBeGreaterThan(0.05);
    expect(await hitRatio(NOW - HOUR, NOW)).toBe(0);
  });
});
