import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { ProjectListResponse } from '@gcp-serverless/common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import {
  serviceDetailFixture,
  serviceListFixture,
  serviceWithSummary,
} from '../../__testUtils__/fixtures';
import {
  guardrailProblem,
  projectOverviewFixture,
  projectOverviewResponse,
} from '../../__testUtils__/overviewFixture';
import {
  currentLocation,
  renderWithProviders,
  TEST_BASE,
} from '../../__testUtils__/renderWithProviders';
import { GcpServerlessPage } from './GcpServerlessPage';
import { preloadPages } from './lazyPages';

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
      regions: ['us-central1'],
    },
  ],
};

function api() {
  return fakeApi({
    listProjects: async () => projects,
    listServices: async projectId =>
      serviceListFixture([serviceWithSummary('gryd-be', {})], { projectId }),
    getService: async () => serviceDetailFixture(),
    getProjectOverview: async (projectId, window) =>
      projectOverviewResponse(
        projectOverviewFixture(
          projectId,
          projectId === 'gryyd-web' ? [guardrailProblem] : [],
        ),
        { window },
      ),
  });
}

// The pages are lazy chunks: loaded once here, so each route renders without waiting for a transform.
beforeAll(() => preloadPages(), 60_000);

describe.each([true, false])(
  'GcpServerlessPage routes (v7_relativeSplatPath %s)',
  v7RelativeSplatPath => {
    it('shows the overview at the index; a problem link opens the scaling form with the suggested value', async () => {
      const fake = api();
      const { container } = renderWithProviders(<GcpServerlessPage />, {
        api: fake,
        path: '?window=7d',
        v7RelativeSplatPath,
      });
      await screen.findByTestId('overview-page');
      await waitFor(() =>
        expect(fake.getProjectOverview).toHaveBeenCalledWith(
          'gryyd-web',
          '7d',
          expect.anything(),
        ),
      );
      fireEvent.click(
        await screen.findByRole('link', {
          name: 'Lower gryd-be max instances to 787',
        }),
      );
      await screen.findByTestId('suggested-scaling');
      expect(currentLocation(container)).toBe(
        `${TEST_BASE}/projects/gryyd-web/locations/asia-northeast3/services/gryd-be?maxInstances=787`,
      );
      expect(
        (screen.getByLabelText('Max instances') as HTMLInputElement).value,
      ).toBe('787');
    });

    it('returns from a project page to the overview of all projects', async () => {
      const { container } = renderWithProviders(<GcpServerlessPage />, {
        api: api(),
        path: '/projects/gryyd-web/services?window=6h',
        v7RelativeSplatPath,
      });
      fireEvent.click(
        await screen.findByRole('link', { name: 'All projects' }),
      );
      await screen.findByTestId('overview-page');
      expect(currentLocation(container)).toBe(`${TEST_BASE}?window=6h`);
    });

    it('switches project with the picker and stays under the mount path', async () => {
      const fake = api();
      const { container } = renderWithProviders(<GcpServerlessPage />, {
        api: fake,
        path: '/projects/gryyd-web/services?window=6h',
        v7RelativeSplatPath,
      });
      await screen.findByTestId('services-table');
      fireEvent.change(screen.getByLabelText('Project'), {
        target: { value: 'avocano-shop' },
      });
      await waitFor(() =>
        expect(currentLocation(container)).toBe(
          `${TEST_BASE}/projects/avocano-shop/services?window=6h`,
        ),
      );
      await waitFor(() =>
        expect(fake.listServices).toHaveBeenLastCalledWith(
          'avocano-shop',
          '6h',
          expect.anything(),
        ),
      );
    });

    it('opens a service from the table and returns through the breadcrumb', async () => {
      const fake = api();
      const { container } = renderWithProviders(<GcpServerlessPage />, {
        api: fake,
        path: '/projects/gryyd-web/services',
        v7RelativeSplatPath,
      });
      fireEvent.click(await screen.findByRole('link', { name: 'gryd-be' }));
      await screen.findByLabelText('Max instances');
      expect(currentLocation(container)).toBe(
        `${TEST_BASE}/projects/gryyd-web/locations/asia-northeast3/services/gryd-be?window=1h`,
      );
      expect(fake.getService).toHaveBeenCalledWith(
        {
          projectId: 'gryyd-web',
          region: 'asia-northeast3',
          service: 'gryd-be',
        },
        '1h',
        expect.anything(),
      );
      fireEvent.click(screen.getByRole('link', { name: 'Services' }));
      await screen.findByTestId('services-table');
      expect(currentLocation(container)).toBe(
        `${TEST_BASE}/projects/gryyd-web/services?window=1h`,
      );
    });
  },
);

describe('GcpServerlessPage', () => {
  it('uses the api prop when given one', async () => {
    const fake = api();
    renderWithProviders(<GcpServerlessPage api={fake} />, {
      api: fakeApi(),
      path: '/projects/gryyd-web/services',
    });
    await screen.findByTestId('services-table');
    expect(fake.listServices).toHaveBeenCalled();
  });

  it('explains when no project is configured', async () => {
    renderWithProviders(<GcpServerlessPage />, {
      api: fakeApi({
        listProjects: async () => ({ mode: 'gcp', projects: [] }),
      }),
    });
    expect(await screen.findByText(/No projects are configured/)).toBeTruthy();
  });
});
