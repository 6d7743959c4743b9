import type { Router } from 'express';
import {
  readGcpServerlessConfig,
  type GcpServerlessConfig,
  type GcpServerlessConfigInput,
} from './config/config';
import { buildRouter } from './router/createRouter';
import {
  createPluginServices,
  type PluginServicesOptions,
} from './wiring/createPluginServices';

/** Options of the standalone router: the config (validated here if raw) plus optional injected dependencies. */
export interface RouterOptions extends Omit<PluginServicesOptions, 'config'> {
  config: GcpServerlessConfig | GcpServerlessConfigInput;
  /** Aborting it stops the read model's background refresh and closes the standalone cache's and database's connections. */
  signal?: AbortSignal;
  /**
   * How often the reconciler settles pending applies, ms (default 15,000; 0 = never, for callers
   * that drive `tick` themselves). Inside Backstage the scheduler drives it instead.
   */
  reconcileIntervalMs?: number;
}

/**
 * The plugin's express router, to be mounted at `/api/gcp-serverless` (express 4). Validates the
 * config first, so a bad one fails at start-up with a message naming the key; starts the read
 * model's background refresh (docs/architecture.md, "The read model").
 * config first, so a bad one fails at start-up with a message naming the key. Standalone, mutations
 * must come from the portal's own origin (docs/api.md, "Cross-site requests").
 */
export async function createRouter(options: RouterOptions): Promise<Router> {
  const config = readGcpServerlessConfig(options.config);
  const services = createPluginServices({ ...options, config });
  options.signal?.addEventListener(
    'abort',
    () => void services.readModelLifecycle.stop(),
    { once: true },
  );
  await services.readModelLifecycle.start();
  // Ready when it can serve: the read model's computation thread has loaded and built its Google
  // clients, so the first page waits only for its reads (docs/architecture.md, "The read model").
  // Inside Backstage the plugin starts the thread without waiting for it (backstage/plugin.ts).
  await services.computeThread?.start();
  const interval = options.reconcileIntervalMs ?? 15_000;
  if (interval > 0) {
    const stopReconciler = services.edits.reconciler.start(interval);
    options.signal?.addEventListener('abort', stopReconciler, { once: true });
  }
  return buildRouter(services, { sameOriginMutations: true });
}
