import type { GcpServerlessConfig } from '../config/config';

/** Constructor options shared by every official `@google-cloud/*` client the gateways build. */
export interface GoogleClientOptions {
  fallback: true;
  protocol?: 'http';
  apiEndpoint?: string;
  port?: number;
  apiKey?: string;
  projectId?: string;
  clientOptions?: { transporterOptions: { validateStatus: () => boolean } };
}

/**
 * Options that point a Google client at the right place.
 *
 * Both modes use the REST transport (`fallback: true`) so that the code path tested against the
 * sandbox is the one that runs against Google. In sandbox mode the options of docs/google-apis.md §1 make
 * the client speak plain http to the sandbox with an API key, so it never probes the metadata
 * server; `validateStatus` makes google-gax raise GoogleError with gRPC codes instead of GaxiosError.
 * In gcp mode the client uses Application Default Credentials.
 */
export function googleClientOptions(
  config: GcpServerlessConfig,
): GoogleClientOptions {
  if (config.mode === 'gcp') return { fallback: true };
  const endpoint = new URL(config.sandbox!.endpoint);
  return {
    fallback: true,
    protocol: 'http',
    // `port` must be its own option: a 'host:port' apiEndpoint still connects to 443.
    apiEndpoint: endpoint.hostname,
    port: Number(endpoint.port || 80),
    apiKey: 'sandbox',
    projectId: 'sandbox-project',
    clientOptions: { transporterOptions: { validateStatus: () => true } },
  };
}
