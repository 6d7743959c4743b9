import { QueryClient } from '@tanstack/react-query';
import { createGcpServerlessQueryClient } from '../queries/GcpServerlessQueryProvider';

/** The plugin's query client as in production, but a failure shows at once (no retry) so error states are tested directly. */
export function createTestQueryClient(): QueryClient {
  const client = createGcpServerlessQueryClient();
  client.setDefaultOptions({
    queries: { ...client.getDefaultOptions().queries, retry: false },
  });
  return client;
}
