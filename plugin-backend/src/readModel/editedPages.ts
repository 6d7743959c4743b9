import type { ProjectPage } from './PageSnapshots';

/**
 * What an apply touched, as the edit path reports it (`afterApply(touched)`): the kind of change
 * (`scaling`, `queue`, `redis`, `routing`, `cdn`, `budget`, or the action `urlMap.apply`, …) and the
 * project, or the resource name it can be read from (`projects/P/…`). Budgets have no project.
 */
export interface EditTouched {
  kind: string;
  projectId?: string | null;
  resource?: string;
}

/**
 * The pages whose figures an edit of `kind` changes. Scaling changes the services table and the
 * capacity wiring the queues and Redis pages show; routing and CDN share backends. An unknown kind
 * refreshes every page of the project: a wasted read is better than a stale page after an edit.
 */
export function pagesTouchedBy(kind: string): readonly ProjectPage[] {
  switch (kind.split('.')[0]) {
    case 'scaling':
      return ['services', 'queues', 'redis'];
    case 'queue':
    case 'queues':
      return ['queues'];
    case 'redis':
      return ['redis'];
    case 'routing':
    case 'urlMap':
    case 'urlMaps':
    case 'cdn':
      return ['routing', 'cdn'];
    case 'budget':
    case 'budgets':
      return [];
    default:
      return ['services', 'queues', 'redis', 'routing', 'cdn'];
  }
}

/** Budgets are billing-account wide: a budget edit touches every project's overview and costs. */
export function touchesBudgets(kind: string): boolean {
  const prefix = kind.split('.')[0];
  return prefix === 'budget' || prefix === 'budgets';
}

/** The project of a touched resource: its `projectId`, else read from `projects/P/…`. */
export function projectOfTouched(touched: EditTouched): string | null {
  return (
    touched.projectId ??
    /^projects\/([^/]+)/.exec(touched.resource ?? '')?.[1] ??
    null
  );
}
