import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanup,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import {
  UpstreamError,
  type ProjectListResponse,
} from '@gcp-serverless/common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import {
  serviceListFixture,
  serviceWithSummary,
} from '../../__testUtils__/fixtures';
import {
  currentLocation,
  renderWithProviders,
  TEST_BASE,
} from '../../__testUtils__/renderWithProviders';
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
    {
      projectId: 'avocano-shop',
      displayName: 'Avocano shop',
      regions: ['us-central1', 'us-east1'],
    },
  ],
};
const services = [
  serviceWithSummary(
    'gryd-fe',
    { maxInstances: 20 },
    { requestsPerSecond: 30, errorRatio5xx: 0 },
  ),
  serviceWithSummary(
    'gryd-be',
    { maxInstances: 40 },
    { requestsPerSecond: 12.5, errorRatio5xx: 0.0234 },
  ),
  serviceWithSummary(
    'gryd-worker',
    { maxInstances: 10, concurrency: 1 },
    { requestsPerSecond: 0.2, errorRatio5xx: null, latencyP95Ms: 95_000 },
  ),
];

function renderServices(
  path = '/projects/gryyd-web/services',
  api = fakeApi({
    listProjects: async () => projects,
    listServices: async () => serviceListFixture(services),
  }),
) {
  const view = renderWithProviders(<GcpServerlessRoutes />, { api, path });
  return { api, view };
}

function rowNames(): string[] {
  const table = screen.getByTestId('services-table');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('rowheader')[0]!.textContent ?? '');
}

describe('ServicesPage', () => {
  it('lists services sorted by name with figures and links under the mount path', async () => {
    const { api } = renderServices();
    await screen.findByTestId('services-table');
    expect(rowNames()).toEqual(['gryd-be', 'gryd-fe', 'gryd-worker']);
    expect(api.listServices).toHaveBeenCalledWith(
      'gryyd-web',
      '1h',
      expect.anything(),
    );
    const be = screen.getByTestId('service-row-gryd-be');
    expect(be.textContent).toContain('12.50');
    expect(be.textContent).toContain('2.34 %');
    expect(be.textContent).toContain('120 ms');
    expect(screen.getByTestId('service-row-gryd-worker').textContent).toContain(
      '—',
    );
    // A 95 s p95 (long generation jobs) reads in minutes, not as 95,000 ms.
    expect(screen.getByTestId('service-row-gryd-worker').textContent).toContain(
      '1.6 min',
    );
    expect(
      screen.getByRole('link', { name: 'gryd-be' }).getAttribute('href'),
    ).toBe(
      `${TEST_BASE}/projects/gryyd-web/locations/asia-northeast3/services/gryd-be?window=1h`,
    );
    expect(
      screen
        .getByRole('link', { name: 'Open gryd-be in Cloud Console' })
        .getAttribute('href'),
    ).toContain('console.cloud.google.com');
  });

  it('sorts by a column and keeps the sort in the URL', async () => {
    const { view } = renderServices();
    await screen.findByTestId('services-table');
    fireEvent.click(screen.getByRole('button', { name: 'Req/s' }));
    expect(rowNames()).toEqual(['gryd-worker', 'gryd-be', 'gryd-fe']);
    expect(currentLocation(view.container)).toContain(
      'sort=requestsPerSecond&dir=asc',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Req/s' }));
    expect(rowNames()).toEqual(['gryd-fe', 'gryd-be', 'gryd-worker']);
    expect(currentLocation(view.container)).toContain('dir=desc');
  });

  it('reads filter and sort from a shared link, and filters as the user types', async () => {
    const { view } = renderServices(
      '/projects/gryyd-web/services?window=6h&q=gryd&sort=maxInstances&dir=desc',
    );
    await screen.findByTestId('services-table');
    expect(rowNames()).toEqual(['gryd-be', 'gryd-fe', 'gryd-worker']);
    expect(
      (screen.getByLabelText('Filter services') as HTMLInputElement).value,
    ).toBe('gryd');
    fireEvent.change(screen.getByLabelText('Filter services'), {
      target: { value: 'work' },
    });
    expect(rowNames()).toEqual(['gryd-worker']);
    expect(currentLocation(view.container)).toContain('q=work');
    fireEvent.change(screen.getByLabelText('Filter services'), {
      target: { value: 'nothing-like-this' },
    });
    expect(screen.getByTestId('services-empty').textContent).toContain(
      'No services match',
    );
  });

  it('shows a skeleton while loading', async () => {
    renderServices(
      '/projects/gryyd-web/services',
      fakeApi({
        listProjects: async () => projects,
        listServices: () => new Promise(() => {}),
      }),
    );
    expect(await screen.findByTestId('services-loading')).toBeTruthy();
  });

  it('says which project and regions have no services', async () => {
    renderServices(
      '/projects/avocano-shop/services',
      fakeApi({
        listProjects: async () => projects,
        listServices: async () =>
          serviceListFixture([], { projectId: 'avocano-shop' }),
      }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('services-empty').textContent).toBe(
        'No Cloud Run services in project avocano-shop in regions us-central1, us-east1.',
      ),
    );
  });

  it('shows the error with a retry that loads again', async () => {
    let calls = 0;
    const api = fakeApi({
      listProjects: async () => projects,
      listServices: async () => {
        calls += 1;
        if (calls === 1)
          throw new UpstreamError(
            'listing Cloud Run services of gryyd-web failed: UNAVAILABLE',
          );
        return serviceListFixture(services);
      },
    });
    renderServices('/projects/gryyd-web/services', api);
    const panel = await screen.findByTestId('error-panel');
    expect(panel.textContent).toContain(
      'listing Cloud Run services of gryyd-web failed: UNAVAILABLE',
    );
    fireEvent.click(within(panel).getByRole('button', { name: 'Retry' }));
    await screen.findByTestId('services-table');
    expect(screen.queryByTestId('error-panel')).toBeNull();
  });

  it('lists services with a banner when metric panels failed', async () => {
    const api = fakeApi({
      listProjects: async () => projects,
      listServices: async () =>
        serviceListFixture(services, {
          errors: [
            { source: 'latency', message: 'Monitoring timed out', status: 504 },
          ],
        }),
    });
    renderServices('/projects/gryyd-web/services', api);
    expect((await screen.findByTestId('metrics-banner')).textContent).toContain(
      'latency: Monitoring timed out',
    );
    expect(rowNames()).toHaveLength(3);
  });

  it('reloads for another time window, keeping it in the URL', async () => {
    const { api, view } = renderServices();
    await screen.findByTestId('services-table');
    fireEvent.click(screen.getByRole('button', { name: '24h' }));
    await waitFor(() =>
      expect(api.listServices).toHaveBeenLastCalledWith(
        'gryyd-web',
        '24h',
        expect.anything(),
      ),
    );
    expect(currentLocation(view.container)).toBe(
      `${TEST_BASE}/projects/gryyd-web/services?window=24h`,
    );
  });
});
