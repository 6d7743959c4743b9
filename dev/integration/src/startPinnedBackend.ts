import { startSandbox, type Sandbox } from '@gcp-serverless/sandbox';
import {
  buildRouter,
  createPluginServices,
  readGcpServerlessConfig,
  type GcpServerlessConfig,
  type GcpServerlessConfigInput,
  type PluginServices,
} from '@gcp-serverless/plugin-backend';
import { serveRouter } from './serveRouter';

/** The router over a sandbox pinned in time; see {@link startPinnedBackend}. */
export interface PinnedBackend {
  sandbox: Sandbox;
  /** The config in force, read as the plugin reads it. */
  config: GcpServerlessConfig;
  services: PluginServices;
  /** Base URL of the plugin API, e.g. http://127.0.0.1:PORT/api/gcp-serverless. */
  api: string;
  close(): Promise<void>;
}

/**
 * The real router over a sandbox whose clock starts at `now`, for tests that read a whole week and
 * compare it with the sandbox's own traffic model (what-if, recommendations): the week ends at that
 * time, so real time passing changes nothing. Every region a project's services run in is
 * configured (the fleet spans several), and the deadlines allow the heaviest reads the plugin
 * makes (a week per minute, a whole project per metric) on a loaded machine.
 */
export async function startPinnedBackend(options: {
  now: number;
  scenarios: string[];
  /** Services of the `scale-fleet` scenario. */
  services: number;
  config?: Partial<GcpServerlessConfigInput>;
}): Promise<PinnedBackend> {
  const sandbox = await startSandbox({
    port: 0,
    scenarios: options.scenarios,
    services: options.services,
    now: options.now,
  });
  try {
    const config = readGcpServerlessConfig({
      mode: 'sandbox',
      sandbox: { endpoint: sandbox.url },
      projects: [...sandbox.world.projects.values()].map(p => ({
        projectId: p.projectId,
        regions: [...new Set([...p.services.values()].map(s => s.region))],
      })),
      timeouts: { readMs: 120_000, writeMs: 5_000, operationMs: 10_000 },
      history: { sqliteFile: ':memory:' },
      access: {
        identity: { type: 'local', user: 'test-user' },
        roles: { editor: ['test-user'] },
      },
      ...options.config,
    });
    const services = createPluginServices({
      config,
      logger: { info() {}, warn() {}, error() {} },
      now: () => sandbox.clock.now(),
    });
    const served = await serveRouter(buildRouter(services));
    return {
      sandbox,
      config,
      services,
      api: served.api,
      async close() {
        await served.close();
        await services.readModelLifecycle.stop();
        await sandbox.close();
      },
    };
  } catch (err) {
    // A half-started backend must not keep the test process alive.
    await sandbox.close();
    throw err;
  }
}
