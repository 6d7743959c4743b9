import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanup,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import {
  ConflictError,
  type RoutingOverviewResponse,
  type UrlMapPreview,
  type UrlMapView,
} from '@gcp-serverless/common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { renderWithProviders } from '../../__testUtils__/renderWithProviders';
import { GcpServerlessRoutes } from '../GcpServerlessPage/GcpServerlessRoutes';

afterEach(cleanup);

const bs = (n: string) =>
  `https://www.googleapis.com/compute/v1/projects/gryyd-web/global/backendServices/${n}`;
const map: UrlMapView = {
  name: 'gryyd-web-url-map',
  selfLink: '',
  description: '',
  fingerprint: 'fp-1',
  creationTimestamp: null,
  consoleUrl: 'https://console',
  spec: {
    name: 'gryyd-web-url-map',
    defaultService: bs('gryd-fe-service'),
    hostRules: [
      { hosts: ['gryyd.ai'], pathMatcher: 'pm-3' },
      { hosts: ['www.gryyd.ai'], pathMatcher: 'pm-2' },
    ],
    pathMatchers: [
      {
        name: 'pm-3',
        defaultUrlRedirect: {
          hostRedirect: 'www.gryyd.ai',
          httpsRedirect: true,
          redirectResponseCode: 'MOVED_PERMANENTLY_DEFAULT',
        },
      },
      {
        name: 'pm-2',
        defaultService: bs('gryd-fe-service'),
        pathRules: [{ paths: ['/api/*'], service: bs('gryd-be-service') }],
      },
    ],
  },
};
const service = (name: string, run: string) => ({
  name,
  selfLink: '',
  description: '',
  protocol: 'HTTPS',
  loadBalancingScheme: 'EXTERNAL_MANAGED',
  timeoutSec: 30,
  enableCdn: false,
  cdnPolicy: null,
  fingerprint: 'f',
  backends: [
    {
      group: '',
      neg: `${run}-neg`,
      region: 'asia-northeast3',
      cloudRunService: run,
      negType: 'SERVERLESS',
    },
  ],
  consoleUrl: '',
});
const overview = (
  traffic: RoutingOverviewResponse['traffic'] = [
    {
      urlMap: 'gryyd-web-url-map',
      matchedUrlPathRule: '/api/*',
      backendTarget: 'gryd-be-service',
      requestsPerSecond: 12.5,
      errorRatio5xx: 0.02,
    },
  ],
): RoutingOverviewResponse => ({
  projectId: 'gryyd-web',
  window: '1h',
  asOf: '2026-03-03T12:00:00Z',
  urlMaps: [map],
  backendServices: [
    service('gryd-be-service', 'gryd-be'),
    service('gryd-fe-service', 'gryd-fe'),
  ],
  backendBuckets: [],
  topology: {
    backendServices: [
      {
        name: 'gryd-be-service',
        cloudRun: [
          { neg: 'gryd-be-neg', region: 'asia-northeast3', service: 'gryd-be' },
        ],
      },
      { name: 'gryd-fe-service', cloudRun: [] },
    ],
    backendBuckets: [],
  },
  traffic,
  errors: traffic
    ? []
    : [{ source: 'traffic', message: 'Monitoring down', status: 503 }],
});
const projects = {
  mode: 'sandbox' as const,
  projects: [
    {
      projectId: 'gryyd-web',
      displayName: 'gryyd-web',
      regions: ['asia-northeast3'],
    },
  ],
};

function render(
  api = fakeApi({
    listProjects: async () => projects,
    getRouting: async () => overview(),
  }),
) {
  renderWithProviders(<GcpServerlessRoutes />, {
    api,
    path: '/projects/gryyd-web/routing',
  });
  return api;
}

