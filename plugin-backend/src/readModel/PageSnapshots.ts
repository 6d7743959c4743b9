import {
  type BudgetListResponse,
  type CdnOverviewResponse,
  type CostRange,
  type CostReportResponse,
  type OverviewResponse,
  type ProjectOverview,
  type ProjectOverviewResponse,
  type QueueListResponse,
  type RedisListResponse,
  type RoutingOverviewResponse,
  type ServiceListResponse,
  type SnapshotMeta,
  type TimeWindow,
  type TopologyResponse,
} from '@gcp-serverless/common';
import type { CdnService } from '../services/CdnService';
import type { BudgetService } from '../services/costs/BudgetService';
import type { CostService } from '../services/costs/CostService';
import type { OverviewService } from '../services/OverviewService';
import { settlePanels, toPanelError } from '../services/panelErrors';
import type { ProjectAccess } from '../services/ProjectAccess';
import type { QueueService } from '../services/QueueService';
import type { RedisService } from '../services/RedisService';
import type { RoutingService } from '../services/RoutingService';
import type { ServiceCatalogService } from '../services/ServiceCatalogService';
import type { TopologyService } from '../services/TopologyService';
import { combineSnapshotMeta, withoutSnapshot } from './snapshotMeta';
import {
  snapshotMetaOf,
  type ReadModel,
  type Served,
  type ServedSnapshot,
} from './ReadModel';
import { PageBodies, partVersion, type PageBody } from './PageBodies';

/** Options of a forced refresh: `startedAfterMs` asks for a computation that started after that time. */
export interface RefreshOptions {
  startedAfterMs?: number;
  /** Store the new computation even with panel errors the last snapshot did not have (after an apply). */
  preferNewer?: boolean;
  /** Keep a good snapshot younger than this instead of recomputing it (the background run). */
  skipYoungerThanMs?: number;
}

/** The pages' direct reads of Google, which the snapshots are computed from. */
export interface PageSources {
  catalog: Pick<ServiceCatalogService, 'listServices'>;
  queues: Pick<QueueService, 'listQueues'>;
  redis: Pick<RedisService, 'listInstances'>;
  routing: Pick<RoutingService, 'overview'>;
  cdn: Pick<CdnService, 'overview'>;
  costs: Pick<CostService, 'report'>;
  budgets: Pick<BudgetService, 'list'>;
}

/** The pages a project's snapshots are kept for, per window. */
export const PROJECT_PAGES = [
  'services',
  'queues',
  'redis',
  'routing',
  'cdn',
] as const;
export type ProjectPage = (typeof PROJECT_PAGES)[number];

/** Cache keys: one snapshot per page, project and window (or cost range). */
export const snapshotKey = {
  page: (page: ProjectPage, projectId: string, window: TimeWindow) =>
    `${page}/${projectId}/${window}`,
  projectOverview: (projectId: string, window: TimeWindow) =>
    `overview/${projectId}/${window}`,
  topology: (projectId: string, window: TimeWindow) =>
    `topology/${projectId}/${window}`,
  costs: (
    projectId: string,
    range: CostRange,
    resource: string | null = null,
  ) =>
    `costs/${projectId}/${range}${
      resource === null ? '' : `/${encodeURIComponent(resource)}`
    }`,
  budgets: () => 'budgets',
};

/**
 * Every page the read model serves, each from its snapshot (ReadModel). The overview and the
 * topology are computed from the pages' snapshots, not from second reads of Google: the
 * `OverviewService` they run on is handed `sources()`, this class's snapshot-backed readers.
 */
export class PageSnapshots {
  private readonly model: ReadModel;
  private readonly access: ProjectAccess;
  private readonly direct: PageSources;
  private readonly now: () => number;
  private readonly bodies = new PageBodies();
  private overviewService: OverviewService | undefined;
  private topologyService: TopologyService | undefined;

  constructor(deps: {
    model: ReadModel;
    access: ProjectAccess;
    direct: PageSources;
    /** Epoch ms, the read model's clock: the time of a page assembled while none of its parts exists yet. */
    now: () => number;
  }) {
    this.model = deps.model;
    this.access = deps.access;
    this.direct = deps.direct;
    this.now = deps.now;
  }

