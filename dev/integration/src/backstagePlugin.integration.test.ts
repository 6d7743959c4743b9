import {
  coreServices,
  createServiceFactory,
  type AuditorServiceCreateEventOptions,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  type TestBackend as BackstageTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@gcp-serverless/sandbox';
import {
  examplePath,
  isReadOnlyPost,
  mutationRoutes,
  readGcpServerlessConfig,
  type GcpServerlessConfigInput,
  buildRouter,
  createPluginServices,
} from '@gcp-serverless/plugin-backend';
import gcpServerlessPlugin from '@gcp-serverless/plugin-backend';
import { testTimeouts } from './testDeadlines';

const BE =
  '/api/gcp-serverless/projects/gryyd-web/locations/asia-northeast3/services/gryd-be';
const PARAMS = {
  projectId: 'gryyd-web',
  region: 'asia-northeast3',
  service: 'gryd-be',
};
let sandbox: Sandbox;
let config: GcpServerlessConfigInput;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    scenarios: ['gryyd-web'],
    operationDelayMs: 50,
  });
  config = {
    mode: 'sandbox',
    sandbox: { endpoint: sandbox.url },
    projects: [{ projectId: 'gryyd-web', regions: ['asia-northeast3'] }],
    timeouts: testTimeouts({
      readMs: 3_000,
      writeMs: 5_000,
      operationMs: 10_000,
    }),
  };
});
afterAll(async () => sandbox?.close());

/** Every auditor event the plugin creates, with its options (the request decides the event's actor). */
const auditEvents: AuditorServiceCreateEventOptions[] = [];
const recordingAuditor = createServiceFactory({
  service: coreServices.auditor,
  deps: {},
  factory: () => ({
    async createEvent(options: AuditorServiceCreateEventOptions) {
      auditEvents.push(options);
      return { async success() {}, async fail() {} };
    },
  }),
});

/** The plugin inside a Backstage test backend with the given permissions service. */
async function backstage(
  permissions: ReturnType<typeof mockServices.permissions.factory>,
): Promise<{ backend: BackstageTestBackend; url: string }> {
  const backend = await startTestBackend({
    features: [
      gcpServerlessPlugin,
      mockServices.rootConfig.factory({
        data: { gcpServerless: config as never },
      }),
      permissions,
      recordingAuditor,
    ],
  });
  const { port } = backend.server.address() as { port: number };
  return { backend, url: `http://127.0.0.1:${port}` };
}

/** The mutation routes, enumerated from the very router the plugin mounts, so a new route cannot slip through. */
function routes() {
  const silent = { info() {}, warn() {}, error() {} };
  const services = createPluginServices({
    config: readGcpServerlessConfig({
      ...config,
      history: { sqliteFile: ':memory:' },
    }),
    logger: silent,
  });
  // The refresh route is a POST that changes nothing: it needs only the read permission.
  return mutationRoutes(buildRouter(services)).filter(
    r => !isReadOnlyPost(r.method, r.path),
  );
}

async function call(url: string, method: string, path: string, body?: unknown) {
  const res = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function patches(): Promise<number> {
  const counts = (
    await (await fetch(`${sandbox.url}/_sandbox/counters`)).json()
  ).counts as Record<string, number>;
  return Object.entries(counts)
    .filter(([k]) => /\.(patch|pause|resume|purge|update|insert|write)/.test(k))
    .reduce((n, [, v]) => n + v, 0);
}

describe('gcp-serverless backend plugin in Backstage', () => {
  it('answers 403 on every mutation route when updates are denied, with no Google write', async () => {
    // Reads allowed, every update permission denied: isolates the per-route guard.
    const permissions = createServiceFactory({
      service: coreServices.permissions,
      deps: {},
      factory: (): PermissionsService => ({
        authorize: async requests =>
          requests.map(r => ({
            result:
              r.permission.name === 'gcp-serverless.read'
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })) as never,
        authorizeConditional: async requests =>
          requests.map(() => ({ result: AuthorizeResult.DENY })) as never,
      }),
    });
    const { backend, url } = await backstage(permissions);
    try {
      const before = await patches();
      const list = routes();
      expect(list.length).toBeGreaterThanOrEqual(2);
      for (const route of list) {
        const res = await call(
          url,
          route.method.toUpperCase(),
          `/api/gcp-serverless${examplePath(route.path, PARAMS)}`,
          {},
        );
        expect(res.status, `${route.method} ${route.path}`).toBe(403);
        expect(res.body.error.name).toBe('NotAllowedError');
      }
      expect(await patches()).toBe(before);
      expect((await call(url, 'GET', BE)).status).toBe(200);
    } finally {
      await backend.stop();
    }
  });

  it('answers 403 on reads too when the policy denies everything', async () => {
    const { backend, url } = await backstage(
      mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
    );
    try {
      expect(
        (await call(url, 'GET', '/api/gcp-serverless/projects')).status,
      ).toBe(403);
      expect(
        (
          await call(url, 'POST', `${BE}/scaling/preview`, {
            change: { minInstances: 1, maxInstances: 41, concurrency: 80 },
          })
        ).status,
      ).toBe(403);
      expect(
        (await call(url, 'GET', '/api/gcp-serverless/health')).status,
      ).toBe(200);
    } finally {
      await backend.stop();
    }
  });

  it('lets an allowed user preview and apply, and records the change in the database history', async () => {
    const { backend, url } = await backstage(
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    );
    try {
      const me = await call(url, 'GET', '/api/gcp-serverless/me');
      expect(me.body).toMatchObject({
        system: 'backstage',
        user: 'user:default/mock',
        changes: { scaling: { verdict: 'allow' } },
      });
      const change = { minInstances: 1, maxInstances: 44, concurrency: 80 };
      const preview = await call(url, 'POST', `${BE}/scaling/preview`, {
        change,
      });
      expect(preview.status).toBe(200);
      const applied = await call(url, 'POST', `${BE}/scaling/apply`, {
        change,
        etag: preview.body.etag,
      });
      expect(applied.status).toBe(200);
      const history = await call(
        url,
        'GET',
        `/api/gcp-serverless/projects/gryyd-web/history?resource=${encodeURIComponent(
          'projects/gryyd-web/locations/asia-northeast3/services/gryd-be',
        )}`,
      );
      expect(history.status, JSON.stringify(history.body)).toBe(200);
      expect(history.body.entries[0]).toMatchObject({
        actor: 'user:default/mock',
        result: 'succeeded',
        after: change,
      });
      // The auditor gets the caller's request, from which Backstage's auditor takes the user as the actor.
      const event = auditEvents.find(
        e =>
          e.eventId === 'scaling-change' &&
          (e.meta as { after?: { maxInstances?: number } }).after
            ?.maxInstances === 44,
      );
      expect(event?.request?.originalUrl).toBe(`${BE}/scaling/apply`);
      expect(event?.meta).toMatchObject({
        actor: 'user:default/mock',
        result: 'succeeded',
      });
      // Errors in Backstage's serialized form, as ResponseError.fromResponse reads them.
      const missing = await call(
        url,
        'GET',
        '/api/gcp-serverless/projects/no-such-project/services',
      );
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({
        error: { name: 'NotFoundError' },
        request: {
          method: 'GET',
          url: '/api/gcp-serverless/projects/no-such-project/services',
        },
        response: { statusCode: 404 },
      });
    } finally {
      await backend.stop();
    }
  });
});
