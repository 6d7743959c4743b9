import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import type {
  Recommendation,
  RecommendationListResponse,
} from '@gcp-serverless/common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import {
  currentLocation,
  renderWithProviders,
  TEST_BASE,
} from '../../__testUtils__/renderWithProviders';
import { GcpServerlessPage } from '../GcpServerlessPage/GcpServerlessPage';
import { preloadPages } from '../GcpServerlessPage/lazyPages';

afterEach(cleanup);
beforeAll(() => preloadPages(), 60_000);

const figures = {
  monthlyCost: 0,
  instanceHours: 0,
  hoursAtMax: 0,
  refusedAtPeaks: 0,
  worstPeakRefusedShare: 0,
  peakInstances: 1,
  hourlyScaleUps: 0,
};

function rec(
  service: string,
  monthlySaving: number,
  over: Partial<Recommendation> = {},
): Recommendation {
  return {
    projectId: 'chat-realtime',
    region: 'asia-northeast3',
    service,
    current: { minInstances: 1, maxInstances: 1000, concurrency: 80 },
    suggested: { minInstances: 0, maxInstances: 2, concurrency: 80 },
    reasons: [{ rule: 'max-above-peak', message: 'max 1,000 is 1,000× …' }],
    monthlySaving,
    worstCaseHourlyChange: -100,
    currency: 'USD',
    risk: { current: figures, suggested: figures },
    peak: { inFlight: 0.5, wantedInstances: 1, cpu: 0.1, memory: 0.2 },
    ...over,
  };
}

const list: RecommendationListResponse = {
  recommendations: [
    rec('fleet-svc-0006', 231.26),
    rec('chat-history', 0, {
      reasons: [
        {
          rule: 'redis-unsafe-max',
          message: 'chat-redis: … = 82,000 of 65,000 connected clients',
        },
      ],
    }),
    rec('gryd-worker', -894.22),
  ],
  totals: {
    monthlySaving: 231.26,
    monthlyCost: 894.22,
    currency: 'USD',
    saving: 1,
    count: 3,
  },
  projects: [],
  errors: [],
  snapshot: {
    computedAt: new Date().toISOString(),
    stale: false,
    refreshing: false,
  },
};

const services = () =>
  screen
    .getAllByTestId('recommendation-row')
    .map(r => r.getAttribute('data-service'));

describe('RecommendationsPage', () => {
  it('shows the total saving, sorts by saving, and a row opens the scaling preview pre-filled', async () => {
    const api = fakeApi({ getRecommendations: async () => list });
    const { container } = renderWithProviders(<GcpServerlessPage />, {
      api,
      path: '/recommendations',
    });
    await screen.findByTestId('recommendations-table');
    expect(screen.getByTestId('recommendations-total').textContent).toContain(
      '$231.26/month savings available',
    );
    expect(services()).toEqual([
      'fleet-svc-0006',
      'chat-history',
      'gryd-worker',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Monthly saving' }));
    expect(services()).toEqual([
      'gryd-worker',
      'chat-history',
      'fleet-svc-0006',
    ]);

    const row = screen
      .getAllByTestId('recommendation-row')
      .find(r => r.getAttribute('data-service') === 'chat-history')!;
    expect(row.textContent).toContain('Redis-unsafe max');
    expect(row.textContent).toContain('min 1 → 0, max 1,000 → 2');
    expect(row.textContent).toContain('no change in cost');
    fireEvent.click(
      within(row).getByRole('link', { name: /^Preview chat-history/ }),
    );
    expect(currentLocation(container)).toBe(
      `${TEST_BASE}/projects/chat-realtime/locations/asia-northeast3/services/chat-history?minInstances=0&maxInstances=2&concurrency=80&preview=1`,
    );
  });
});
