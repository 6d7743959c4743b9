import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanup,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import {
  cdnPolicyCostImpact,
  CDN_LIST_PRICES_USD,
  redisResizeCostImpact,
  REDIS_LIST_PRICES_USD,
  type CdnBackend,
  type CdnPolicyPreview,
  type RedisInstance,
  type RedisPreview,
} from '@gcp-serverless/common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { renderWithProviders } from '../../__testUtils__/renderWithProviders';
import { CdnPolicyForm } from '../CdnPolicyForm/CdnPolicyForm';
import { RedisForm } from '../RedisForm/RedisForm';

afterEach(cleanup);

const instance: RedisInstance = {
  projectId: 'chat-realtime',
  region: 'asia-northeast3',
  name: 'chat-redis',
  resourceName:
    'projects/chat-realtime/locations/asia-northeast3/instances/chat-redis',
  displayName: 'chat-redis',
  tier: 'BASIC',
  state: 'READY',
  memorySizeGb: 1,
  redisVersion: 'REDIS_7_0',
  host: '10.0.0.3',
  port: 6379,
  replicaCount: 0,
  redisConfigs: {},
  labels: {},
  consoleUrl: '',
};

const backend: CdnBackend = {
  kind: 'backendServices',
  name: 'gryd-storage-service',
  enableCdn: true,
  fingerprint: 'fp-1',
  origin: 'Cloud Storage',
  hitRatio: 0.6,
  requestsPerSecond: 100,
  consoleUrl: '',
  policy: {
    enableCdn: true,
    cacheMode: 'CACHE_ALL_STATIC',
    defaultTtl: 3600,
    maxTtl: 86400,
    clientTtl: 3600,
    negativeCaching: false,
    serveWhileStale: 0,
  },
};

function cdnPreview(extra: Partial<CdnPolicyPreview>): CdnPolicyPreview {
  const change = { ...backend.policy, defaultTtl: 7200 };
  return {
    backend,
    current: backend.policy,
    proposed: change,
    fingerprint: 'fp-1',
    warnings: [],
    validation: { status: 'skipped', message: 'Google checks it on apply' },
    diff: [
      { field: 'defaultTtl', label: 'Default TTL', before: 3600, after: 7200 },
    ],
    ...extra,
  };
}

async function previewCdn(preview: CdnPolicyPreview) {
  renderWithProviders(
    <CdnPolicyForm
      projectId="gryyd-web"
      backend={backend}
      onApplied={() => undefined}
    />,
    { api: fakeApi({ previewCdnPolicy: async () => preview }) },
  );
  fireEvent.change(screen.getByTestId('cdn-defaultTtl'), {
    target: { value: '7200' },
  });
  await waitFor(() =>
    expect(
      (screen.getByTestId('cdn-preview') as HTMLButtonElement).disabled,
    ).toBe(false),
  );
  fireEvent.click(screen.getByTestId('cdn-preview'));
  return screen.findByTestId('cdn-preview-dialog');
}

describe('cost impact in the Redis and CDN previews', () => {
  it('the Redis preview shows the monthly change of a resize with its formula', async () => {
    const cost = redisResizeCostImpact({
      tier: 'BASIC',
      currentGb: 1,
      proposedGb: 2,
      prices: REDIS_LIST_PRICES_USD,
    });
    const preview: RedisPreview = {
      instance,
      current: { memorySizeGb: 1, redisConfigs: {} },
      proposed: { memorySizeGb: 2, redisConfigs: {} },
      diff: [
        {
          field: 'memorySizeGb',
          label: 'Memory size (GB)',
          before: 1,
          after: 2,
        },
      ],
      warnings: [],
      validation: { status: 'skipped', message: 'no validate-only mode' },
      etag: 'e1',
      impacts: [],
      cost,
    };
    renderWithProviders(
      <RedisForm instance={instance} onChanged={() => undefined} />,
      { api: fakeApi({ previewRedis: async () => preview }) },
    );
    fireEvent.change(screen.getByTestId('redis-memorySizeGb'), {
      target: { value: '2' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const dialog = await screen.findByTestId('redis-preview-dialog');
    const row = await within(dialog).findByTestId('cost-figure-redisMonthly');
    expect(
      within(row).getByTestId('cost-change-redisMonthly').textContent,
    ).toContain('35.77');
    expect(
      within(row).getByTestId('cost-formula-redisMonthly').textContent,
    ).toContain('1 GB × $0.049 (M1) → 2 GB × $0.049 (M1)');
  });

  it('the CDN preview shows cache egress vs cache fill', async () => {
    const cost = cdnPolicyCostImpact(
      { servedGiB: 1000, currentHitRatio: 0.6, proposedHitRatio: 0.8 },
      CDN_LIST_PRICES_USD,
    )!;
    const dialog = await previewCdn(cdnPreview({ cost }));
    expect(
      within(dialog).getByTestId('cost-change-cacheEgressMonthly').textContent,
    ).toContain('16.00');
    expect(
      within(dialog).getByTestId('cost-change-cacheFillMonthly').textContent,
    ).toContain('8.00');
    expect(within(dialog).queryByTestId('cdn-cost-unavailable')).toBeNull();
  });

  it('the CDN preview says why there is no estimate when the metrics do not allow one', async () => {
    const dialog = await previewCdn(
      cdnPreview({
        costUnavailable:
          'CDN is off now, so there is no measured hit ratio to start from',
      }),
    );
    expect(
      within(dialog).getByTestId('cdn-cost-unavailable').textContent,
    ).toContain('no measured hit ratio');
    expect(within(dialog).queryByTestId('cost-impact')).toBeNull();
  });
});
