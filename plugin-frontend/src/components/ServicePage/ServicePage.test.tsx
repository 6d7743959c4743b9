import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanup,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import {
  NotFoundError,
  type ProjectListResponse,
} from '@gcp-serverless/common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import {
  previewFixture,
  serviceDetailFixture,
  serviceFixture,
} from '../../__testUtils__/fixtures';
import { renderWithProviders } from '../../__testUtils__/renderWithProviders';
import { GcpServerlessRoutes } from '../GcpServerlessPage/GcpServerlessRoutes';

afterEach(cleanup);

const projects: ProjectListResponse = {
  mode: 'sandbox',
  projects: [
    {
      projectId: 'gryyd-web',
      displayName: 'gryyd-web',
      regions: ['asia-northeast3'],
    },
  ],
};
const PATH =
  '/projects/gryyd-web/locations/asia-northeast3/services/gryd-be?window=6h';

describe('ServicePage', () => {
  it('shows the header, current scaling and the three charts', async () => {
    const api = fakeApi({
      listProjects: async () => projects,
      getService: async () => serviceDetailFixture(),
    });
    renderWithProviders(<GcpServerlessRoutes />, { api, path: PATH });
    const header = await screen.findByTestId('service-header');
    await waitFor(() =>
      expect(
        within(header).getByTestId('current-max-instances').textContent,
      ).toBe('Max instances 40'),
    );
    expect(
      within(header)
        .getByRole('link', { name: 'Open in Cloud Console' })
        .getAttribute('href'),
    ).toContain('console.cloud.google.com');
    expect(within(header).getByTestId('service-uri').textContent).toBe(
      'https://gryd-be-abc-du.a.run.app',
    );
    expect(api.getService).toHaveBeenCalledWith(
      expect.anything(),
      '6h',
      expect.anything(),
    );
    for (const id of ['chart-requests', 'chart-latency', 'chart-instances']) {
      expect(
        screen.getByTestId(id).querySelector('svg.recharts-surface'),
      ).not.toBeNull();
    }
    // Stacked areas per response class, one line per percentile, reference lines for min and max.
    expect(
      screen.getByTestId('chart-requests').querySelectorAll('.recharts-area'),
    ).toHaveLength(4);
    expect(
      screen.getByTestId('chart-latency').querySelectorAll('.recharts-line'),
    ).toHaveLength(3);
    expect(
      screen
        .getByTestId('chart-instances')
        .querySelectorAll('.recharts-reference-line'),
    ).toHaveLength(1);
    expect(screen.getByTestId('chart-instances').textContent).toContain(
      'max line off scale',
    );
  });

  it('shows a failed metric in its own panel only', async () => {
    const detail = serviceDetailFixture({
      latency: [],
      errors: [
        { source: 'p50', message: 'Monitoring timed out', status: 504 },
        { source: 'p95', message: 'Monitoring timed out', status: 504 },
        { source: 'p99', message: 'Monitoring timed out', status: 504 },
      ],
    });
    const api = fakeApi({
      listProjects: async () => projects,
      getService: async () => detail,
    });
    renderWithProviders(<GcpServerlessRoutes />, { api, path: PATH });
    const latency = await screen.findByTestId('chart-latency');
    await waitFor(() =>
      expect(latency.textContent).toContain(
        'Latency could not be loaded: Monitoring timed out',
      ),
    );
    expect(
      screen
        .getByTestId('chart-requests')
        .querySelector('svg.recharts-surface'),
    ).not.toBeNull();
    expect(screen.getByTestId('chart-requests').textContent).not.toContain(
      'could not be loaded',
    );
    expect(
      screen
        .getByTestId('chart-instances')
        .querySelector('svg.recharts-surface'),
    ).not.toBeNull();
  });

  it('shows an empty state for a chart without points', async () => {
    const api = fakeApi({
      listProjects: async () => projects,
      getService: async () => serviceDetailFixture({ requestsByClass: [] }),
    });
    renderWithProviders(<GcpServerlessRoutes />, { api, path: PATH });
    await waitFor(() =>
      expect(screen.getByTestId('chart-requests').textContent).toContain(
        'No requests in this time window.',
      ),
    );
  });

  it('shows a load error with retry', async () => {
    const api = fakeApi({
      listProjects: async () => projects,
      getService: async () =>
        Promise.reject(
          new NotFoundError(
            'Cloud Run service gryd-be not found in asia-northeast3',
          ),
        ),
    });
    renderWithProviders(<GcpServerlessRoutes />, { api, path: PATH });
    // The page's own error panel (the recent errors panel may fail on its own first: its read is not faked here).
    const panel = (
      await screen.findByText('Could not load gryd-be in asia-northeast3')
    ).closest<HTMLElement>('[data-testid="error-panel"]')!;
    expect(panel.textContent).toContain(
      'Cloud Run service gryd-be not found in asia-northeast3',
    );
    fireEvent.click(within(panel).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(api.getService).toHaveBeenCalledTimes(2));
  });

  it('reloads the service after a change is applied', async () => {
    let version = 1;
    const api = fakeApi({
      listProjects: async () => projects,
      getService: async () =>
        serviceDetailFixture({
          service: serviceFixture({
            etag: `"etag-${version}"`,
            scaling: {
              minInstances: 1,
              maxInstances: version === 1 ? 40 : 50,
              concurrency: 80,
            },
          }),
        }),
      previewScaling: async () => previewFixture(),
      applyScaling: async () => {
        version = 2;
        return {
          service: serviceFixture({
            etag: '"etag-2"',
            scaling: { minInstances: 1, maxInstances: 50, concurrency: 80 },
          }),
          operation: 'op',
          diff: [],
        };
      },
    });
    renderWithProviders(<GcpServerlessRoutes />, { api, path: PATH });
    const max = (await screen.findByLabelText(
      'Max instances',
    )) as HTMLInputElement;
    fireEvent.change(max, { target: { value: '50' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    fireEvent.click(
      await within(await screen.findByRole('dialog')).findByRole('button', {
        name: 'Apply',
      }),
    );
    await screen.findByTestId('scaling-applied');
    await waitFor(() =>
      expect(screen.getByTestId('current-max-instances').textContent).toBe(
        'Max instances 50',
      ),
    );
    expect(api.getService).toHaveBeenCalledTimes(2);
    expect(
      (screen.getByLabelText('Max instances') as HTMLInputElement).value,
    ).toBe('50');
  });
});
