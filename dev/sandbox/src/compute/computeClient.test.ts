/**
 * The official @google-cloud/compute clients (REST fallback) against the running sandbox: what the
 * plugin's load-balancer gateways do in sandbox mode.
 */
import {
  BackendBucketsClient,
  BackendServicesClient,
  GlobalNetworkEndpointGroupsClient,
  GlobalOperationsClient,
  RegionNetworkEndpointGroupsClient,
  UrlMapsClient,
} from '@google-cloud/compute';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../index';
import { sandboxClientOptions } from '../run/servicesClientForSandbox';

const NOW = Date.UTC(2024, 0, 10, 9, 30);
const P = 'gryyd-web';
const BS = (name: string) =>
  `https://www.googleapis.com/compute/v1/projects/${P}/global/backendServices/${name}`;

let sandbox: Sandbox;
let urlMaps: UrlMapsClient;
let backendServices: BackendServicesClient;
let backendBuckets: BackendBucketsClient;
let regionNegs: RegionNetworkEndpointGroupsClient;
let globalNegs: GlobalNetworkEndpointGroupsClient;
let operations: GlobalOperationsClient;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    scenarios: ['gryyd-web', 'avocano-shop', 'scale-fleet'],
    services: 3,
    now: NOW,
    operationDelayMs: 50,
  });
  const options = sandboxClientOptions(sandbox.port) as ConstructorParameters<
    typeof UrlMapsClient
  >[0];
  urlMaps = new UrlMapsClient(options);
  backendServices = new BackendServicesClient(options);
  backendBuckets = new BackendBucketsClient(options);
  regionNegs = new RegionNetworkEndpointGroupsClient(options);
  globalNegs = new GlobalNetworkEndpointGroupsClient(options);
  operations = new GlobalOperationsClient(options);
});

afterAll(async () => {
  await Promise.all(
    [
      urlMaps,
      backendServices,
      backendBuckets,
      regionNegs,
      globalNegs,
      operations,
    ].map(c => c?.close()),
  );
  await sandbox?.close();
});

beforeEach(() => sandbox.reset());

/** Loops `wait` until DONE, as docs/google-apis.md §1 says callers must; the real name is latestResponse.name. */
async function waitDone(
  op: { latestResponse?: unknown },
  project = P,
): Promise<Record<string, unknown>> {
  const name = (op.latestResponse as { name: string }).name;
  for (;;) {
    const [result] = await operations.wait({ project, operation: name });
    if (result.status === 'DONE')
      return result as unknown as Record<string, unknown>;
  }
}

