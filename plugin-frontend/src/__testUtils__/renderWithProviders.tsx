import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { render, type RenderResult } from '@testing-library/react';
import { createTheme, ThemeProvider } from '@mui/material/styles';
import type { GcpServerlessApi } from '../api/GcpServerlessApi';
import { GcpServerlessApiProvider } from '../api/GcpServerlessApiContext';
import { GcpServerlessQueryProvider } from '../queries/GcpServerlessQueryProvider';
import { createTestQueryClient } from './createTestQueryClient';

/** Base path the plugin is mounted under in tests, to prove no link escapes it. */
export const TEST_BASE = '/gcp-serverless';

/** Shows the router's current path and query, so tests can assert the URL. */
export function LocationDisplay() {
  const location = useLocation();
  return (
    <div data-testid="location">{`${location.pathname}${location.search}`}</div>
  );
}

/** The current URL shown by {@link LocationDisplay}. */
export function currentLocation(container: HTMLElement): string {
  return container.querySelector('[data-testid="location"]')?.textContent ?? '';
}

/**
 * Renders `element` as the plugin would be mounted in a host app: theme, API provider, a fresh query cache
 * (so no answer leaks between tests), and a router with
 * the element under `${TEST_BASE}/*`, starting at `${TEST_BASE}${path}`. Host apps differ in React Router's
 * `v7_relativeSplatPath` flag, so tests can run either way (default on).
 */
export function renderWithProviders(
  element: ReactElement,
  options: {
    api: GcpServerlessApi;
    path?: string;
    dark?: boolean;
    v7RelativeSplatPath?: boolean;
  },
): RenderResult {
  const theme = createTheme({
    palette: { mode: options.dark ? 'dark' : 'light' },
  });
  return render(
    <ThemeProvider theme={theme}>
      <GcpServerlessApiProvider api={options.api}>
        <GcpServerlessQueryProvider client={createTestQueryClient()}>
          <MemoryRouter
            initialEntries={[`${TEST_BASE}${options.path ?? ''}`]}
            future={{
              v7_startTransition: true,
              v7_relativeSplatPath: options.v7RelativeSplatPath ?? true,
            }}
          >
            <Routes>
              <Route path={`${TEST_BASE}/*`} element={element} />
            </Routes>
            <LocationDisplay />
          </MemoryRouter>
        </GcpServerlessQueryProvider>
      </GcpServerlessApiProvider>
    </ThemeProvider>,
  );
}
