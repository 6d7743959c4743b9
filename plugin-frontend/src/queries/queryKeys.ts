import type { CostRange, TimeWindow } from '@gcp-serverless/common';

const ROOT = 'gcp-serverless';

/**
 * The plugin's TanStack Query keys. Every read of one project sits under `project(projectId)`, so an
 * edit or a refresh invalidates the project's reads with one prefix; reads that span projects (the
 * overview of all, the billing account's budgets) have keys of their own.
 */
export const queryKeys = {
  /** Every query of the plugin. */
  all: [ROOT] as const,
  projects: () => [ROOT, 'projects'] as const,
  access: () => [ROOT, 'access'] as const,
  /** The doctor's report (`GET /setup`). */
  setup: () => [ROOT, 'setup'] as const,
  budgets: () => [ROOT, 'budgets'] as const,
  overview: (window: TimeWindow) => [ROOT, 'overview', window] as const,
  /** Prefix of every read of one project. */
  project: (projectId: string) => [ROOT, 'project', projectId] as const,
  projectOverview: (projectId: string, window: TimeWindow) =>
    [ROOT, 'project', projectId, 'overview', window] as const,
  services: (projectId: string, window: TimeWindow) =>
    [ROOT, 'project', projectId, 'services', window] as const,
  service: (
    projectId: string,
    region: string,
    service: string,
    window: TimeWindow,
  ) =>
    [ROOT, 'project', projectId, 'service', region, service, window] as const,
  recentErrors: (
    projectId: string,
    region: string,
    service: string,
    window: TimeWindow,
  ) =>
    [
      ROOT,
      'project',
      projectId,
      'recent-errors',
      region,
      service,
      window,
    ] as const,
  /** The project's calendar of scheduled changes from `from` (ISO 8601; null = the backend's now). */
  scheduledChanges: (projectId: string, from: string | null) =>
    [ROOT, 'project', projectId, 'scheduled-changes', from] as const,
  queues: (projectId: string, window: TimeWindow) =>
    [ROOT, 'project', projectId, 'queues', window] as const,
  redis: (projectId: string, window: TimeWindow) =>
    [ROOT, 'project', projectId, 'redis', window] as const,
  routing: (projectId: string, window: TimeWindow) =>
    [ROOT, 'project', projectId, 'routing', window] as const,
  cdn: (projectId: string, window: TimeWindow) =>
    [ROOT, 'project', projectId, 'cdn', window] as const,
  topology: (projectId: string, window: TimeWindow) =>
    [ROOT, 'project', projectId, 'topology', window] as const,
  costs: (
    projectId: string,
    range: CostRange,
    resource: string | null = null,
  ) => [ROOT, 'project', projectId, 'costs', range, resource] as const,
  history: (projectId: string, resource: string | undefined) =>
    [ROOT, 'project', projectId, 'history', resource ?? null] as const,
};
