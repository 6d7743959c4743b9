import { QueryClient } from '@tanstack/react-query';
import {
  isComputingSnapshot,
  MAX_COMPUTING_POLLS,
} from '../queries/computingSnapshot';
import { createGcpServerlessQueryClient } from '../queries/GcpServerlessQueryProvider';

/**
 * The plugin's query client as in production, but a failure shows at once (no retry) so error states
 * are tested directly. A snapshot still being computed is no failure: it is asked again as in production.
 */
export function createTestQueryClient(): QueryClient {
  const client = createGcpServerlessQueryClient();
  client.setDefaultOptions({
    queries: {
      ...client.getDefaultOptions().queries,
      retry: (failures, error) =>
        isComputingSnapshot(error) && failures < MAX_COMPUTING_POLLS,
    },
  });
  return client;
}
