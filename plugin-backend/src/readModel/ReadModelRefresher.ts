import {
  COST_RANGES,
  DEFAULT_TIME_WINDOW,
  TIME_WINDOWS,
  type RefreshResponse,
  type SnapshotMeta,
  type TimeWindow,
} from '@gcp-serverless/common';
import type { PluginLogger } from '../services/AuditLog';
import type { ProjectAccess } from '../services/ProjectAccess';
import {
  pagesTouchedBy,
  projectOfTouched,
  touchesBudgets,
  type EditTouched,
} from './editedPages';
import {
  PROJECT_PAGES,
  snapshotKey,
  type PageSnapshots,
  type ProjectPage,
  type RefreshOptions,
} from './PageSnapshots';
import { combineSnapshotMeta } from './snapshotMeta';

/**
 * Keeps the snapshots current: the periodic refresh of every project's pages in the windows kept
 * warm (run by the scheduler on one replica per interval), the refresh a viewer asks for, and the
 * refresh after an apply, which recomputes what the edit touched before the apply answers, so the
 * editor — and every replica reading the shared cache — sees the edit at once.
 */
export class ReadModelRefresher {
  private readonly pages: PageSnapshots;
  private readonly access: ProjectAccess;
  private readonly warmWindows: readonly TimeWindow[];
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly logger: PluginLogger;

  constructor(deps: {
    pages: PageSnapshots;
    access: ProjectAccess;
    warmWindows: readonly TimeWindow[];
    /** The background refresh interval, ms (0: none). */
    intervalMs?: number;
    now: () => number;
    logger: PluginLogger;
  }) {
    this.pages = deps.pages;
    this.access = deps.access;
    this.warmWindows = deps.warmWindows;
    this.intervalMs = deps.intervalMs ?? 0;
    this.now = deps.now;
    this.logger = deps.logger;
  }

  /**
   * The background run: the budgets beside every project's pages, the projects one after another
   * so one refresh never floods Google. The budgets (the Budget API, then the billing export's
   * query) depend on no page, and a project's overview waits for them: read first, they made the
   * first overview after a start as deep as their chain plus the pages'. As
   * the scheduled task (`scheduled`), a snapshot younger than half an interval (a viewer's read
   * computed it since the last run, e.g. the first view after start) is kept: no snapshot gets
   * older than 1.5 intervals, and a start that a viewer beat costs no second computation. Called
   * directly, it recomputes everything.
   */
  async refreshAll(
    signal?: AbortSignal,
    options: { scheduled?: boolean } = {},
  ): Promise<void> {
    const opts: RefreshOptions =
      options.scheduled && this.intervalMs > 0
        ? { skipYoungerThanMs: this.intervalMs / 2 }
        : {};
    const budgets = this.hasBudgets()
      ? this.pages.refreshBudgets(opts).catch(err => this.warn('budgets', err))
      : undefined;
    for (const project of this.access.list()) {
      if (signal?.aborted) break;
      await this.refreshProjectPages(
        project.projectId,
        this.warmWindows,
        [...PROJECT_PAGES],
        opts,
      ).catch(err => this.warn(project.projectId, err));
    }
    await budgets;
  }

  /** `POST /projects/:projectId/refresh`: every page of the project, in the warm windows and those viewed (else the default window). */
  async refreshProject(projectId: string): Promise<RefreshResponse> {
    this.access.project(projectId);
    const viewed = await this.windowsOf(projectId);
    const windows = viewed.length > 0 ? viewed : [DEFAULT_TIME_WINDOW];
    const metas = await this.refreshProjectPages(
      projectId,
      windows,
      [...PROJECT_PAGES],
      { startedAfterMs: this.now() },
    );
    return {
      projectId,
      windows,
      snapshot: combineSnapshotMeta(metas, this.now()),
    };
  }

