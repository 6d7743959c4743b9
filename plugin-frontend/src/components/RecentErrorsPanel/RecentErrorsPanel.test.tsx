import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import {
  ServiceUnavailableError,
  type RecentErrorsResponse,
} from '@gcp-serverless/common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { renderWithProviders } from '../../__testUtils__/renderWithProviders';
import { RecentErrorsPanel } from './RecentErrorsPanel';

afterEach(cleanup);

const ref = {
  projectId: 'avocano-shop',
  region: 'us-central1',
  service: 'avocano-api',
};
const sample = {
  timestamp: '2026-01-01T00:10:00Z',
  severity: 'ERROR',
  log: 'run.googleapis.com/stderr',
  message: 'Error: connect ECONNREFUSED',
  httpRequest: null,
  insertId: 'a',
};
const response = (
  over: Partial<RecentErrorsResponse> = {},
): RecentErrorsResponse => ({
  ...ref,
  window: '1h',
  asOf: '2026-01-01T01:00:00Z',
  filter: 'severity>=ERROR',
  logsExplorerUrl:
    'https://console.cloud.google.com/logs/query;query=x?project=avocano-shop',
  errors: [
    {
      message: 'Error: connect ECONNREFUSED',
      count: 42,
      firstSeen: '2026-01-01T00:01:00Z',
      lastSeen: '2026-01-01T00:10:00Z',
      sample,
    },
  ],
  requests: [
    {
      status: 503,
      method: 'POST',
      path: '/api/orders',
      count: 40,
      firstSeen: '2026-01-01T00:01:00Z',
      lastSeen: '2026-01-01T00:10:00Z',
      sample: {
        ...sample,
        httpRequest: {
          method: 'POST',
          url: 'https://x/api/orders',
          status: 503,
          latencyMs: 10,
        },
      },
    },
  ],
  scanned: 82,
  truncated: false,
  ...over,
});

describe('RecentErrorsPanel', () => {
  it('shows errors by message, 5xx requests and the Logs Explorer link', async () => {
    const api = fakeApi({ getRecentErrors: async () => response() });
    renderWithProviders(<RecentErrorsPanel service={ref} window="1h" />, {
      api,
    });
    const row = await screen.findByTestId('error-group');
    expect(row.textContent).toContain('Error: connect ECONNREFUSED');
    expect(row.textContent).toContain('42');
    expect(screen.getByTestId('request-group').textContent).toContain(
      'POST /api/orders',
    );
    expect(
      screen
        .getByRole('link', { name: 'Open in Logs Explorer' })
        .getAttribute('href'),
    ).toContain('console.cloud.google.com/logs/query');
    expect(api.getRecentErrors).toHaveBeenCalledWith(
      ref,
      '1h',
      expect.anything(),
    );
  });

  it('says when there are no errors, and when counts are lower bounds', async () => {
    renderWithProviders(<RecentErrorsPanel service={ref} window="6h" />, {
      api: fakeApi({
        getRecentErrors: async () =>
          response({ errors: [], requests: [], scanned: 0 }),
      }),
    });
    expect(
      await screen.findByText(/No error entries and no 5xx requests/),
    ).toBeTruthy();
    cleanup();
    renderWithProviders(<RecentErrorsPanel service={ref} window="6h" />, {
      api: fakeApi({
        getRecentErrors: async () =>
          response({ truncated: true, scanned: 1000 }),
      }),
    });
    expect(await screen.findByText(/counts are lower bounds/)).toBeTruthy();
  });

  it('shows the Logging error in the panel only', async () => {
    renderWithProviders(<RecentErrorsPanel service={ref} window="1h" />, {
      api: fakeApi({
        getRecentErrors: async () =>
          Promise.reject(new ServiceUnavailableError('Logging unavailable')),
      }),
    });
    expect(
      await screen.findByText(/Could not load recent errors/),
    ).toBeTruthy();
    expect(screen.getByText(/Logging unavailable/)).toBeTruthy();
  });
});
