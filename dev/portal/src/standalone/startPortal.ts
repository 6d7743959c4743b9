import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import {
  createRouter,
  StandaloneAuthorizer,
  readGcpServerlessConfig,
  type GcpServerlessConfig,
  type GcpServerlessConfigInput,
} from '@gcp-serverless/plugin-backend';
// Types only: the sandbox's code is loaded when the portal embeds one in this thread, never against Google.
import type {
  Sandbox,
  SandboxOptions,
  SetupFailureSpec,
} from '@gcp-serverless/sandbox';
import { debugMetricsHandler, DEBUG_METRICS_ENV } from './debugMetrics';
import { sandboxPortalConfig } from './sandboxPortalConfig';
import { startSandboxThread, type SandboxThread } from './sandboxThread';
import { webBuildHandlers } from './webServing';

const devRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

export interface PortalOptions {
  /** Port of the portal; 0 = ephemeral. */
  port: number;
  host?: string;
  /** Plugin config; when absent, an embedded sandbox is started and the config points at it. */
  config?: GcpServerlessConfigInput;
  /** Keys merged into the generated sandbox config (e.g. `access` roles for a viewer); sandbox mode without a config only. */
  sandboxConfigOverrides?: Partial<GcpServerlessConfigInput>;
  /** Sandbox scenarios (sandbox mode without a config only). */
  scenarios?: string[];
  /** scale-fleet size. */
  services?: number;
  /**
   * Sandbox time at start, epoch ms (sandbox mode without a config only); absent = real time. A test that
   * needs a moment of the scenarios' day (the gryyd-web evening peak, when gryd-worker answers 429) pins it.
   */
  sandboxNow?: number;
  /** Setup failures the embedded sandbox plays from its start (docs/sandbox.md#setup-failures); sandbox mode without a config only. */
  setupFailures?: SetupFailureSpec;
  /**
   * Serve the production build in dev/portal/dist/web (`npm start`, which builds it first: webBuild.ts)
   * instead of Vite's dev middleware with hot reload (`npm run dev`, and the browser tests).
   */
  prebuilt?: boolean;
  /**
   * Run the embedded sandbox in a worker thread (`npm start`, `npm run dev`; sandboxThread.ts) instead of
   * this one, so the pages and the API are served while its model computes. `sandbox` is then absent:
   * only `sandboxUrl` reaches it (its control API is `/_sandbox/` there).
   */
  sandboxThread?: boolean;
  /** The recommendations' first background run waits this long after start, ms (default: the plugin's, a minute). */
  recommendationsFirstRunDelayMs?: number;
  /** Logs go here; tests pass a silent logger. */
  log?: (line: string) => void;
  /**
   * Keys that verify Identity-Aware Proxy headers instead of Google's published ones: browser tests
   * with several users sign their own headers (`access.identity.type: iap`).
   */
  iapPublicKeys?: () => Promise<Record<string, string>>;
}

export interface Portal {
  url: string;
  /** The validated plugin config the portal runs with. */
  config: GcpServerlessConfig;
  /** The embedded sandbox, when it runs in the portal's thread (tests reach into it). */
  sandbox?: Sandbox;
  /** Base URL of the embedded sandbox, in this thread or its own. */
  sandboxUrl?: string;
  /** The time the portal runs on, epoch ms: the embedded sandbox's clock, else real time. */
  now(): number;
  close(): Promise<void>;
}

/**
 * The standalone portal behind `npm start`: the plugin router at /api/gcp-serverless and the
 * frontend on the same origin, plus — unless a config says otherwise — the embedded GCP sandbox.
 */
export async function startPortal(options: PortalOptions): Promise<Portal> {
  const log = options.log ?? (line => console.log(line));
  const host = options.host ?? '127.0.0.1';
  let sandbox: Sandbox | undefined;
  let thread: SandboxThread | undefined;
  let configInput = options.config;
  if (!configInput) {
    const sandboxOptions: SandboxOptions = {
      port: 0,
      host: '127.0.0.1',
      ...(options.scenarios ? { scenarios: options.scenarios } : {}),
      ...(options.services ? { services: options.services } : {}),
      ...(options.sandboxNow !== undefined ? { now: options.sandboxNow } : {}),
      ...(options.setupFailures
        ? { setupFailures: options.setupFailures }
        : {}),
    };
    if (options.sandboxThread) {
      thread = await startSandboxThread(sandboxOptions);
      configInput = {
        ...sandboxPortalConfig(
          thread.url,
          thread.projects,
          thread.billingAccountId,
        ),
        ...options.sandboxConfigOverrides,
      };
    } else {
      const [{ startSandbox }, { sandboxConfig }] = await Promise.all([
        import('@gcp-serverless/sandbox'),
        import('./standaloneConfig'),
      ]);
      sandbox = await startSandbox(sandboxOptions);
      configInput = {
        ...sandboxConfig(sandbox.url, sandbox.world),
        ...options.sandboxConfigOverrides,
      };
    }
  }
  const sandboxNow = sandbox
    ? () => sandbox!.clock.now()
    : thread
    ? () => thread!.now()
    : undefined;
  const config = readGcpServerlessConfig(configInput);
  const app = express();
  app.disable('x-powered-by');
  const server = http.createServer(app);
  const silent = { info: () => {}, warn: log, error: log };
  // Event-loop delay and memory for `npm run bench` (docs/performance.md); never on unless asked for.
  if (process.env[DEBUG_METRICS_ENV] === '1')
    app.get('/_debug/metrics', debugMetricsHandler());
  const web = options.prebuilt
    ? webBuildHandlers(path.join(devRoot, 'dist/web'))
    : undefined;
  // The build's files first: index.html and the scripts never go through the API's middleware.
  if (web) app.use(...web.files);
  // Closing the portal stops the read model's refresh and closes its cache and database.
  const lifetime = new AbortController();
  app.use(
    '/api/gcp-serverless',
    await createRouter({
      config,
      signal: lifetime.signal,
      ...(options.recommendationsFirstRunDelayMs !== undefined
        ? {
            recommendationsFirstRunDelayMs:
              options.recommendationsFirstRunDelayMs,
          }
        : {}),
      logger: options.log ? silent : undefined,
      ...(sandboxNow ? { now: sandboxNow } : {}),
      ...(options.iapPublicKeys
        ? {
            authorizer: StandaloneAuthorizer.fromConfig(config, {
              iapPublicKeys: options.iapPublicKeys,
            }),
          }
        : {}),
    }),
  );

  let closeVite = async () => {};
  if (web) {
    app.use(web.appRoutes);
  } else {
    const { createServer } = await import('vite');
    const vite = await createServer({
      configFile: path.join(devRoot, 'vite.config.ts'),
      server: { middlewareMode: true, hmr: { server } },
      appType: 'spa',
      logLevel: options.log ? 'silent' : 'info',
    });
    app.use(vite.middlewares);
    closeVite = () => vite.close();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port =
    typeof address === 'object' && address ? address.port : options.port;
  return {
    config,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    sandbox,
    sandboxUrl: sandbox?.url ?? thread?.url,
    now: sandboxNow ?? Date.now,
    async close() {
      lifetime.abort();
      server.closeAllConnections();
      await Promise.all([
        closeVite(),
        new Promise<void>(r => server.close(() => r())),
        sandbox?.close(),
        thread?.close(),
      ]);
    },
  };
}