  /**
   * Called by the edit path after an apply, before it answers: recomputes the pages the edit
   * touched (with computations that start after the write) in every window someone views. A
   * failed refresh is logged, never turned into a failed apply: the write did land.
   */
  async refreshAfterEdit(touched: EditTouched | EditTouched[]): Promise<void> {
    const list = Array.isArray(touched) ? touched : [touched];
    const startedAfterMs = this.now();
    // The editor sees the write even when a panel of the page fails meanwhile.
    const opts = { startedAfterMs, preferNewer: true };
    const budgetEdit = list.some(t => touchesBudgets(t.kind));
    const byProject = new Map<string, Set<ProjectPage>>();
    for (const t of list) {
      const projectId = projectOfTouched(t);
      let targets: string[] = [];
      if (projectId) targets = [projectId];
      // A budget edit names no project: every configured project's pages show budgets.
      else if (budgetEdit) targets = this.access.list().map(p => p.projectId);
      for (const id of targets) {
        const set = byProject.get(id) ?? new Set<ProjectPage>();
        pagesTouchedBy(t.kind).forEach(p => set.add(p));
        byProject.set(id, set);
      }
    }
    try {
      if (budgetEdit) await this.pages.refreshBudgets(opts);
      await Promise.all(
        [...byProject].map(async ([projectId, pages]) => {
          if (!this.access.list().some(p => p.projectId === projectId)) return;
          await this.refreshProjectPages(
            projectId,
            await this.windowsOf(projectId),
            [...pages],
            opts,
          );
          if (budgetEdit) await this.refreshViewedCosts(projectId, opts);
        }),
      );
    } catch (err) {
      this.warn('after an edit', err);
    }
  }

  /** Pages first (in parallel), then what is computed from them: the project's overview and topology. */
  private async refreshProjectPages(
    projectId: string,
    windows: readonly TimeWindow[],
    pages: ProjectPage[],
    opts: RefreshOptions,
  ): Promise<SnapshotMeta[]> {
    const metas: SnapshotMeta[] = [];
    for (const window of windows) {
      const results = await Promise.allSettled(
        pages.map(page =>
          this.pages.refreshPage(page, projectId, window, opts),
        ),
      );
      const failed = results.find(r => r.status === 'rejected');
      if (failed)
        this.warn(
          `${projectId} ${window}`,
          (failed as PromiseRejectedResult).reason,
        );
      await this.pages
        .refreshProjectOverview(projectId, window, opts)
        .catch(err => this.warn(`overview of ${projectId}`, err));
      if (await this.pages.has(snapshotKey.topology(projectId, window))) {
        await this.pages
          .refreshTopology(projectId, window, opts)
          .catch(err => this.warn(`topology of ${projectId}`, err));
      }
      metas.push(
        ...(
          await Promise.all(
            pages.map(page =>
              this.pages.metaOf(snapshotKey.page(page, projectId, window)),
            ),
          )
        ).filter((m): m is SnapshotMeta => Boolean(m)),
      );
    }
    return metas;
  }

  private async refreshViewedCosts(
    projectId: string,
    opts: RefreshOptions,
  ): Promise<void> {
    for (const range of COST_RANGES) {
      if (await this.pages.has(snapshotKey.costs(projectId, range)))
        await this.pages.refreshCosts(projectId, range, opts);
    }
  }

  /** The warm windows and every other window of which the project has a snapshot (someone viewed it). */
  private async windowsOf(projectId: string): Promise<TimeWindow[]> {
    const keys = (w: TimeWindow) => [
      snapshotKey.projectOverview(projectId, w),
      ...PROJECT_PAGES.map(p => snapshotKey.page(p, projectId, w)),
    ];
    const viewed = await Promise.all(
      TIME_WINDOWS.map(async w =>
        (await Promise.all(keys(w).map(k => this.pages.has(k)))).some(Boolean)
          ? w
          : null,
      ),
    );
    return TIME_WINDOWS.filter(
      w => this.warmWindows.includes(w) || viewed.includes(w),
    );
  }

  private hasBudgets(): boolean {
    return this.pages.hasBilling();
  }

  private warn(what: string, err: unknown): void {
    this.logger.warn(`gcp-serverless: refreshing ${what} failed`, {
      error: err instanceof Error ? err.message : String(err),
    });
  }
}
