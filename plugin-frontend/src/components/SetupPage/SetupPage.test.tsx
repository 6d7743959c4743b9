import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import {
  NotAllowedError,
  type ProjectListResponse,
  type SetupReport,
} from '@gcp-serverless/common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import {
  currentLocation,
  renderWithProviders,
  TEST_BASE,
} from '../../__testUtils__/renderWithProviders';
import { GcpServerlessPage } from '../GcpServerlessPage/GcpServerlessPage';

afterEach(cleanup);

const projects: ProjectListResponse = {
  mode: 'gcp',
  projects: [
    {
      projectId: 'avocano-shop',
      displayName: 'avocano-shop',
      regions: ['us-central1'],
    },
  ],
};

const report: SetupReport = {
  mode: 'gcp',
  checkedAt: '2026-12-05T23:00:00.000Z',
  credentials: {
    status: 'ok',
    message: 'Application Default Credentials found',
    principal: 'me@example.com',
    kind: 'user',
  },
  projects: [
    {
      projectId: 'avocano-shop',
      regions: ['us-central1'],
      project: { status: 'ok', message: 'avocano-shop is visible' },
      apis: [
        {
          service: 'run.googleapis.com',
          title: 'Cloud Run Admin API',
          state: 'enabled',
        },
        {
          service: 'redis.googleapis.com',
          title: 'Google Cloud Memorystore for Redis API',
          state: 'disabled',
          activationUrl:
            'https://console.developers.google.com/apis/api/redis.googleapis.com/overview?project=avocano-shop',
        },
      ],
      permissions: {
        status: 'missing',
        message: '1 permission missing',
        fix: 'grant roles/cloudtasks.viewer',
      },
      features: [
        {
          id: 'queues',
          title: 'Cloud Tasks queues',
          kind: 'read',
          available: false,
          reason: 'missing cloudtasks.queues.list',
          missingPermissions: [
            {
              permission: 'cloudtasks.queues.list',
              role: 'roles/cloudtasks.viewer',
            },
          ],
          disabledApis: [],
        },
      ],
    },
  ],
  billing: {
    budgets: { status: 'skipped', message: 'no billing account configured' },
    export: { status: 'skipped', message: 'no billing export configured' },
  },
  ok: false,
  problems: [
    'avocano-shop: Google Cloud Memorystore for Redis API disabled: enable it at https://console.developers.google.com/apis/api/redis.googleapis.com/overview?project=avocano-shop',
    'avocano-shop: missing cloudtasks.queues.list: grant roles/cloudtasks.viewer',
  ],
};

describe('the setup page', () => {
  it('shows each disabled API with the URL that enables it and each missing permission with its role', async () => {
    renderWithProviders(<GcpServerlessPage />, {
      api: fakeApi({
        listProjects: async () => projects,
        getSetup: async () => report,
      }),
      path: '/setup',
    });
    const page = await screen.findByTestId('setup-page');
    await within(page).findByTestId('setup-summary');
    expect(within(page).getAllByTestId('setup-problem')).toHaveLength(2);
    const disabled = within(page)
      .getAllByTestId('setup-api')
      .find(row => row.getAttribute('data-state') === 'disabled')!;
    expect(within(disabled).getByRole('link').getAttribute('href')).toContain(
      'redis.googleapis.com',
    );
    const queues = within(page)
      .getAllByTestId('setup-feature')
      .find(row => row.getAttribute('data-feature') === 'queues')!;
    expect(queues.textContent).toContain('unavailable');
    expect(queues.textContent).toContain('roles/cloudtasks.viewer');
    expect(page.textContent).toContain('me@example.com');
    // The banner that sends users here is not shown on the page itself.
    expect(screen.queryByTestId('setup-banner')).toBeNull();
  });

  it('is where a panel that fails for a missing permission sends the user', async () => {
    const denied = new NotAllowedError(
      "listing URL maps of avocano-shop failed: 7 PERMISSION_DENIED: Permission 'compute.urlMaps.list' denied",
      {
        details: {
          setup: {
            reason: 'PERMISSION_DENIED',
            permission: 'compute.urlMaps.list',
            role: 'roles/compute.viewer',
          },
        },
      },
    );
    const { container } = renderWithProviders(<GcpServerlessPage />, {
      api: fakeApi({
        listProjects: async () => projects,
        getSetup: async () => report,
        getRouting: async () => {
          throw denied;
        },
      }),
      path: '/projects/avocano-shop/routing',
    });
    await screen.findByTestId('setup-banner');
    const panel = await screen.findByTestId('error-panel');
    expect(panel.getAttribute('data-setup-reason')).toBe('PERMISSION_DENIED');
    expect(panel.textContent).toContain('unavailable');
    expect(panel.textContent).toContain(
      'lacks compute.urlMaps.list: grant roles/compute.viewer',
    );
    fireEvent.click(screen.getAllByTestId('setup-link')[0]!);
    await screen.findByTestId('setup-page');
    expect(currentLocation(container)).toBe(`${TEST_BASE}/setup`);
  });
});