describe('compute clients against the sandbox', () => {
  it('lists and gets the gryyd-web URL map as docs/sandbox.md describes it', async () => {
    const [maps] = await urlMaps.list({ project: P });
    expect(maps.map(m => m.name)).toEqual(['gryyd-web-url-map']);
    const [map] = await urlMaps.get({
      project: P,
      urlMap: 'gryyd-web-url-map',
    });
    expect(map.hostRules?.map(h => [h.hosts, h.pathMatcher])).toEqual([
      [['gryyd.ai'], 'path-matcher-3'],
      [['www.gryyd.ai'], 'path-matcher-2'],
    ]);
    const pm3 = map.pathMatchers!.find(m => m.name === 'path-matcher-3')!;
    expect(pm3.defaultUrlRedirect).toMatchObject({
      hostRedirect: 'www.gryyd.ai',
      httpsRedirect: true,
      redirectResponseCode: 'MOVED_PERMANENTLY_DEFAULT',
    });
    const pm2 = map.pathMatchers!.find(m => m.name === 'path-matcher-2')!;
    expect(pm2.defaultService).toBe(BS('gryd-fe-service'));
    expect(pm2.pathRules!.map(r => [r.paths, r.service])).toEqual([
      [['/api/generation/*'], BS('gryd-worker-be-service')],
      [['/api/*', '/admin', '/admin/*'], BS('gryd-be-service')],
      [
        [
          '/images/*',
          '/thumbnails/*',
          '/results/*',
          '/assets/*',
          '/references/*',
        ],
        BS('gryd-storage-service'),
      ],
    ]);
    expect(map.fingerprint).toMatch(/^[A-Za-z0-9+/]{11}=$/);
    expect(typeof map.id).toBe('string');
  });

  it('patches with the fingerprint, waits for the operation, and reads the change back', async () => {
    const [map] = await urlMaps.get({
      project: P,
      urlMap: 'gryyd-web-url-map',
    });
    const pm2 = map.pathMatchers!.find(m => m.name === 'path-matcher-2')!;
    const pathMatchers = map.pathMatchers!.map(m =>
      m === pm2
        ? {
            ...m,
            pathRules: [
              ...pm2.pathRules!,
              { paths: ['/api/v2/*'], service: BS('gryd-be-service') },
            ],
          }
        : m,
    );
    const [op] = await urlMaps.patch({
      project: P,
      urlMap: 'gryyd-web-url-map',
      urlMapResource: { fingerprint: map.fingerprint, pathMatchers },
    });
    expect((op.latestResponse as unknown as { status: string }).status).toBe(
      'RUNNING',
    );
    const done = await waitDone(op);
    expect(done).toMatchObject({
      status: 'DONE',
      operationType: 'patch',
      targetLink: map.selfLink,
    });
    const [after] = await urlMaps.get({
      project: P,
      urlMap: 'gryyd-web-url-map',
    });
    expect(after.fingerprint).not.toBe(map.fingerprint);
    expect(
      after
        .pathMatchers!.find(m => m.name === 'path-matcher-2')!
        .pathRules!.at(-1),
    ).toMatchObject({ paths: ['/api/v2/*'], service: BS('gryd-be-service') });
    // JSON merge patch: fields the patch did not carry are kept.
    expect(after.hostRules).toEqual(map.hostRules);
  });

  it('refuses a stale or missing fingerprint with FAILED_PRECONDITION (412) and changes nothing', async () => {
    const [map] = await urlMaps.get({
      project: P,
      urlMap: 'gryyd-web-url-map',
    });
    await waitDone(
      (
        await urlMaps.patch({
          project: P,
          urlMap: 'gryyd-web-url-map',
          urlMapResource: {
            fingerprint: map.fingerprint,
            description: 'first',
          },
        })
      )[0],
    );
    const stale = urlMaps.patch({
      project: P,
      urlMap: 'gryyd-web-url-map',
      urlMapResource: { fingerprint: map.fingerprint, description: 'second' },
    });
    await expect(stale).rejects.toMatchObject({ code: 9 });
    await expect(
      urlMaps.patch({
        project: P,
        urlMap: 'gryyd-web-url-map',
        urlMapResource: { description: 'third' },
      }),
    ).rejects.toMatchObject({ code: 9 });
    const [after] = await urlMaps.get({
      project: P,
      urlMap: 'gryyd-web-url-map',
    });
    expect(after.description).toBe('first');
  });

  it('rejects invalid paths with INVALID_ARGUMENT naming the rule', async () => {
    const [map] = await urlMaps.get({
      project: P,
      urlMap: 'gryyd-web-url-map',
    });
    const pathMatchers = [
      {
        name: 'path-matcher-2',
        defaultService: BS('gryd-fe-service'),
        pathRules: [{ paths: ['/api/*/v2'], service: BS('gryd-be-service') }],
      },
      map.pathMatchers![0]!,
    ];
    const error = await urlMaps
      .patch({
        project: P,
        urlMap: 'gryyd-web-url-map',
        urlMapResource: { fingerprint: map.fingerprint, pathMatchers },
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 3 });
    expect(String((error as Error).message)).toContain(
      'resource.pathMatchers[0].pathRules[0].paths[0]',
    );
  });

  it('validate returns loadErrors for broken rules and testFailures for failing tests, creating nothing', async () => {
    const [map] = await urlMaps.get({
      project: P,
      urlMap: 'gryyd-web-url-map',
    });
    const broken = { ...map, defaultService: BS('no-such-service') };
    const [bad] = await urlMaps.validate({
      project: P,
      urlMap: 'gryyd-web-url-map',
      urlMapsValidateRequestResource: { resource: broken },
    });
    expect(bad.result).toMatchObject({ loadSucceeded: false });
    expect(bad.result!.loadErrors!.join(' ')).toContain('no-such-service');
    const tested = {
      ...map,
      tests: [
        {
          host: 'www.gryyd.ai',
          path: '/admin',
          service: BS('gryd-be-service'),
        },
        {
          host: 'www.gryyd.ai',
          path: '/about',
          service: BS('gryd-be-service'),
        },
        {
          host: 'gryyd.ai',
          path: '/x',
          expectedOutputUrl: 'https://www.gryyd.ai/x',
          expectedRedirectResponseCode: 301,
        },
      ],
    };
    const [result] = await urlMaps.validate({
      project: P,
      urlMap: 'gryyd-web-url-map',
      urlMapsValidateRequestResource: { resource: tested },
    });
    expect(result.result).toMatchObject({
      loadSucceeded: true,
      testPassed: false,
    });
    expect(result.result!.testFailures).toHaveLength(1);
    expect(result.result!.testFailures![0]).toMatchObject({
      path: '/about',
      expectedService: BS('gryd-be-service'),
      actualService: BS('gryd-fe-service'),
    });
    const [unchanged] = await urlMaps.get({
      project: P,
      urlMap: 'gryyd-web-url-map',
    });
    expect(unchanged.tests).toEqual([]);
  });

  it('a write whose tests fail is refused', async () => {
    const [map] = await urlMaps.get({
      project: P,
      urlMap: 'gryyd-web-url-map',
    });
    const tests = [
      { host: 'www.gryyd.ai', path: '/about', service: BS('gryd-be-service') },
    ];
    await expect(
      urlMaps.patch({
        project: P,
        urlMap: 'gryyd-web-url-map',
        urlMapResource: { fingerprint: map.fingerprint, tests },
      }),
    ).rejects.toMatchObject({ code: 3 });
  });

  it('serves backend services, buckets and NEGs, and patches a CDN policy with the fingerprint', async () => {
    const [services] = await backendServices.list({ project: P });
    expect(services.map(s => s.name)).toEqual([
      'gryd-be-service',
      'gryd-fe-service',
      'gryd-storage-service',
      'gryd-worker-be-service',
    ]);
    const storage = services.find(s => s.name === 'gryd-storage-service')!;
    expect(storage).toMatchObject({
      enableCDN: true,
      cdnPolicy: {
        cacheMode: 'CACHE_ALL_STATIC',
        defaultTtl: 3600,
        maxTtl: 86400,
        clientTtl: 3600,
      },
    });
    expect(storage.usedBy?.map(u => u.reference)).toEqual([
      `https://www.googleapis.com/compute/v1/projects/${P}/global/urlMaps/gryyd-web-url-map`,
    ]);
    const [negs] = await regionNegs.list({
      project: P,
      region: 'asia-northeast3',
    });
    expect(
      negs.map(n => [n.name, n.networkEndpointType, n.cloudRun?.service]),
    ).toEqual([
      ['gryd-be-neg', 'SERVERLESS', 'gryd-be'],
      ['gryd-fe-neg', 'SERVERLESS', 'gryd-fe'],
      ['gryd-worker-neg', 'SERVERLESS', 'gryd-worker'],
    ]);
    const [globals] = await globalNegs.list({ project: P });
    expect(globals.map(n => [n.name, n.networkEndpointType])).toEqual([
      ['gryd-storage-neg', 'INTERNET_FQDN_PORT'],
    ]);

    const [op] = await backendServices.patch({
      project: P,
      backendService: 'gryd-storage-service',
      backendServiceResource: {
        fingerprint: storage.fingerprint,
        cdnPolicy: { cacheMode: 'FORCE_CACHE_ALL', defaultTtl: 600 },
      },
    });
    await waitDone(op);
    const [after] = await backendServices.get({
      project: P,
      backendService: 'gryd-storage-service',
    });
    expect(after.cdnPolicy).toMatchObject({
      cacheMode: 'FORCE_CACHE_ALL',
      defaultTtl: 600,
      maxTtl: 86400,
    });
    await expect(
      backendServices.patch({
        project: P,
        backendService: 'gryd-storage-service',
        backendServiceResource: {
          fingerprint: storage.fingerprint,
          enableCDN: false,
        },
      }),
    ).rejects.toMatchObject({ code: 9 });
    const bad = backendServices.patch({
      project: P,
      backendService: 'gryd-storage-service',
      backendServiceResource: {
        fingerprint: after.fingerprint,
        cdnPolicy: { defaultTtl: 90_000 },
      },
    });
    await expect(bad).rejects.toMatchObject({ code: 3 });

    const [buckets] = await backendBuckets.list({ project: 'avocano-shop' });
    expect(buckets.map(b => [b.name, b.bucketName, b.enableCdn])).toEqual([
      ['avocano-static', 'avocano-shop-static', true],
    ]);
    await waitDone(
      (
        await backendBuckets.patch({
          project: 'avocano-shop',
          backendBucket: 'avocano-static',
          backendBucketResource: {
            cdnPolicy: { cacheMode: 'USE_ORIGIN_HEADERS' },
          },
        })
      )[0],
      'avocano-shop',
    );
    const [bucket] = await backendBuckets.get({
      project: 'avocano-shop',
      backendBucket: 'avocano-static',
    });
    expect(bucket.cdnPolicy?.cacheMode).toBe('USE_ORIGIN_HEADERS');
    expect(bucket.cdnPolicy?.defaultTtl ?? undefined).toBeUndefined();
  });

  it('pages lists with maxResults and pageToken, and filters by name', async () => {
    const [first, next] = await backendServices.list(
      { project: P, maxResults: 3 },
      { autoPaginate: false },
    );
    expect(first.map(s => s.name)).toEqual([
      'gryd-be-service',
      'gryd-fe-service',
      'gryd-storage-service',
    ]);
    expect(next?.pageToken).toBeTruthy();
    const [second, last] = await backendServices.list(
      { project: P, maxResults: 3, pageToken: next!.pageToken! },
      { autoPaginate: false },
    );
    expect(second.map(s => s.name)).toEqual(['gryd-worker-be-service']);
    expect(last).toBeNull();
    const [filtered] = await backendServices.list({
      project: P,
      filter: 'name = "gryd-be-service"',
    });
    expect(filtered.map(s => s.name)).toEqual(['gryd-be-service']);
    await expect(
      backendServices.list({ project: P, maxResults: 501 }),
    ).rejects.toMatchObject({ code: 3 });
  });

  it('invalidates the cache of a path through an operation', async () => {
    const [op] = await urlMaps.invalidateCache({
      project: P,
      urlMap: 'gryyd-web-url-map',
      cacheInvalidationRuleResource: { path: '/images/*' },
    });
    expect(await waitDone(op)).toMatchObject({
      status: 'DONE',
      operationType: 'invalidateCache',
    });
    await expect(
      urlMaps.invalidateCache({
        project: P,
        urlMap: 'gryyd-web-url-map',
        cacheInvalidationRuleResource: { path: 'images' },
      }),
    ).rejects.toMatchObject({ code: 3 });
  });

  it('answers empty lists for a project without load balancers and 404 for unknown resources', async () => {
    const [maps] = await urlMaps.list({ project: 'scale-fleet' });
    expect(maps).toEqual([]);
    await expect(
      urlMaps.get({ project: P, urlMap: 'nope' }),
    ).rejects.toMatchObject({ code: 5 });
    await expect(
      operations.get({ project: P, operation: 'operation-nope' }),
    ).rejects.toMatchObject({ code: 5 });
  });
});
