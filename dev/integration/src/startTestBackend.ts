import { startSandbox, type Sandbox } from '@gcp-serverless/sandbox';
import { serveRouter } from './serveRouter';
import { testTimeouts } from './testDeadlines';
import {
  buildRouter,
  createPluginServices,
  InMemoryAuditLog,
  readGcpServerlessConfig,
  StandaloneAuthorizer,
  type GcpServerlessConfigInput,
  type PluginLogger,
  type PluginServices,
} from '@gcp-serverless/plugin-backend';

/** A running router + sandbox pair for integration tests, both on 127.0.0.1 ephemeral ports. */
export interface TestBackend {
  /** Base URL of the plugin API, e.g. http://127.0.0.1:PORT/api/gcp-serverless. */
  api: string;
  sandbox: Sandbox;
  audit: InMemoryAuditLog;
  /** fetch + JSON for the plugin API. */
  call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }>;
  /** Request counters of the sandbox, keyed by method (e.g. `run.services.patch`). */
  counters(): Promise<Record<string, number>>;
  /** The deadlines in force (config `timeouts`): a test about a deadline injects latency relative to them. */
  timeouts: { readMs: number; writeMs: number; operationMs: number };
  /** The wired services (the edit kinds, the reconciler, the history) behind the router. */
  services: PluginServices;
  /** One pass of the pending-change reconciler, as its timer (standalone) or Backstage's scheduler would run it. */
  reconcile(): ReturnType<PluginServices['edits']['reconciler']['tick']>;
  /** fetch with raw options (headers, body as given) against the plugin API; answers status and parsed JSON (or text). */
  raw(
    method: string,
    path: string,
    init?: { headers?: Record<string, string>; body?: string | Uint8Array },
  ): Promise<{ status: number; body: any }>;
  /** POST/DELETE on the sandbox control surface. */
  control(method: string, path: string, body?: unknown): Promise<any>;
  close(): Promise<void>;
}

const silentLogger: PluginLogger = { info() {}, warn() {}, error() {} };

/**
 * Starts the sandbox and the real router (real Google clients inside) for a test file. The router
 * is wired exactly as in production, only the config points at the sandbox.
 */
export async function startTestBackend(
  options: {
    scenarios?: string[];
    services?: number;
    config?: (sandboxUrl: string) => Partial<GcpServerlessConfigInput>;
    /** Keys that verify Identity-Aware Proxy headers (tests with several users sign their own; `access.identity.type: iap`). */
    iapPublicKeys?: () => Promise<Record<string, string>>;
  } = {},
): Promise<TestBackend> {
  const sandbox = await startSandbox({
    port: 0,
    scenarios: options.scenarios ?? ['gryyd-web'],
    ...(options.services ? { services: options.services } : {}),
    operationDelayMs: 50,
  });
  const audit = new InMemoryAuditLog();
  const config: GcpServerlessConfigInput = {
    mode: 'sandbox',
    sandbox: { endpoint: sandbox.url },
    projects: [...sandbox.world.projects.values()].map(p => ({
      projectId: p.projectId,
      regions: [p.region],
    })),
    // 3 s / 5 s / 10 s on a quiet machine, longer on a busy one (testDeadlines.ts).
    // A computation's reads keep the same deadline (computations' longer deadline: readModelWait.integration.test.ts).
    timeouts: { ...testTimeouts(), refreshReadMs: testTimeouts().readMs },
    // A configured local user with the editor and finance roles, as the tests have always acted.
    access: {
      identity: { type: 'local', user: 'test-user' },
      roles: { editor: ['test-user'], finance: ['test-user'] },
    },
    history: { sqliteFile: ':memory:' },
    // Every read recomputes (still coalesced): the tests change the sandbox and read at once. The
    // read model's own timing is tested in readModel.integration.test.ts.
    readModel: { refreshIntervalSeconds: 0, serveStaleForSeconds: 0 },
    ...options.config?.(sandbox.url),
  };
  // Viewers wait for a computation as long as a few of its reads may take on this machine, unless a
  // test says otherwise: a test never reads "still computing" because the machine is busy.
  config.readModel = {
    viewerWaitSeconds: Math.min(600, (10 * testTimeouts().readMs) / 1000),
    ...config.readModel,
  };
  const parsed = readGcpServerlessConfig(config);
  const services = createPluginServices({
    config: parsed,
    ...(options.iapPublicKeys
      ? {
          authorizer: StandaloneAuthorizer.fromConfig(parsed, {
            iapPublicKeys: options.iapPublicKeys,
          }),
        }
      : {}),
    audit,
    logger: silentLogger,
    now: () => sandbox.clock.now(),
  });
  // As standalone (same-origin check on), but the reconciler is ticked by the tests, never by a timer.
  const served = await serveRouter(
    buildRouter(services, { sameOriginMutations: true }),
  );
  const api = served.api;

  const json = async (url: string, method: string, body?: unknown) => {
    const res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body:
        body === undefined
          ? undefined
          : typeof body === 'string'
          ? body
          : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    api,
    sandbox,
    audit,
    call: (method, path, body) => json(api + path, method, body),
    timeouts: services.config.timeouts,
    services,
    reconcile: () => services.edits.reconciler.tick(),
    async raw(method, path, init = {}) {
      const res = await fetch(api + path, {
        method,
        headers: init.headers ?? {},
        body: init.body as BodyInit | undefined,
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      return { status: res.status, body };
    },
    counters: async () =>
      (await json(`${sandbox.url}/_sandbox/counters`, 'GET')).body.counts,
    control: async (method, path, body) =>
      (await json(`${sandbox.url}/_sandbox${path}`, method, body)).body,
    async close() {
      await served.close();
      // The read model's computation thread and the in-memory database go with the backend.
      await services.readModelLifecycle.stop();
      await sandbox.close();
    },
  };
}

/** Sum of the counters whose key starts with `prefix`. */
export function countOf(counts: Record<string, number>, key: string): number {
  return counts[key] ?? 0;
}
