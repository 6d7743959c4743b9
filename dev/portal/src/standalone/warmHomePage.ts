import { DEFAULT_TIME_WINDOW } from '@gcp-serverless/common';

/** What {@link warmHomePage} found. */
export interface HomePageWarmth {
  /** Projects whose overview answered (figures or an error) before the limit. */
  projects: number;
  /** Projects whose overview was still being computed at the limit. */
  computing: number;
  ms: number;
}

/** How long a "still computing" answer is asked again after when it names no `Retry-After`, ms. */
const DEFAULT_RETRY_MS = 1_000;

/**
 * Asks a portal that has just started for what the home page's first visit reads (the project
 * list, each project's overview in the default window, the budgets, the setup report) and waits
 * until each has answered or `limitMs` has passed. `npm start` does this before it says ready: the
 * portal's first snapshots and its answers' code paths are then computed and warm, instead of being
 * computed on the serving thread while the first visitor's page loads (docs/performance.md,
 * "Session 7, the first visit"). The requests join the refresh already under way (one computation
 * per snapshot); an answer that says the snapshot is still being computed (503 with `Retry-After`)
 * is asked again, as the page would. Failures end the wait for that read: nothing more to warm.
 */
export async function warmHomePage(
  baseUrl: string,
  limitMs: number,
): Promise<HomePageWarmth> {
  const started = performance.now();
  const api = `${baseUrl}/api/gcp-serverless`;
  const deadline = AbortSignal.timeout(limitMs);
  const get = (path: string) =>
    fetch(`${api}${path}`, {
      headers: { accept: 'application/json' },
      signal: deadline,
    });
  /** True once answered; false when still computing at the limit. */
  const settled = async (path: string): Promise<boolean> => {
    try {
      for (;;) {
        const response = await get(path);
        await response.arrayBuffer();
        if (response.status !== 503 || !response.headers.has('retry-after'))
          return true;
        const retryMs =
          Number(response.headers.get('retry-after')) * 1000 ||
          DEFAULT_RETRY_MS;
        await new Promise(resolve => setTimeout(resolve, retryMs));
        if (deadline.aborted) return false;
      }
    } catch {
      return !deadline.aborted;
    }
  };
  let projectIds: string[] = [];
  try {
    const list = await get('/projects');
    if (list.ok)
      projectIds = (
        (await list.json()) as { projects: Array<{ projectId: string }> }
      ).projects.map(p => p.projectId);
  } catch {
    // Not reachable or not allowed from here: nothing to warm.
  }
  const [overviews] = await Promise.all([
    Promise.all(
      projectIds.map(id =>
        settled(
          `/projects/${encodeURIComponent(
            id,
          )}/overview?window=${DEFAULT_TIME_WINDOW}`,
        ),
      ),
    ),
    settled('/billing/budgets'),
    settled('/setup'),
  ]);
  return {
    projects: overviews.filter(Boolean).length,
    computing: overviews.filter(done => !done).length,
    ms: Math.round(performance.now() - started),
  };
}
