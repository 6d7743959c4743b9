import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanup,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import type { SnapshotMeta } from '@gcp-serverless/common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { renderWithProviders } from '../../__testUtils__/renderWithProviders';
import { SnapshotStatus } from './SnapshotStatus';

afterEach(cleanup);

const minutesAgo = (m: number) =>
  new Date(Date.now() - m * 60_000 - 1_000).toISOString();

const urlMapsFailed = {
  source: 'urlMaps',
  status: 503,
  message:
    'listing URL maps of gryyd-web failed: The service is currently unavailable.',
};

function renderStatus(snapshot: SnapshotMeta | undefined) {
  const api = fakeApi({ refreshProject: async () => undefined as never });
  renderWithProviders(
    <SnapshotStatus
      response={{ urlMaps: [], ...(snapshot ? { snapshot } : {}) }}
      projectId="gryyd-web"
    />,
    { api },
  );
  return api;
}

describe('SnapshotStatus', () => {
  it('after a failed refresh, shows the last good figures’ age, stale, and the failure’s reason next to Refresh', async () => {
    renderStatus({
      computedAt: minutesAgo(4),
      stale: true,
      refreshing: false,
      lastRefreshFailure: {
        at: minutesAgo(1),
        errors: [
          urlMapsFailed,
          {
            source: 'traffic',
            status: 504,
            message:
              'reading per-route traffic of gryyd-web did not finish within 10 s',
          },
        ],
      },
    });
    const status = screen.getByTestId('snapshot-status');
    expect(within(status).getByTestId('snapshot-age').textContent).toBe(
      'updated 4 min ago',
    );
    expect(within(status).getByText('stale')).toBeTruthy();
    expect(
      within(status).getByTestId('snapshot-refresh-failure').textContent,
    ).toBe(
      '· last refresh failed 1 min ago: listing URL maps of gryyd-web failed: The service is currently unavailable. (503) and 1 more',
    );
    expect(
      within(status).getByRole('button', { name: 'Refresh gryyd-web' }),
    ).toBeTruthy();
    // Every failing panel is named in the tooltip.
    fireEvent.mouseOver(within(status).getByTestId('snapshot-refresh-failure'));
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip.textContent).toContain(
      'traffic: reading per-route traffic of gryyd-web did not finish within 10 s (504)',
    );
    expect(tooltip.textContent).toContain('urlMaps: listing URL maps');
  });

  it('names no failure when the last refresh succeeded', () => {
    renderStatus({
      computedAt: minutesAgo(0),
      stale: false,
      refreshing: false,
    });
    expect(screen.getByTestId('snapshot-age').textContent).toBe(
      'updated just now',
    );
    expect(screen.queryByTestId('snapshot-refresh-failure')).toBeNull();
    expect(screen.queryByText('stale')).toBeNull();
  });

  it('Refresh asks the backend to recompute the project', async () => {
    const api = renderStatus({
      computedAt: minutesAgo(4),
      stale: true,
      refreshing: false,
      lastRefreshFailure: { at: minutesAgo(1), errors: [urlMapsFailed] },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Refresh gryyd-web' }));
    await waitFor(() =>
      expect(api.refreshProject).toHaveBeenCalledWith('gryyd-web'),
    );
  });
});
