import type { Router } from 'express';
import { readGcpServerlessConfig, type GcpServerlessConfig, type GcpServerlessConfigInput } from './config/config';
import { buildRouter } from './router/createRouter';
import { createPluginServices, type PluginServicesOptions } from './wiring/createPluginServices';

/** Options of the standalone router: the config (validated here if raw) plus optional injected dependencies. */
export interface RouterOptions extends Omit<PluginServicesOptions, 'config'> {
  config: GcpServerlessConfig | GcpServerlessConfigInput;
}

/**
 * The plugin's express router, to be mounted at `/api/gcp-serverless` (express 4). Validates the
 * config first, so a bad one fails at start-up with a message naming the key.
 */
export async function createRouter(options: RouterOptions): Promise<Router> {
  const config = readGcpServerlessConfig(options.config);
  return buildRouter(createPluginServices({ ...options, config }));
}