describe('RoutingPage', () => {
  it('shows host → matcher → rule → backend → Cloud Run with figures', async () => {
    render();
    const tree = await screen.findByTestId('routing-tree');
    expect(tree.textContent).toContain('www.gryyd.ai');
    expect(tree.textContent).toContain(
      '/api/*→gryd-be-service→ Cloud Run gryd-be12.50 req/s5xx 2.00 %',
    );
    expect(tree.textContent).toContain('redirect 301 to https://www.gryyd.ai');
  });

  it('keeps the tree when per-route traffic fails, and says so', async () => {
    render(
      fakeApi({
        listProjects: async () => projects,
        getRouting: async () => overview(null),
      }),
    );
    expect(
      (await screen.findByTestId('routing-panel-error-traffic')).textContent,
    ).toContain('Monitoring down');
    expect(screen.getByTestId('routing-tree').textContent).not.toContain(
      'req/s',
    );
  });

  it('after a failed refresh keeps the routes and names the failure above the page, next to Refresh', async () => {
    const failedAt = new Date(Date.now() - 61_000).toISOString();
    render(
      fakeApi({
        listProjects: async () => projects,
        getRouting: async () => ({
          ...overview(),
          snapshot: {
            computedAt: new Date(Date.now() - 4 * 60_000 - 1_000).toISOString(),
            stale: true,
            refreshing: false,
            lastRefreshFailure: {
              at: failedAt,
              errors: [
                {
                  source: 'urlMaps',
                  status: 503,
                  message:
                    'listing URL maps of gryyd-web failed: The service is currently unavailable.',
                },
              ],
            },
          },
        }),
      }),
    );
    expect((await screen.findByTestId('routing-tree')).textContent).toContain(
      'www.gryyd.ai',
    );
    const status = await screen.findByTestId('snapshot-status');
    expect(within(status).getByTestId('snapshot-age').textContent).toBe(
      'updated 4 min ago',
    );
    expect(
      within(status).getByTestId('snapshot-refresh-failure').textContent,
    ).toBe(
      '· last refresh failed 1 min ago: listing URL maps of gryyd-web failed: The service is currently unavailable. (503)',
    );
    expect(
      within(status).getByRole('button', { name: 'Refresh gryyd-web' }),
    ).toBeTruthy();
  });

  it('tests a URL in the browser with the shared resolver', async () => {
    render();
    fireEvent.change(await screen.findByTestId('route-tester-url'), {
      target: { value: 'https://www.gryyd.ai/api/users' },
    });
    fireEvent.click(screen.getByTestId('route-tester-submit'));
    expect(screen.getByTestId('route-tester-summary').textContent).toBe(
      'backend service gryd-be-service → Cloud Run gryd-be',
    );
  });

  it('refuses an invalid path in the editor before any call', async () => {
    const api = render();
    await screen.findByTestId('urlmap-edit');
    await waitFor(() =>
      expect(
        (screen.getByTestId('urlmap-edit') as HTMLButtonElement).disabled,
      ).toBe(false),
    );
    fireEvent.click(screen.getByTestId('urlmap-edit'));
    fireEvent.change(screen.getByTestId('path-rule-paths-1-0'), {
      target: { value: '/api*' },
    });
    // The field itself is marked invalid with the message next to it, in words, not schema paths.
    const paths = screen.getByTestId('path-rule-paths-1-0');
    expect(paths.getAttribute('aria-invalid')).toBe('true');
    const helper = document.getElementById(
      paths.getAttribute('aria-describedby') ?? '',
    );
    expect(helper?.textContent).toBe(
      'Path "/api*": "*" is only allowed at the end, right after "/" (e.g. /api/*)',
    );
    const summary = screen.getByTestId('urlmap-errors').textContent;
    expect(summary).toContain('One field needs a fix (highlighted above)');
    expect(summary).toContain('pm-2, path rule 1 (/api*');
    expect(summary).not.toContain('change.');
    expect(
      (screen.getByTestId('urlmap-preview') as HTMLButtonElement).disabled,
    ).toBe(true);
    expect(api.previewUrlMap).not.toHaveBeenCalled();
  });

  it('previews with findings, applies with the fingerprint, and shows a conflict', async () => {
    const preview: UrlMapPreview = {
      urlMap: map,
      proposed: map.spec,
      fingerprint: 'fp-1',
      diff: [
        {
          field: 'matcher:pm-2:path:/api/v2/*',
          label: 'pm-2: /api/v2/*',
          before: null,
          after: 'gryd-fe-service',
        },
      ],
      validation: { status: 'passed', loadErrors: [], testFailures: [] },
      findings: [
        {
          code: 'DESTINATION_CHANGED',
          severity: 'warning',
          message: '2 sample URL(s) would go to gryd-fe-service',
          samples: [
            {
              url: 'https://www.gryyd.ai/api/v2/sample',
              before: 'gryd-be-service',
              after: 'gryd-fe-service',
            },
          ],
        },
      ],
    };
    const api = render(
      fakeApi({
        listProjects: async () => projects,
        getRouting: async () => overview(),
        previewUrlMap: async () => preview,
        applyUrlMap: async () =>
          Promise.reject(
            new ConflictError('changed', {
              details: {
                current: { ...map, fingerprint: 'fp-2' },
                fingerprint: 'fp-2',
              },
            }),
          ),
      }),
    );
    await screen.findByTestId('urlmap-edit');
    await waitFor(() =>
      expect(
        (screen.getByTestId('urlmap-edit') as HTMLButtonElement).disabled,
      ).toBe(false),
    );
    fireEvent.click(screen.getByTestId('urlmap-edit'));
    fireEvent.click(screen.getByTestId('add-path-rule-pm-2'));
    fireEvent.change(screen.getByTestId('path-rule-paths-1-1'), {
      target: { value: '/api/v2/*' },
    });
    fireEvent.click(screen.getByTestId('urlmap-preview'));
    const dialog = await screen.findByTestId('urlmap-preview-dialog');
    await within(dialog).findByTestId('urlmap-finding-DESTINATION_CHANGED');
    expect(dialog.textContent).toContain(
      'https://www.gryyd.ai/api/v2/sample: gryd-be-service → gryd-fe-service',
    );
    expect(
      api.previewUrlMap.mock.calls[0]![1].pathMatchers[1]!.pathRules[1]!.paths,
    ).toEqual(['/api/v2/*']);
    fireEvent.click(within(dialog).getByTestId('urlmap-apply'));
    await screen.findByTestId('urlmap-conflict-dialog');
    expect(api.applyUrlMap.mock.calls[0]![1].fingerprint).toBe('fp-1');
    await waitFor(() =>
      expect(screen.queryByTestId('urlmap-applied')).toBeNull(),
    );
  });
});