  /** Connects the overview and topology, which read through `sources()` (built after this class). */
  useOverview(overview: OverviewService, topology: TopologyService): void {
    this.overviewService = overview;
    this.topologyService = topology;
  }

  /** Snapshot-backed readers with the direct readers' shape, for the services computed from pages. */
  sources(): PageSources {
    return {
      catalog: { listServices: (p, w) => this.services(p, w) },
      queues: { listQueues: (p, w) => this.queues(p, w) },
      redis: { listInstances: (p, w) => this.redis(p, w) },
      routing: { overview: (p, w) => this.routing(p, w) },
      cdn: { overview: (p, w) => this.cdn(p, w) },
      costs: { report: (p, r) => this.costs(p, r) },
      budgets: { list: () => this.budgets() },
    };
  }

  /**
   * A project page (services, queues, Redis, routing, CDN) as its route sends it: the snapshot's
   * JSON text, kept with the snapshot, and its entity tag (PageBodies).
   */
  async pageBody(
    page: ProjectPage,
    projectId: string,
    window: TimeWindow,
  ): Promise<PageBody> {
    this.access.project(projectId);
    const key = snapshotKey.page(page, projectId, window);
    return this.bodies.ofSnapshot(
      key,
      await this.model.readSnapshot(
        key,
        this.directPage(page, projectId, window),
      ),
    );
  }

  /** `GET /projects/:projectId/costs` as its route sends it (see `pageBody`); of one resource when given. */
  async costsBody(
    projectId: string,
    range: CostRange,
    resource: string | null = null,
  ): Promise<PageBody> {
    this.access.project(projectId);
    const key = snapshotKey.costs(projectId, range, resource);
    return this.bodies.ofSnapshot(
      key,
      await this.model.readSnapshot(key, () =>
        this.direct.costs.report(projectId, range, resource),
      ),
    );
  }

  /** `GET /budgets` as its route sends it (see `pageBody`). */
  async budgetsBody(): Promise<PageBody> {
    const key = snapshotKey.budgets();
    return this.bodies.ofSnapshot(key, await this.budgetsSnapshot());
  }

  services(
    projectId: string,
    window: TimeWindow,
  ): Promise<Served<ServiceListResponse>> {
    return this.page('services', projectId, window, () =>
      this.direct.catalog.listServices(projectId, window),
    );
  }

  queues(
    projectId: string,
    window: TimeWindow,
  ): Promise<Served<QueueListResponse>> {
    return this.page('queues', projectId, window, () =>
      this.direct.queues.listQueues(projectId, window),
    );
  }

  redis(
    projectId: string,
    window: TimeWindow,
  ): Promise<Served<RedisListResponse>> {
    return this.page('redis', projectId, window, () =>
      this.direct.redis.listInstances(projectId, window),
    );
  }

  routing(
    projectId: string,
    window: TimeWindow,
  ): Promise<Served<RoutingOverviewResponse>> {
    return this.page('routing', projectId, window, () =>
      this.direct.routing.overview(projectId, window),
    );
  }

  cdn(
    projectId: string,
    window: TimeWindow,
  ): Promise<Served<CdnOverviewResponse>> {
    return this.page('cdn', projectId, window, () =>
      this.direct.cdn.overview(projectId, window),
    );
  }

  costs(
    projectId: string,
    range: CostRange,
  ): Promise<Served<CostReportResponse>> {
    this.access.project(projectId);
    return this.model.read(snapshotKey.costs(projectId, range), () =>
      this.direct.costs.report(projectId, range),
    );
  }

  budgets(): Promise<Served<BudgetListResponse>> {
    return this.model.read(snapshotKey.budgets(), () =>
      this.direct.budgets.list(),
    );
  }

  private budgetsSnapshot(): Promise<ServedSnapshot<BudgetListResponse>> {
    return this.model.readSnapshot(snapshotKey.budgets(), () =>
      this.direct.budgets.list(),
    );
  }

  /**
   * One project's card and problems on the index page, from the project's page snapshots. Its age
   * also counts the pages it was computed from whose last refresh failed: the card then says it
   * shows their last good figures, and why their refresh failed.
   */
  async projectOverview(
    projectId: string,
    window: TimeWindow,
  ): Promise<Served<ProjectOverview>> {
    const { snapshot, meta } = await this.projectOverviewSnapshot(
      projectId,
      window,
    );
    return { ...snapshot.value, snapshot: meta };
  }

