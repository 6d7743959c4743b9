import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanup,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import {
  ServiceUnavailableError,
  UpstreamError,
  type ProjectListResponse,
  type ProjectOverviewResponse,
} from '@gcp-serverless/common';
import { deferred, fakeApi } from '../../__testUtils__/fakeApi';
import {
  guardrailProblem,
  projectOverviewFixture,
  projectOverviewResponse,
} from '../../__testUtils__/overviewFixture';
import { renderWithProviders } from '../../__testUtils__/renderWithProviders';
import { recordRetryAfter } from '../../api/retryAfter';
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
      displayName: 'avocano-shop',
      regions: ['us-central1'],
    },
  ],
};

describe('OverviewPage', () => {
  it('draws a card per project at once, above the problems, and fills each in from its own answer', async () => {
    const avocano = deferred<ProjectOverviewResponse>();
    const api = fakeApi({
      listProjects: async () => projects,
      getProjectOverview: projectId =>
        projectId === 'avocano-shop'
          ? avocano.promise
          : Promise.resolve(
              projectOverviewResponse(
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
              ),
            ),
    });
    renderWithProviders(<OverviewPage />, { api });

    const gryyd = await screen.findByTestId('project-card-gryyd-web');
    const avocanoCard = screen.getByTestId('project-card-avocano-shop');
    // Cards come first on the page, the problems after them.
    const problemsSection = screen.getByTestId('overview-problems');
    expect(
      avocanoCard.compareDocumentPosition(problemsSection) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();

    await waitFor(() => expect(gryyd.getAttribute('data-state')).toBe('ready'));
    expect(avocanoCard.getAttribute('data-state')).toBe('loading');
    expect(within(gryyd).getByText(/Memorystore unavailable/)).toBeTruthy();
    expect(within(gryyd).getByText('Unknown')).toBeTruthy();
    // gryyd's problems show while avocano is still loading, and the list says it is incomplete.
    expect(
      screen.getAllByTestId('problem').map(i => i.getAttribute('data-code')),
    ).toEqual(['REDIS_GUARDRAIL_EXCEEDED']);
    expect(
      within(problemsSection).getByText(/Still loading 1 of 2 projects/),
    ).toBeTruthy();

    avocano.resolve(
      projectOverviewResponse(
        projectOverviewFixture('avocano-shop', [critical]),
      ),
    );
    await waitFor(() =>
      expect(avocanoCard.getAttribute('data-state')).toBe('ready'),
    );
    const items = screen.getAllByTestId('problem');
    expect(items.map(i => i.getAttribute('data-code'))).toEqual([
      'SERVICE_5XX_RATIO',
      'REDIS_GUARDRAIL_EXCEEDED',
    ]);
    expect(
      within(items[1]!).getByText(/worstCase 82,000, limit 65,000/),
    ).toBeTruthy();
    expect(
      within(avocanoCard).getByText(/120.50 USD of 500.00 USD/),
    ).toBeTruthy();
    // The cards and the problems list share one request per project.
    expect(api.getProjectOverview).toHaveBeenCalledTimes(2);
  });

  it('says when there is nothing to act on', async () => {
    const api = fakeApi({
      listProjects: async () => ({
        mode: 'sandbox',
        projects: [projects.projects[0]!],
      }),
      getProjectOverview: async () =>
        projectOverviewResponse(projectOverviewFixture('gryyd-web')),
    });
    renderWithProviders(<OverviewPage />, { api });
    expect(await screen.findByText(/No problems found/)).toBeTruthy();
  });

  it('a failing project shows its error with a retry on its own card; the other card fills in', async () => {
    let calls = 0;
    const api = fakeApi({
      listProjects: async () => projects,
      getProjectOverview: async projectId => {
        if (projectId === 'avocano-shop' && ++calls === 1)
          throw new UpstreamError('Google said no');
        return projectOverviewResponse(projectOverviewFixture(projectId));
      },
    });
    renderWithProviders(<OverviewPage />, { api });
    const card = await screen.findByTestId('project-card-avocano-shop');
    expect(
      await within(card).findByText(
        /Could not load avocano-shop: Google said no/,
      ),
    ).toBeTruthy();
    await waitFor(() =>
      expect(
        screen.getByTestId('project-card-gryyd-web').getAttribute('data-state'),
      ).toBe('ready'),
    );
    expect(
      screen.getByText(/Problems of avocano-shop could not be loaded/),
    ).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: /retry/i }));
    await waitFor(() => expect(card.getAttribute('data-state')).toBe('ready'));
    expect(await screen.findByText(/No problems found/)).toBeTruthy();
  });

  it('a project whose first snapshot is still being computed stays loading, says so, and fills in when asked again after Retry-After', async () => {
    const second = deferred<ProjectOverviewResponse>();
    let calls = 0;
    const api = fakeApi({
      listProjects: async () => ({
        mode: 'sandbox',
        projects: [projects.projects[0]!],
      }),
      getProjectOverview: async () => {
        if (++calls > 1) return second.promise;
        const computing = new ServiceUnavailableError(
          'project-overview:gryyd-web:1h is still being computed',
          { details: { computing: true } },
        );
        // What the client notes from the answer's `Retry-After` header (a short one: this is a test).
        recordRetryAfter(computing, 0.05);
        throw computing;
      },
    });
    renderWithProviders(<OverviewPage />, { api });
    const card = await screen.findByTestId('project-card-gryyd-web');
    // Asked again by itself, no Retry clicked: the second answer is on its way.
    await waitFor(() => expect(calls).toBe(2));
    expect(card.getAttribute('data-state')).toBe('loading');
    expect(within(card).getByTestId('snapshot-computing').textContent).toMatch(
      /Computing the first snapshot of this project/,
    );
    expect(within(card).queryByRole('button', { name: /retry/i })).toBeNull();
    expect(within(card).queryByText(/Could not load/)).toBeNull();

    second.resolve(
      projectOverviewResponse(projectOverviewFixture('gryyd-web')),
    );
    await waitFor(() => expect(card.getAttribute('data-state')).toBe('ready'));
    expect(within(card).queryByTestId('snapshot-computing')).toBeNull();
  });

  it("shows each card's snapshot age; Refresh asks the backend and reloads the card", async () => {
    let computedAt = new Date(Date.now() - 40_000).toISOString();
    const api = fakeApi({
      listProjects: async () => ({
        mode: 'sandbox',
        projects: [projects.projects[0]!],
      }),
      getProjectOverview: async () => ({
        ...projectOverviewResponse(projectOverviewFixture('gryyd-web')),
        snapshot: { computedAt, stale: false, refreshing: false },
      }),
      refreshProject: async () => {
        computedAt = new Date().toISOString();
      },
    });
    renderWithProviders(<OverviewPage />, { api });
    const card = await screen.findByTestId('project-card-gryyd-web');
    expect(
      (await within(card).findByTestId('snapshot-age')).textContent,
    ).toMatch(/^updated 4\d s ago$/);
    fireEvent.click(
      within(card).getByRole('button', { name: 'Refresh gryyd-web' }),
    );
    await waitFor(() =>
      expect(within(card).getByTestId('snapshot-age').textContent).toBe(
        'updated just now',
      ),
    );
    expect(api.refreshProject).toHaveBeenCalledWith('gryyd-web');
    expect(api.getProjectOverview).toHaveBeenCalledTimes(2);
  });

  it('renders no age for an answer that was not served from a snapshot', async () => {
    const api = fakeApi({
      listProjects: async () => ({
        mode: 'sandbox',
        projects: [projects.projects[0]!],
      }),
      getProjectOverview: async () =>
        projectOverviewResponse(projectOverviewFixture('gryyd-web')),
    });
    renderWithProviders(<OverviewPage />, { api });
    await waitFor(() =>
      expect(
        screen.getByTestId('project-card-gryyd-web').getAttribute('data-state'),
      ).toBe('ready'),
    );
    expect(screen.queryByTestId('snapshot-status')).toBeNull();
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
