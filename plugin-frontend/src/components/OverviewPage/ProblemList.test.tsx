import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { rankProblems, type Problem } from '@gcp-serverless/common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { projectOverviewFixture } from '../../__testUtils__/overviewFixture';
import {
  currentLocation,
  renderWithProviders,
} from '../../__testUtils__/renderWithProviders';
import { ProblemList } from './ProblemList';
import { ProjectHealthCard } from './ProjectHealthCard';

afterEach(cleanup);

const problem = (
  projectId: string,
  code: Problem['code'],
  severity: Problem['severity'],
  resource: string,
  values: Problem['evidence']['values'] = {},
): Problem => ({
  code,
  severity,
  projectId,
  resourceKind: 'service',
  resource,
  title: `${resource} ${code}`,
  explanation: '',
  evidence: { metric: 'm', window: '1h', values },
  link: { page: 'service', projectId, region: 'r', resource, label: 'Open' },
});

const problems = rankProblems([
  ...Array.from({ length: 5 }, (_, i) =>
    problem('scale-fleet', 'SERVICE_P95_LATENCY', 'critical', `fleet-${i}`, {
      latencyP95Ms: 9219,
      threshold: 2000,
    }),
  ),
  problem('scale-fleet', 'SERVICE_COLD_STARTS', 'info', 'fleet-9'),
  problem('gryyd-web', 'SERVICE_THROTTLED_429', 'critical', 'gryd-worker'),
]);

describe('ProblemList', () => {
  it('groups by project and kind with counts by severity; one noisy kind shows 3 then "Show 2 more"', () => {
    renderWithProviders(<ProblemList problems={problems} />, {
      api: fakeApi({}),
    });
    const groups = screen.getAllByTestId('problem-project-group');
    expect(groups.map(g => g.getAttribute('data-project'))).toEqual([
      'gryyd-web',
      'scale-fleet',
    ]);
    expect(groups[1]!.textContent).toContain('5 critical · 1 info');
    expect(screen.getAllByTestId('problem')[0]!.getAttribute('data-code')).toBe(
      'SERVICE_THROTTLED_429',
    );
    const latency = within(groups[1]!).getAllByTestId('problem-kind-group')[0]!;
    expect(latency.textContent).toContain('p95 latency (5 critical)');
    expect(within(latency).getAllByTestId('problem')).toHaveLength(3);
    // Durations in the one human format.
    expect(
      within(latency).getAllByText(/latencyP95Ms 9.2 s, threshold 2.0 s/),
    ).toHaveLength(3);
    fireEvent.click(
      within(latency).getByRole('button', { name: 'Show 2 more' }),
    );
    expect(within(latency).getAllByTestId('problem')).toHaveLength(5);
  });

  it('filters by project, severity and kind from the URL, and writes them back to it', () => {
    const { container } = renderWithProviders(
      <ProblemList problems={problems} />,
      {
        api: fakeApi({}),
        path: '?window=1h&project=scale-fleet&severity=info',
      },
    );
    expect(screen.getAllByTestId('problem').map(p => p.textContent)).toEqual([
      expect.stringContaining('fleet-9'),
    ]);
    fireEvent.mouseDown(screen.getAllByRole('combobox')[1]!);
    fireEvent.click(screen.getByRole('option', { name: 'All' }));
    expect(currentLocation(container)).toBe(
      '/gcp-serverless?window=1h&project=scale-fleet',
    );
    expect(screen.getAllByTestId('problem')).toHaveLength(4);
  });
});

describe('ProjectHealthCard', () => {
  it('a failed read is "unknown" with the real reason, never "0 … OK"', () => {
    const project = projectOverviewFixture('gryyd-web', [], {
      routes: {
        count: null,
        withProblems: 0,
        health: 'unknown',
        rules: null,
        error: 'listing URL maps of gryyd-web failed: Service Unavailable',
      },
    });
    renderWithProviders(
      <ProjectHealthCard
        summary={project}
        project={project}
        windowQuery="?window=1h"
      />,
      { api: fakeApi({}) },
    );
    const row = screen.getByTestId('health-row-routes');
    expect(row.textContent).toContain('unknown');
    expect(row.textContent).toContain(
      'listing URL maps of gryyd-web failed: Service Unavailable',
    );
    expect(row.textContent).not.toMatch(/0 rules|OK/);
  });
});