  /** A project's overview snapshot, its age counting the failed pages it was computed from. */
  private async projectOverviewSnapshot(
    projectId: string,
    window: TimeWindow,
  ): Promise<ServedSnapshot<ProjectOverview>> {
    this.access.project(projectId);
    const served = await this.model.readSnapshot(
      snapshotKey.projectOverview(projectId, window),
      async () =>
        (
          await this.overview_().readProject(projectId, window)
        ).overview,
    );
    return {
      ...served,
      meta: await this.withFailedParts(served.meta, projectId, window),
    };
  }

  /** `meta` combined with the failures of the project's page snapshots it was computed from. */
  private async withFailedParts(
    meta: SnapshotMeta,
    projectId: string,
    window: TimeWindow,
  ): Promise<SnapshotMeta> {
    const failedParts = (
      await Promise.all(
        this.partsOf(projectId, window).map(key => this.metaOf(key)),
      )
    ).filter((m): m is SnapshotMeta => Boolean(m?.lastRefreshFailure));
    if (failedParts.length === 0) return meta;
    return combineSnapshotMeta([meta, ...failedParts]);
  }

  /** The snapshots a project's overview is computed from. */
  private partsOf(projectId: string, window: TimeWindow): string[] {
    return [
      ...PROJECT_PAGES.map(page => snapshotKey.page(page, projectId, window)),
      ...(this.overview_().hasBilling ? [snapshotKey.budgets()] : []),
    ];
  }

  /** `GET /projects/:projectId/overview`: one project's card and problems from its snapshot, with the snapshot's age. */
  async projectOverviewPage(
    projectId: string,
    window: TimeWindow,
  ): Promise<Served<ProjectOverviewResponse>> {
    const served = await this.projectOverview(projectId, window);
    const { snapshot } = served;
    return {
      ...this.overview_().assembleProject(
        window,
        Date.parse(snapshot.computedAt),
        withoutSnapshot(served),
      ),
      snapshot,
    };
  }

  /** The index page: every project's overview snapshot and the budgets, its age the oldest part's. */
  async overview(
    window: TimeWindow,
  ): Promise<OverviewResponse & { snapshot: SnapshotMeta }> {
    return (await this.overviewParts(window)).build();
  }

  /**
   * `GET /overview` as its route sends it: assembled and serialized only when one of its parts
   * changed (a project's snapshot or its age, the budgets, a project's error), else the text kept
   * from the last request (PageBodies).
   */
  async overviewBody(window: TimeWindow): Promise<PageBody> {
    const parts = await this.overviewParts(window);
    return this.bodies.ofParts(
      `overview/${window}`,
      parts.version,
      parts.build,
    );
  }

  /** The index page's parts, the version that names them, and how to assemble the page from them. */
  private async overviewParts(window: TimeWindow): Promise<{
    version: string;
    build: () => OverviewResponse & { snapshot: SnapshotMeta };
  }> {
    const overview = this.overview_();
    const ids = this.access.list().map(p => p.projectId);
    const [settled, budgets] = await Promise.all([
      Promise.allSettled(
        ids.map(id => this.projectOverviewSnapshot(id, window)),
      ),
      settlePanels({
        list: overview.hasBilling
          ? this.budgetsSnapshot()
          : Promise.resolve(null),
      }),
    ]);
    // A project still being computed past the viewer's wait (or failing) is a panel error, not a failed page.
    const projects = settled.flatMap(r =>
      r.status === 'fulfilled' ? [r.value] : [],
    );
    const projectErrors = settled.flatMap((r, i) =>
      r.status === 'rejected'
        ? [toPanelError(`project ${ids[i]}`, r.reason)]
        : [],
    );
    const budgetsList = budgets.values.list;
    const parts = [...projects, ...(budgetsList ? [budgetsList] : [])];
    // With no part yet (every project still computing) the page is as of now, and refreshing.
    const snapshot =
      parts.length > 0
        ? combineSnapshotMeta(parts.map(p => p.meta))
        : {
            computedAt: new Date(this.now()).toISOString(),
            stale: false,
            refreshing: projectErrors.length > 0,
          };
    const version = JSON.stringify([
      parts.map(partVersion),
      projectErrors,
      budgets.errors,
      parts.length > 0 ? null : snapshot,
    ]);
    const build = () => {
      const body = overview.assemble(
        window,
        Date.parse(snapshot.computedAt),
        projects.map(p => p.snapshot.value),
        [...budgets.errors, ...(budgetsList?.snapshot.value.errors ?? [])],
      );
      return {
        ...body,
        errors: [...projectErrors, ...body.errors],
        snapshot,
      };
    };
    return { version, build };
  }

