import type {
  OverviewResponse,
  Problem,
  ProjectOverview,
  ProjectOverviewResponse,
} from '@gcp-serverless/common';
import { DEFAULT_PROBLEM_THRESHOLDS } from '@gcp-serverless/common';

/** The chat-realtime Redis guardrail problem as the backend reports it. */
export const guardrailProblem: Problem = {
  code: 'REDIS_GUARDRAIL_EXCEEDED',
  severity: 'warning',
  projectId: 'gryyd-web',
  resourceKind: 'redis',
  resource: 'chat-redis',
  title: 'Redis chat-redis: worst case 82,000 connections exceeds 65,000',
  explanation:
    'At max instances the services wired to chat-redis would open 82,000 connections.',
  evidence: {
    metric: 'connection guardrail',
    window: '1h',
    values: { worstCase: 82_000, limit: 65_000 },
  },
  link: {
    page: 'scaling',
    projectId: 'gryyd-web',
    region: 'asia-northeast3',
    resource: 'gryd-be',
    suggested: { maxInstances: 787 },
    label: 'Lower gryd-be max instances to 787',
  },
};

/** One project's overview with the given problems. */
export function projectOverviewFixture(
  projectId: string,
  problems: Problem[] = [],
  overrides: Partial<ProjectOverview> = {},
): ProjectOverview {
  const group = { count: 3, withProblems: 0, health: 'ok' as const };
  return {
    projectId,
    displayName: projectId,
    health: problems.length ? 'warning' : 'ok',
    services: group,
    routes: { ...group, rules: 12 },
    queues: group,
    redis: group,
    cdn: { ...group, hitRatio: 0.91 },
    cost: { monthToDate: 120.5, forecast: 300, budget: 500, currency: 'USD' },
    problems,
    errors: [],
    ...overrides,
  };
}

/** A whole `GET /overview` answer. */
export function overviewFixture(
  projects: ProjectOverview[],
  overrides: Partial<OverviewResponse> = {},
): OverviewResponse {
  return {
    window: '1h',
    asOf: '2026-11-22T00:00:00.000Z',
    projects,
    problems: projects.flatMap(p => p.problems),
    thresholds: DEFAULT_PROBLEM_THRESHOLDS,
    errors: [],
    ...overrides,
  };
}

/** A `GET /projects/:projectId/overview` answer for one project. */
export function projectOverviewResponse(
  project: ProjectOverview,
  overrides: Partial<ProjectOverviewResponse> = {},
): ProjectOverviewResponse {
  return {
    window: '1h',
    asOf: '2026-11-22T00:00:00.000Z',
    project,
    thresholds: DEFAULT_PROBLEM_THRESHOLDS,
    ...overrides,
  };
}
