import { createContext, useContext, useState, type ReactNode } from 'react';
import {
  keepPreviousData,
  QueryClient,
  QueryClientProvider,
} from '@tanstack/react-query';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@gcp-serverless/common';
import {
  computingRetryDelayMs,
  isComputingSnapshot,
  MAX_COMPUTING_POLLS,
} from './computingSnapshot';

/** Errors that asking again cannot fix: shown at once, never retried. */
const FINAL_ERRORS = [
  InputError,
  NotAllowedError,
  NotFoundError,
  ConflictError,
];

/**
 * The plugin's query client. Reads are served from the backend's snapshots, so an answer is reused for
 * 30 s (a page opened again within that time paints from the cache and refetches in the background
 * after); a page whose inputs change (window, project) keeps the previous answer on screen while the
 * new one loads, as the "Refreshing" bars expect; a transient failure is asked once more before the
 * panel shows its error and retry button. A read whose first snapshot the backend is still computing
 * is not a failure: it stays loading (its `failureReason` says why) and is asked again after the
 * answer's `Retry-After`, until the snapshot is there.
 */
export function createGcpServerlessQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        placeholderData: keepPreviousData,
        retry: (failures, error) =>
          isComputingSnapshot(error)
            ? failures < MAX_COMPUTING_POLLS
            : failures < 1 && !FINAL_ERRORS.some(type => error instanceof type),
        retryDelay: (failures, error) =>
          isComputingSnapshot(error)
            ? computingRetryDelayMs(error)
            : // TanStack Query's own default: 1 s, 2 s, 4 s … up to 30 s.
              Math.min(1000 * 2 ** failures, 30_000),
      },
    },
  });
}

// Marks a subtree that already has the plugin's own client, so nested roots do not start a second cache.
const PluginClientMounted = createContext(false);

/** Props of {@link GcpServerlessQueryProvider}. */
export interface GcpServerlessQueryProviderProps {
  /** The client to use; by default the provider creates one for its lifetime. Tests pass one without retries. */
  client?: QueryClient;
  children?: ReactNode;
}

/**
 * Gives the plugin's components their TanStack Query cache. Backstage apps do not provide one (and one
 * they provide must not see the plugin's keys), so every root of the plugin — the page, the entity tab,
 * the standalone app — mounts this; inside another one it adds nothing and the outer cache is shared.
 */
export function GcpServerlessQueryProvider({
  client,
  children,
}: GcpServerlessQueryProviderProps) {
  const mounted = useContext(PluginClientMounted);
  const [own] = useState(
    () => client ?? (mounted ? undefined : createGcpServerlessQueryClient()),
  );
  if (mounted && !client) return <>{children}</>;
  return (
    <QueryClientProvider client={own!}>
      <PluginClientMounted.Provider value>
        {children}
      </PluginClientMounted.Provider>
    </QueryClientProvider>
  );
}