  async topology(
    projectId: string,
    window: TimeWindow,
  ): Promise<Served<TopologyResponse>> {
    this.access.project(projectId);
    const topology = this.topologyService;
    if (!topology) throw new Error('PageSnapshots.useOverview was not called');
    const served = await this.model.read(
      snapshotKey.topology(projectId, window),
      () => topology.topology(projectId, window),
    );
    return {
      ...served,
      snapshot: await this.withFailedParts(served.snapshot, projectId, window),
    };
  }

  /** Whether a snapshot exists under `key` (the refresher keeps warm what viewers use). */
  has(key: string): Promise<boolean> {
    return this.model.peek(key).then(Boolean);
  }

  /** The age of the snapshot under `key` as served now (undefined when there is none). */
  async metaOf(key: string): Promise<SnapshotMeta | undefined> {
    const snap = await this.model.peek(key);
    if (!snap) return undefined;
    return snapshotMetaOf(snap, {
      stale: false,
      refreshing: this.model.isRefreshing(key),
    });
  }

  /** Whether budgets are part of the pages (a billing account is configured). */
  hasBilling(): boolean {
    return this.overview_().hasBilling;
  }

  /** Recomputes one page of a project now (or joins the computation running), for refreshes. */
  refreshPage(
    page: ProjectPage,
    projectId: string,
    window: TimeWindow,
    opts?: RefreshOptions,
  ): Promise<unknown> {
    return this.model.refresh(
      snapshotKey.page(page, projectId, window),
      this.directPage(page, projectId, window),
      opts,
    );
  }

  /** The direct read of Google a project page's snapshot is computed with. */
  private directPage(
    page: ProjectPage,
    projectId: string,
    window: TimeWindow,
  ): () => Promise<object> {
    return {
      services: () => this.direct.catalog.listServices(projectId, window),
      queues: () => this.direct.queues.listQueues(projectId, window),
      redis: () => this.direct.redis.listInstances(projectId, window),
      routing: () => this.direct.routing.overview(projectId, window),
      cdn: () => this.direct.cdn.overview(projectId, window),
    }[page];
  }

  refreshProjectOverview(
    projectId: string,
    window: TimeWindow,
    opts?: RefreshOptions,
  ): Promise<unknown> {
    return this.model.refresh(
      snapshotKey.projectOverview(projectId, window),
      async () =>
        (await this.overview_().readProject(projectId, window)).overview,
      opts,
    );
  }

  refreshTopology(
    projectId: string,
    window: TimeWindow,
    opts?: RefreshOptions,
  ): Promise<unknown> {
    const topology = this.topologyService!;
    return this.model.refresh(
      snapshotKey.topology(projectId, window),
      () => topology.topology(projectId, window),
      opts,
    );
  }

  refreshCosts(
    projectId: string,
    range: CostRange,
    opts?: RefreshOptions,
  ): Promise<unknown> {
    return this.model.refresh(
      snapshotKey.costs(projectId, range),
      () => this.direct.costs.report(projectId, range),
      opts,
    );
  }

  refreshBudgets(opts?: RefreshOptions): Promise<unknown> {
    return this.model.refresh(
      snapshotKey.budgets(),
      () => this.direct.budgets.list(),
      opts,
    );
  }

  private page<T extends object>(
    page: ProjectPage,
    projectId: string,
    window: TimeWindow,
    compute: () => Promise<T>,
  ): Promise<Served<T>> {
    // The allowlist is checked before the cache, so a project outside it is a 404 even when cached.
    this.access.project(projectId);
    return this.model.read(snapshotKey.page(page, projectId, window), compute);
  }

  private overview_(): OverviewService {
    if (!this.overviewService)
      throw new Error('PageSnapshots.useOverview was not called');
    return this.overviewService;
  }
}
