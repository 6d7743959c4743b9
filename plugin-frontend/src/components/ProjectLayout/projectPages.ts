/**
 * The pages of a project, in tab order. Each page adds one entry here and one `<Route>` in
 * GcpServerlessRoutes; `path` is relative to `projects/:projectId/`.
 */
export interface ProjectPageEntry {
  path: string;
  label: string;
}

export const PROJECT_PAGES: ProjectPageEntry[] = [
  { path: 'services', label: 'Services' },
  { path: 'routing', label: 'Routing' },
  { path: 'cdn', label: 'CDN' },
  { path: 'queues', label: 'Queues' },
  { path: 'redis', label: 'Redis' },
  { path: 'costs', label: 'Costs' },
  { path: 'budgets', label: 'Budgets' },
  { path: 'topology', label: 'Topology' },
  { path: 'history', label: 'History' },
  { path: 'approvals', label: 'Approvals' },
  { path: 'schedule', label: 'Schedule' },
];

/** The tab a location belongs to: the first path segment after the project (service pages count as Services). */
export function currentProjectPage(pathAfterProject: string): string {
  const first = pathAfterProject.split('/').filter(Boolean)[0] ?? 'services';
  if (first === 'locations') return 'services';
  return PROJECT_PAGES.some(p => p.path === first) ? first : 'services';
}
