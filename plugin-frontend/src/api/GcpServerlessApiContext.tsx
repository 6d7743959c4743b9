import { createContext, useContext, type ReactNode } from 'react';
import type { GcpServerlessApi } from './GcpServerlessApi';

const GcpServerlessApiContext = createContext<GcpServerlessApi | undefined>(
  undefined,
);

/** Props of {@link GcpServerlessApiProvider}. */
export interface GcpServerlessApiProviderProps {
  /** The implementation every component below uses: a `GcpServerlessClient`, or a fake in tests. */
  api: GcpServerlessApi;
  children?: ReactNode;
}

/**
 * Supplies the {@link GcpServerlessApi} to the plugin's components. Standalone and in tests it wraps the
 * page directly; in a Backstage app the plugin's page wraps itself with the client built from the app's
 * discovery and fetch APIs, so components never know which.
 */
export function GcpServerlessApiProvider({
  api,
  children,
}: GcpServerlessApiProviderProps) {
  return (
    <GcpServerlessApiContext.Provider value={api}>
      {children}
    </GcpServerlessApiContext.Provider>
  );
}

/** The {@link GcpServerlessApi} of the nearest provider; throws if none is mounted (a wiring bug). */
export function useGcpServerlessApi(): GcpServerlessApi {
  const api = useContext(GcpServerlessApiContext);
  if (!api) {
    throw new Error(
      'useGcpServerlessApi must be used inside <GcpServerlessApiProvider api={…}>',
    );
  }
  return api;
}
