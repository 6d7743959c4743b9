import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanup,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import type {
  Budget,
  CdnBackend,
  CdnOverviewResponse,
  CdnPolicyPreview,
  ChangeRecord,
  RoutingOverviewResponse,
  UrlMapPreview,
  UrlMapSpec,
  UrlMapView,
} from '@gcp-serverless/common';
import {
  fakeApi,
  type FakeGcpServerlessApi,
} from '../../__testUtils__/fakeApi';
import { historyOf } from '../../__testUtils__/fakeHistory';
import {
  previewFixture,
  serviceDetailFixture,
  serviceFixture,
} from '../../__testUtils__/fixtures';
import { renderWithProviders } from '../../__testUtils__/renderWithProviders';
import { ChangeHistoryPanel } from './ChangeHistoryPanel';

afterEach(cleanup);

function entry(overrides: Partial<ChangeRecord>): ChangeRecord {
  return {
    id: 'e1',
    time: '2026-12-01T10:00:00.000Z',
    actor: 'lead@example.com',
    kind: 'scaling',
    action: 'scaling.apply',
    projectId: 'gryyd-web',
    resource: 'projects/gryyd-web/locations/asia-northeast3/services/gryd-be',
    before: null,
    after: null,
    result: 'succeeded',
    operation: null,
    error: null,
    ...overrides,
  };
}

const history = (e: ChangeRecord) => historyOf([e]);

async function openRevert(api: FakeGcpServerlessApi) {
  renderWithProviders(<ChangeHistoryPanel projectId="gryyd-web" />, {
    api,
    path: '/projects/gryyd-web/history',
  });
  const revert = await screen.findByRole('button', {
    name: /Revert to this: .* as before this change/,
  });
  revert.focus();
  fireEvent.click(revert);
  return screen.findByRole('dialog');
}

/** Apply in the shared preview dialog, then the revert dialog closes, the history says so and reloads. */
async function applyAndExpectClosed(api: FakeGcpServerlessApi, testId: string) {
  const preview = await screen.findByTestId(`${testId}-preview-dialog`);
  fireEvent.click(
    await within(preview).findByRole('button', { name: 'Apply' }),
  );
  expect((await screen.findByTestId('revert-applied')).textContent).toContain(
    'updated',
  );
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  // Reloaded at least once after the apply (a refresh asked twice in a row may cancel and ask again).
  await waitFor(() =>
    expect(api.listHistory.mock.calls.length).toBeGreaterThanOrEqual(2),
  );
  await waitFor(() =>
    expect(document.activeElement).toBe(
      screen.getByRole('button', {
        name: /Revert to this: .* as before this change/,
      }),
    ),
  );
}

const bs = (n: string) =>
  `https://www.googleapis.com/compute/v1/projects/gryyd-web/global/backendServices/${n}`;
const spec = (paths: string[][]): UrlMapSpec => ({
  name: 'gryyd-web-url-map',
  defaultService: bs('gryd-fe-service'),
  hostRules: [{ hosts: ['www.gryyd.ai'], pathMatcher: 'pm-2' }],
  pathMatchers: [
    {
      name: 'pm-2',
      defaultService: bs('gryd-fe-service'),
      pathRules: paths.map(p => ({ paths: p, service: bs('gryd-be-service') })),
    },
  ],
});
const backendService = (name: string) => ({
  name,
  selfLink: '',
  description: '',
  protocol: 'HTTPS',
  loadBalancingScheme: 'EXTERNAL_MANAGED',
  timeoutSec: 30,
  enableCdn: false,
  cdnPolicy: null,
  fingerprint: 'f',
  backends: [],
  consoleUrl: '',
});

