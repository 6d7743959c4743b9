import { v2 } from '@google-cloud/run';

/**
 * Options that point an official Google client at the sandbox over plain HTTP with no real
 * credentials (docs/google-apis.md §1): `port` is its own option, `apiKey` stops every metadata-server
 * probe, `validateStatus` makes google-gax throw GoogleError with gRPC codes.
 */
export function sandboxClientOptions(
  port: number,
): NonNullable<ConstructorParameters<typeof v2.ServicesClient>[0]> {
  return {
    fallback: true,
    protocol: 'http',
    apiEndpoint: '127.0.0.1',
    port,
    apiKey: 'sandbox',
    projectId: 'sandbox-project',
    clientOptions: { transporterOptions: { validateStatus: () => true } },
  };
}

/** The real `@google-cloud/run` ServicesClient wired to a sandbox on `port` (tests and probes). */
export function servicesClientForSandbox(port: number): v2.ServicesClient {
  return new v2.ServicesClient(sandboxClientOptions(port));
}
