import {
  buildProjectOverview,
  rankProblems,
  type BudgetListResponse,
  type OverviewResponse,
  type PanelError,
  type ProblemThresholds,
  type ProjectOverview,
  type ProjectOverviewResponse,
  type ProjectSummary,
  type TimeWindow,
} from '@gcp-serverless/common';
import type { CdnService } from './CdnService';
import type { BudgetService } from './costs/BudgetService';
import { settlePanels } from './panelErrors';
import type { ProjectAccess } from './ProjectAccess';
import type { QueueService } from './QueueService';
import type { RedisService } from './RedisService';
import type { RoutingService } from './RoutingService';
import type { ServiceCatalogService } from './ServiceCatalogService';
import type { ThrottleMetrics } from './ThrottleMetrics';

/** What the overview reads through: the pages' own services, each a fixed number of batched calls. */
export interface OverviewServiceDeps {
  access: ProjectAccess;
  /** The pages' reads; the read model passes its snapshots of them, so the overview costs no second read. */
  catalog: Pick<ServiceCatalogService, 'listServices'>;
  routing: Pick<RoutingService, 'overview'>;
  queues: Pick<QueueService, 'listQueues'>;
  redis: Pick<RedisService, 'listInstances'>;
  cdn: Pick<CdnService, 'overview'>;
  budgets: Pick<BudgetService, 'list'>;
  throttles: Pick<ThrottleMetrics, 'throttledPerSecond' | 'coldStartsPerHour'>;
  /** Whether a billing account is configured (else budgets are skipped, not an error). */
  hasBilling: boolean;
  thresholds: ProblemThresholds;
  now: () => number;
}

const prefixed = (area: string, errors: PanelError[]) =>
  errors.map(e => ({ ...e, source: `${area}.${e.source}` }));

/**
 * The index page: every allowlisted project's counts, health and problems. Per project it costs the
 * list calls of the services, routing, queues, Redis and CDN pages plus one Monitoring call for 429s,
 * all in parallel, and never a call per resource, so 1,000 services cost what 10 do. Budgets are read
 * once for all projects. A failing read makes its card `unknown`, never the page fail.
 */
export class OverviewService {
  private readonly deps: OverviewServiceDeps;

  constructor(deps: OverviewServiceDeps) {
    this.deps = deps;
  }

  async overview(window: TimeWindow): Promise<OverviewResponse> {
    const endMs = this.deps.now();
    // Budgets and every project's reads start together: no read waits for another it does not need.
    const budgetsRead = this.readBudgets();
    // A failed budgets read is said once, on the page, not on every card.
    const forCards = budgetsRead.then(b => ({ values: b.values, errors: [] }));
    const [projects, { values, errors }] = await Promise.all([
      Promise.all(
        this.deps.access
          .list()
          .map(
            async p =>
              (
                await this.project(p, window, endMs, forCards)
              ).overview,
          ),
      ),
      budgetsRead,
    ]);
    return this.assemble(window, endMs, projects, [
      ...errors,
      ...(values.budgets?.errors ?? []),
    ]);
  }

  /** The index page from each project's overview (computed here or kept as snapshots by the read model). */
  assemble(
    window: TimeWindow,
    endMs: number,
    projects: ProjectOverview[],
    budgetErrors: PanelError[],
  ): OverviewResponse {
    return {
      window,
      asOf: new Date(Math.floor(endMs / 1000) * 1000).toISOString(),
      projects,
      problems: rankProblems(projects.flatMap(p => p.problems)),
      thresholds: this.deps.thresholds,
      errors: prefixed('budgets', budgetErrors),
    };
  }

  /** Whether budgets are read at all (a billing account is configured). */
  get hasBilling(): boolean {
    return this.deps.hasBilling;
  }

  /** One project's card and problems as `GET /projects/:projectId/overview` answers (the index page asks per project). */
  assembleProject(
    window: TimeWindow,
    endMs: number,
    project: ProjectOverview,
  ): ProjectOverviewResponse {
    return {
      window,
      asOf: new Date(Math.floor(endMs / 1000) * 1000).toISOString(),
      project,
      thresholds: this.deps.thresholds,
    };
  }

  /** One allowlisted project's overview and the page reads it was built from (the topology reuses them). */
  async readProject(projectId: string, window: TimeWindow) {
    const project = this.deps.access.project(projectId);
    return this.project(project, window, this.deps.now(), this.readBudgets());
  }

  /** The budgets (when billing is configured), settled: a failure is a panel error. */
  private readBudgets(): Promise<{
    values: { budgets: BudgetListResponse | null };
    errors: PanelError[];
  }> {
    return settlePanels({
      budgets: this.deps.hasBilling
        ? this.deps.budgets.list()
        : Promise.resolve(null),
    });
  }

  /**
   * One project's card from its pages, the 429 and cold-start reads and the budgets, all read in
   * parallel: the budgets (`budgetsRead`, shared by every project of the index page) are awaited
   * together with the project's own reads, never before them (a cold index page is as deep as its
   * deepest read, not the budgets' depth plus the pages').
   */
  private async project(
    project: ProjectSummary,
    window: TimeWindow,
    endMs: number,
    budgetsRead: Promise<{
      values: { budgets: BudgetListResponse | null };
      errors: PanelError[];
    }>,
  ) {
    const id = project.projectId;
    const [{ values, errors }, settledBudgets] = await Promise.all([
      settlePanels({
        services: this.deps.catalog.listServices(id, window),
        throttled: this.deps.throttles.throttledPerSecond(
          project,
          window,
          endMs,
        ),
        coldStarts: this.deps.throttles.coldStartsPerHour(
          project,
          window,
          endMs,
        ),
        routing: this.deps.routing.overview(id, window),
        queues: this.deps.queues.listQueues(id, window),
        redis: this.deps.redis.listInstances(id, window),
        cdn: this.deps.cdn.overview(id, window),
      }),
      budgetsRead,
    ]);
    const budgets = settledBudgets.values.budgets;
    const extraErrors = settledBudgets.errors;
    const panelErrors = [
      ...errors,
      ...prefixed('services', values.services?.errors ?? []),
      ...prefixed('routing', values.routing?.errors ?? []),
      ...prefixed('queues', values.queues?.errors ?? []),
      ...prefixed('redis', values.redis?.errors ?? []),
      ...prefixed('cdn', values.cdn?.errors ?? []),
      ...prefixed('budgets', extraErrors),
    ];
    // A budget with no project scope covers the whole billing account, so every project.
    const covering = budgets
      ? budgets.budgets.filter(
          b => b.projects.length === 0 || b.projects.includes(id),
        )
      : null;
    const overview: ProjectOverview = buildProjectOverview(
      {
        projectId: id,
        displayName: project.displayName,
        window,
        ...values,
        budgets: covering,
        errors: panelErrors,
      },
      this.deps.thresholds,
    );
    return { overview, values, project };
  }
}