describe('Revert to this, for every kind, through the same preview and apply', () => {
  it('scaling: applies the before values and closes', async () => {
    const api = fakeApi({
      listHistory: history(
        entry({
          before: { minInstances: 1, maxInstances: 40, concurrency: 80 },
        }),
      ),
      getService: async () =>
        serviceDetailFixture({
          service: serviceFixture({
            scaling: { minInstances: 1, maxInstances: 60, concurrency: 80 },
          }),
        }),
      previewScaling: async () => previewFixture(),
      applyScaling: async () => ({
        outcome: 'succeeded',
        service: serviceFixture(),
        operation: 'op-1',
        diff: [],
      }),
    });
    const dialog = await openRevert(api);
    fireEvent.click(
      await within(dialog).findByRole('button', { name: 'Preview' }),
    );
    await applyAndExpectClosed(api, 'scaling');
    expect(api.applyScaling.mock.calls[0]![1].change).toEqual({
      minInstances: 1,
      maxInstances: 40,
      concurrency: 80,
    });
  });

  it('URL map: starts the routes editor from the routes before the change and applies with the fingerprint', async () => {
    const map: UrlMapView = {
      name: 'gryyd-web-url-map',
      selfLink: '',
      description: '',
      fingerprint: 'fp-now',
      creationTimestamp: null,
      consoleUrl: '',
      spec: spec([['/api/*'], ['/v2/*']]),
    };
    const routing: RoutingOverviewResponse = {
      projectId: 'gryyd-web',
      window: '1h',
      asOf: '2026-12-01T12:00:00Z',
      urlMaps: [map],
      backendServices: [
        backendService('gryd-be-service'),
        backendService('gryd-fe-service'),
      ],
      backendBuckets: [],
      topology: { backendServices: [], backendBuckets: [] },
      traffic: [],
      errors: [],
    };
    const preview: UrlMapPreview = {
      urlMap: map,
      proposed: spec([['/api/*']]),
      diff: [
        {
          field: 'pm-2 /v2/*',
          label: 'www.gryyd.ai /v2/*',
          before: 'gryd-be-service',
          after: null,
        },
      ],
      validation: { status: 'passed', loadErrors: [], testFailures: [] },
      findings: [],
      fingerprint: 'fp-now',
    };
    const api = fakeApi({
      listHistory: history(
        entry({
          kind: 'routing',
          action: 'urlMap.apply',
          resource: 'projects/gryyd-web/global/urlMaps/gryyd-web-url-map',
          before: spec([['/api/*']]),
        }),
      ),
      getRouting: async () => routing,
      previewUrlMap: async () => preview,
      applyUrlMap: async () => ({
        urlMap: map,
        operation: 'operation-9',
        diff: preview.diff,
      }),
    });
    const dialog = await openRevert(api);
    await within(dialog).findByTestId('urlmap-editor');
    expect(
      (within(dialog).getByTestId('path-rule-paths-0-0') as HTMLInputElement)
        .value,
    ).toBe('/api/*');
    expect(within(dialog).queryByTestId('path-rule-paths-0-1')).toBeNull();
    fireEvent.click(within(dialog).getByTestId('urlmap-preview'));
    await waitFor(() => expect(api.previewUrlMap).toHaveBeenCalled());
    expect(
      api.previewUrlMap.mock.calls[0]![1].pathMatchers[0]!.pathRules.map(
        r => r.paths,
      ),
    ).toEqual([['/api/*']]);
    await applyAndExpectClosed(api, 'urlmap');
    expect(api.applyUrlMap.mock.calls[0]![1].fingerprint).toBe('fp-now');
  });

  it('CDN policy: starts the cache policy form from the policy before the change', async () => {
    const before = {
      enableCdn: true,
      cacheMode: 'CACHE_ALL_STATIC' as const,
      defaultTtl: 3600,
      maxTtl: 86400,
      clientTtl: 3600,
      negativeCaching: false,
      serveWhileStale: 0,
    };
    const backend: CdnBackend = {
      kind: 'backendServices',
      name: 'gryd-storage-service',
      enableCdn: true,
      fingerprint: 'fp-2',
      origin: 'Cloud Storage',
      hitRatio: 0.8,
      requestsPerSecond: 100,
      consoleUrl: '',
      policy: { ...before, cacheMode: 'FORCE_CACHE_ALL' },
    };
    const cdn: CdnOverviewResponse = {
      projectId: 'gryyd-web',
      window: '1h',
      asOf: '2026-12-01T12:00:00Z',
      stepSeconds: 60,
      backends: [backend],
      series: {},
      routes: [],
      errors: [],
    };
    const preview: CdnPolicyPreview = {
      backend,
      current: backend.policy,
      proposed: before,
      fingerprint: 'fp-2',
      warnings: [],
      validation: { status: 'skipped', message: 'Google checks it on apply' },
      diff: [
        {
          field: 'cacheMode',
          label: 'Cache mode',
          before: 'FORCE_CACHE_ALL',
          after: 'CACHE_ALL_STATIC',
        },
      ],
    };
    const api = fakeApi({
      listHistory: history(
        entry({
          kind: 'cdn',
          action: 'cdn.apply',
          resource:
            'projects/gryyd-web/global/backendServices/gryd-storage-service',
          before,
        }),
      ),
      getCdn: async () => cdn,
      previewCdnPolicy: async () => preview,
      applyCdnPolicy: async () => ({
        backend: { ...backend, policy: before },
        operation: 'operation-3',
        diff: preview.diff,
      }),
    });
    const dialog = await openRevert(api);
    const mode = (await within(dialog).findByTestId(
      'cdn-cache-mode',
    )) as HTMLSelectElement;
    expect(mode.value).toBe('CACHE_ALL_STATIC');
    await waitFor(() =>
      expect(
        (within(dialog).getByTestId('cdn-preview') as HTMLButtonElement)
          .disabled,
      ).toBe(false),
    );
    fireEvent.click(within(dialog).getByTestId('cdn-preview'));
    await applyAndExpectClosed(api, 'cdn');
    expect(api.applyCdnPolicy).toHaveBeenCalledWith(
      {
        projectId: 'gryyd-web',
        kind: 'backendServices',
        name: 'gryd-storage-service',
      },
      { change: before, fingerprint: 'fp-2' },
      expect.anything(),
    );
  });

  it('budget: starts the budget form from the amount, period and thresholds before the change', async () => {
    const budget: Budget = {
      name: 'billingAccounts/012345-6789AB-CDEF01/budgets/b1',
      budgetId: 'b1',
      billingAccount: '012345-6789AB-CDEF01',
      displayName: 'gryyd-web monthly',
      amount: 2000,
      currency: 'USD',
      period: 'MONTH',
      projects: ['gryyd-web'],
      services: [],
      thresholds: [{ percent: 0.9, spendBasis: 'CURRENT_SPEND' }],
      creditTypesTreatment: 'INCLUDE_ALL_CREDITS',
      etag: '"e2"',
      consoleUrl: '',
    };
    const before = {
      amount: 1500,
      period: 'MONTH',
      thresholds: [{ percent: 0.5, spendBasis: 'CURRENT_SPEND' }],
    };
    const api = fakeApi({
      listHistory: history(
        entry({
          kind: 'budget',
          action: 'budget.apply',
          projectId: null,
          resource: budget.name,
          before,
        }),
      ),
      listBudgets: async () => ({
        status: 'configured',
        billingAccount: budget.billingAccount,
        budgets: [
          {
            ...budget,
            spend: {
              actual: 10,
              forecast: 20,
              periodStart: '2026-12-01',
              source: 'estimate',
            },
          },
        ],
        errors: [],
      }),
      previewBudget: async () => ({
        budget,
        diff: [
          {
            field: 'amount',
            label: 'Amount',
            before: '$2,000.00',
            after: '$1,500.00',
          },
        ],
        warnings: [],
        validation: { status: 'skipped' },
        etag: '"e2"',
      }),
      applyBudget: async () => ({
        budget: { ...budget, amount: 1500 },
        diff: [],
      }),
    });
    const dialog = await openRevert(api);
    expect(
      ((await within(dialog).findByTestId('budget-amount')) as HTMLInputElement)
        .value,
    ).toBe('1500');
    expect(
      (
        within(dialog).getByTestId(
          'budget-threshold-percent-0',
        ) as HTMLInputElement
      ).value,
    ).toBe('50');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Preview' }));
    await applyAndExpectClosed(api, 'budget');
    expect(api.applyBudget).toHaveBeenCalledWith(
      'b1',
      {
        change: {
          amount: 1500,
          period: 'MONTH',
          thresholds: [{ percent: 50, spendBasis: 'CURRENT_SPEND' }],
        },
        etag: '"e2"',
        acknowledgedWarnings: [],
      },
      expect.anything(),
    );
  });
});
