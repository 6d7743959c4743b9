import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { UpstreamError } from '@gcp-serverless/common';
import { fakeApi } from '../../testing/fakeApi';
import {
  guardrailProblem,
  overviewFixture,
  projectOverviewFixture,
} from '../../testing/overviewFixture';
import { renderWithProviders } from '../../testing/renderWithProviders';
import { OverviewPage } from './OverviewPage';
import { problemLinkPath } from './problemLinks';

afterEach(cleanup);

const critical = {
  ...guardrailProblem,
  code: 'SERVICE_5XX_RATIO' as const,
  severity: 'critical' as const,
  resource: 'avocano-api',
  projectId: 'avocano-shop',
  title: 'avocano-api answers 40 % of requests with 5xx',
  link: {
    page: 'service' as const,
    projectId: 'avocano-shop',
    region: 'us-central1',
    resource: 'avocano-api',
    label: 'See recent errors',
  },
};

describe('OverviewPage', () => {
  it('lists problems in the order given (worst first) with evidence, and a card per project', async () => {
    const data = overviewFixture(
      [
        projectOverviewFixture('avocano-shop', [critical]),
        projectOverviewFixture('gryyd-web', [guardrailProblem], {
          redis: { count: null, withProblems: 0, health: 'unknown' },
          errors: [
            {
              source: 'redis',
              message: 'Memorystore unavailable',
              status: 503,
            },
          ],
        }),
      ],
      { problems: [critical, guardrailProblem] },
    );
    renderWithProviders(<OverviewPage />, {
      api: fakeApi({ getOverview: async () => data }),
    });
    const items = await screen.findAllByTestId('problem');
    expect(items.map(i => i.getAttribute('data-code'))).toEqual([
      'SERVICE_5XX_RATIO',
      'REDIS_GUARDRAIL_EXCEEDED',
    ]);
    expect(
      within(items[1]!).getByText(/worstCase 82,000, limit 65,000/),
    ).toBeTruthy();
    const card = screen.getByTestId('project-card-gryyd-web');
    expect(within(card).getByText(/Memorystore unavailable/)).toBeTruthy();
    expect(within(card).getByText('Unknown')).toBeTruthy();
    expect(
      within(screen.getByTestId('project-card-avocano-shop')).getByText(
        /120.50 USD of 500.00 USD/,
      ),
    ).toBeTruthy();
  });

  it('says when there is nothing to act on', async () => {
    renderWithProviders(<OverviewPage />, {
      api: fakeApi({
        getOverview: async () =>
          overviewFixture([projectOverviewFixture('gryyd-web')]),
      }),
    });
    expect(await screen.findByText(/No problems found/)).toBeTruthy();
  });

  it('shows the error with a retry when the overview fails', async () => {
    let calls = 0;
    const api = fakeApi({
      getOverview: async () =>
        ++calls === 1
          ? Promise.reject(new UpstreamError('Google said no'))
          : overviewFixture([]),
    });
    renderWithProviders(<OverviewPage />, { api });
    expect(await screen.findByText(/Could not load the overview/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /retry/i }));
    expect(await screen.findByText(/No problems found/)).toBeTruthy();
  });
});

describe('problemLinkPath', () => {
  it('puts suggested values in the query string of the page that fixes the problem', () => {
    expect(problemLinkPath(guardrailProblem.link)).toBe(
      'projects/gryyd-web/locations/asia-northeast3/services/gryd-be?maxInstances=787',
    );
    expect(
      problemLinkPath({
        page: 'cdn',
        projectId: 'p',
        resource: 'backendBuckets/assets',
        suggested: { defaultTtl: 3600 },
        label: '',
      }),
    ).toBe('projects/p/cdn?defaultTtl=3600&backend=backendBuckets%2Fassets');
    expect(
      problemLinkPath({
        page: 'queues',
        projectId: 'p',
        resource: 'generation',
        label: '',
      }),
    ).toBe('projects/p/queues');
  });
});
