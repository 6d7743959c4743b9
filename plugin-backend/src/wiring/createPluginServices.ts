import type { Request } from 'express';
import type { GcpServerlessConfig } from '../config/config';
import type { CloudRunGateway } from '../gateways/CloudRunGateway';
import type { CloudTasksGateway } from '../gateways/CloudTasksGateway';
import type { RedisGateway } from '../gateways/RedisGateway';
import type { MonitoringGateway } from '../gateways/MonitoringGateway';
import type { BackendGateway } from '../gateways/BackendGateway';
import type { UrlMapGateway } from '../gateways/UrlMapGateway';
import type { CdnService } from '../services/CdnService';
import type { RoutingService } from '../services/RoutingService';
import type { PluginLogger } from '../services/AuditLog';
import {
  identityOf,
  type RequestAuthorizer,
} from '../access/RequestAuthorizer';
import type { ChangeHistory } from '../history/KnexChangeHistory';
import {
  createAccessAndHistory,
  type AccessAndHistoryOptions,
} from './createAccessAndHistory';
import { ProjectAccess } from '../services/ProjectAccess';
import { WeekTrafficReader } from '../services/whatIf/WeekTrafficReader';
import { WhatIfService } from '../services/whatIf/WhatIfService';
import { QueueActionService } from '../services/QueueActionService';
import type { QueueService } from '../services/QueueService';
import { createEditKinds } from './createEditKinds';
import {
  ConfigApprovalGate,
  type ApprovalGate,
} from '../approvals/ApprovalGate';
import { ChangeRequestService } from '../approvals/ChangeRequestService';
import type { ChangeRequestNotifier } from '../approvals/ChangeRequestNotifier';
import { KnexChangeRequests } from '../approvals/KnexChangeRequests';
import type { AfterApply, EditContext } from '../edits/EditContext';
import type { AnyGuardedEditKind } from '../edits/GuardedEditKind';
import { KnexEditLeases } from '../edits/EditLeases';
import { PendingChangeReconciler } from '../edits/PendingChangeReconciler';
import type { RedisService } from '../services/RedisService';
import type {
  ServiceCatalogService,
  Clock,
} from '../services/ServiceCatalogService';
import { OverviewService } from '../services/OverviewService';
import { TopologyService } from '../services/TopologyService';
import { RecentErrorsService } from '../services/RecentErrorsService';
import { LogEntriesGateway } from '../gateways/LogEntriesGateway';
import { resolveProblemThresholds } from '@gcp-serverless/common';
import type { BillingGatewayOverrides } from './createCostServices';
import {
  createPageReads,
  hasGatewayOverrides,
  type GatewayOverrides,
} from './createPageReads';
import type { ComputeThread } from '../readModel/computeThread/ComputeThread';
import { CachedSetupReport, SetupDoctor } from '../services/setup/SetupDoctor';
import { ProjectIamGateway } from '../gateways/ProjectIamGateway';
import { createRecommendations } from './createRecommendations';
import type { RecommendationSnapshots } from '../readModel/RecommendationSnapshots';
import { ServiceUsageGateway } from '../gateways/ServiceUsageGateway';
import {
  credentialsFromConfig,
  type GoogleCredentials,
} from '../gateways/credentials/GoogleCredentials';
import {
  createReadModel,
  type ReadModelOptions,
  type ReadModelParts,
} from './createReadModel';
import type { PageSnapshots } from '../readModel/PageSnapshots';
import type { ReadModelRefresher } from '../readModel/ReadModelRefresher';
import type { BudgetService } from '../services/costs/BudgetService';
import { KnexScheduledChanges } from '../scheduledChanges/KnexScheduledChanges';
import { ScheduledChangeRunner } from '../scheduledChanges/ScheduledChangeRunner';
import { ScheduledChangeService } from '../scheduledChanges/ScheduledChangeService';
import type { CostService } from '../services/costs/CostService';

/** What the wiring needs; everything but the config has a default, and tests hand in their own. */
export interface PluginServicesOptions
  extends AccessAndHistoryOptions,
    ReadModelOptions {
  config: GcpServerlessConfig;
  logger?: PluginLogger;
  /**
   * The recommendations' first background run waits this long after start, ms (default
   * `RECOMMENDATIONS_FIRST_RUN_DELAY_MS`, a minute; 0: at once).
   */
  recommendationsFirstRunDelayMs?: number;
  /** Epoch ms clock; in sandbox mode the standalone app passes the sandbox's clock. */
  now?: Clock;
  cloudRun?: CloudRunGateway;
  monitoring?: MonitoringGateway;
  tasks?: CloudTasksGateway;
  redis?: RedisGateway;
  /** Compute URL maps and backends (load balancer routing and Cloud CDN). */
  urlMaps?: UrlMapGateway;
  backends?: BackendGateway;
  /** Cloud Logging reads (recent errors of a service). */
  logEntries?: LogEntriesGateway;
  /** Billing gateways (Budgets, Catalog, BigQuery export); default: built from the config. */
  billing?: BillingGatewayOverrides;
  /** Who is making a request (for the audit trail). */
  identify?: (req: Request) => string;
  /** Credentials of the Google clients; default: the sandbox's API key or Application Default Credentials, by mode. */
  credentials?: GoogleCredentials;
  /** Called after every confirmed change with what it touched, after the snapshot read model refreshed it. */
  afterApply?: AfterApply;
  /** Whether an apply needs approval; default: the `approvals` policy of the config. Backstage passes its permission decision. */
  approvalGate?: ApprovalGate;
  /** Who hears of change requests (Backstage notifications); default: nobody. */
  changeRequestNotifier?: ChangeRequestNotifier;
}

/** The services behind the router, built once. */
export interface PluginServices {
  config: GcpServerlessConfig;
  logger: PluginLogger;
  access: ProjectAccess;
  catalog: ServiceCatalogService;
  /** What-if of a scaling change on the service's last 7 days (docs/what-if.md). */
  whatIf: WhatIfService;
  queues: QueueService;
  /** Pause, resume and purge of queues. */
  queueActions: QueueActionService;
  redis: RedisService;
  /** The guarded edit kinds (one per kind of change), their shared context and the reconciler of pending applies. */
  edits: {
    kinds: AnyGuardedEditKind[];
    context: EditContext;
    reconciler: PendingChangeReconciler;
  };
  /** Changes scheduled for a window (docs/scheduled-changes.md): scheduling and the calendar, and the runner of due steps. */
  scheduledChanges: {
    service: ScheduledChangeService;
    runner: ScheduledChangeRunner;
  };
  /** Routing page: URL maps, backends, per-route traffic; URL map preview and apply. */
  routing: RoutingService;
  /** CDN page: backends with CDN state and hit ratio; cache policy preview and apply. */
  cdn: CdnService;
  /** Costs page and service cost panel. */
  costs: CostService;
  /** Budgets page: list with spend, preview and apply. */
  budgets: BudgetService;
  /** Index page: health and problems across projects (computed from the pages' snapshots). */
  overview: OverviewService;
  /** Every page served from its snapshot: services, queues, Redis, routing, CDN, costs, budgets, overview, topology. */
  pages: PageSnapshots;
  /** Refreshes of the snapshots: `refreshProject` (the refresh route), `refreshAfterEdit(touched)` (after an apply). */
  readModel: ReadModelRefresher;
  /**
   * The background tasks' lifecycle (the read model's refresh and the scheduled-change runner):
   * start them; tick the read model's standalone scheduler now
   * (tests on the sandbox clock); stop it and close the standalone cache and database connections
   * (shutdown, tests).
   */
  readModelLifecycle: Pick<ReadModelParts, 'start' | 'stop' | 'runDueTasks'>;
  /** Right-sizing recommendations across projects, from their snapshots (docs/recommendations.md). */
  recommendations: RecommendationSnapshots;
  /** The thread the read model computes snapshots in (`readModel.computeThread`); undefined: this thread. */
  computeThread: ComputeThread | undefined;
  /** Service page: recent errors from Cloud Logging. */
  recentErrors: RecentErrorsService;
  /** Topology page: hosts → rules → backends → Cloud Run → queues and Redis, by health. */
  topology: TopologyService;
  identify: (req: Request) => string;
  /** Who may do what (standalone roles or Backstage permissions); the router's guard uses it. */
  authorizer: RequestAuthorizer;
  /** The change history (database). */
  history: ChangeHistory;
  /** Change requests of applies that need a second person (docs/approvals.md). */
  approvals: ChangeRequestService;
  /** Credentials every Google client waits for (the doctor describes them). */
  credentials: GoogleCredentials;
  /** The doctor: credentials, APIs, IAM permissions and billing per configured project. */
  setup: CachedSetupReport;
}

const consoleLogger: PluginLogger = {
  info: (m, meta) => console.log(m, meta ?? ''),
  warn: (m, meta) => console.warn(m, meta ?? ''),
  error: (m, meta) => console.error(m, meta ?? ''),
};

/** Builds gateways (official Google clients) and services from the config: the one wiring of the plugin. */
export function createPluginServices(
  options: PluginServicesOptions,
): PluginServices {
  const { config } = options;
  const logger = options.logger ?? consoleLogger;
  const now = options.now ?? Date.now;
  const access = new ProjectAccess(config);
  const credentials = options.credentials ?? credentialsFromConfig(config);
  const gatewayOverrides: GatewayOverrides = {
    ...(options.cloudRun ? { cloudRun: options.cloudRun } : {}),
    ...(options.monitoring ? { monitoring: options.monitoring } : {}),
    ...(options.tasks ? { tasks: options.tasks } : {}),
    ...(options.redis ? { redis: options.redis } : {}),
    ...(options.urlMaps ? { urlMaps: options.urlMaps } : {}),
    ...(options.backends ? { backends: options.backends } : {}),
    ...(options.billing ? { billing: options.billing } : {}),
  };
  const reads = createPageReads({
    config,
    credentials,
    access,
    logger,
    now,
    overrides: gatewayOverrides,
  });
  const { cloudRun, monitoring, tasks, redis, urlMaps, backends } =
    reads.gateways;
  const {
    metrics,
    capacityMetrics,
    lbMetrics,
    capacity,
    billing,
    catalog,
    routing,
    cdn,
    queues,
    redisService,
  } = reads;
  const overrides = config.capacity.wiring;
  const { audit, history, authorizer, database } = createAccessAndHistory(
    options,
    config,
    logger,
    credentials,
  );
  const readModel = createReadModel({
    config,
    options,
    database,
    access,
    now,
    logger,
    local: reads.sources,
    // Objects handed in live in this thread: computations that use them cannot run in another.
    inThisThread:
      options.credentials !== undefined ||
      hasGatewayOverrides(gatewayOverrides),
  });
  // The overview and topology read the pages through their snapshots, never a second time from Google.
  const sources = readModel.pages.sources();
  const overview = new OverviewService({
    access,
    catalog: sources.catalog,
    routing: sources.routing,
    cdn: sources.cdn,
    queues: sources.queues,
    redis: sources.redis,
    budgets: sources.budgets,
    throttles: readModel.computations.throttles,
    hasBilling: Boolean(config.billing?.accountId),
    thresholds: resolveProblemThresholds(config.problems.thresholds),
    now,
  });
  const topology = new TopologyService(overview);
  readModel.pages.useOverview(overview, topology);
  // The one refresh-after-apply: a confirmed change (at apply, or settled later by the reconciler)
  // recomputes the snapshots it touched before the apply answers, then tells the host's hook.
  const recommendations = createRecommendations({
    config,
    readModel,
    access,
    service: readModel.computations.recommendations,
    now,
    logger,
    ...(options.recommendationsFirstRunDelayMs !== undefined
      ? { firstRunDelayMs: options.recommendationsFirstRunDelayMs }
      : {}),
  });
  const afterApply: AfterApply = async touched => {
    recommendations.afterApply(touched);
    await readModel.refresher.refreshAfterEdit({
      kind: touched.kind,
      projectId: touched.projectId,
      resource: touched.resource,
    });
    await options.afterApply?.(touched);
  };
  const editContext: EditContext = {
    audit,
    leases: new KnexEditLeases(database),
    logger,
    now,
    // A pending apply may still land until its write and operation deadlines have passed, plus reads.
    settleAfterMs:
      config.timeouts.writeMs +
      config.timeouts.operationMs +
      2 * config.timeouts.readMs,
    afterApply,
  };
  const scheduledStore = new KnexScheduledChanges(database);
  const whatIf = new WhatIfService({
    access,
    cloudRun,
    traffic: new WeekTrafficReader(monitoring),
    now,
    costs: billing.scalingCosts,
    wiring: overrides,
  });
  const kinds = createEditKinds({
    access,
    cloudRun,
    metrics,
    logger,
    now,
    capacity,
    capacityMetrics,
    tasks,
    redis,
    urlMaps,
    backends,
    lbMetrics,
    scalingCosts: billing.scalingCosts,
    previewCosts: billing.previewCosts,
    budgets: billing.budgets,
    // docs/what-if.md: on unless configured off, against Google and the sandbox alike.
    whatIf: config.capacity.whatIf === false ? undefined : whatIf,
  });
  const scheduledChanges = {
    service: new ScheduledChangeService({
      store: scheduledStore,
      access,
      ctx: editContext,
    }),
    runner: new ScheduledChangeRunner({
      store: scheduledStore,
      kinds,
      ctx: editContext,
    }),
  };
  const scheduledIntervalMs =
    config.scheduledChanges.checkIntervalSeconds * 1000;
  const approvals = new ChangeRequestService({
    gate: options.approvalGate ?? new ConfigApprovalGate(config.approvals),
    store: new KnexChangeRequests(database),
    kinds,
    ctx: editContext,
    history,
    ...(options.changeRequestNotifier
      ? { notifier: options.changeRequestNotifier }
      : {}),
  });
  return {
    config,
    logger,
    access,
    catalog,
    approvals,
    whatIf,
    queues,
    queueActions: new QueueActionService({
      access,
      tasks,
      audit,
      now,
      afterApply: editContext,
    }),
    redis: redisService,
    routing,
    cdn,
    edits: {
      kinds,
      context: editContext,
      reconciler: new PendingChangeReconciler({
        history,
        kinds,
        ctx: editContext,
      }),
    },
    costs: billing.costs,
    budgets: billing.budgets,
    overview,
    pages: readModel.pages,
    recommendations: recommendations.snapshots,
    computeThread: readModel.computeThread,
    readModel: readModel.refresher,
    scheduledChanges,
    readModelLifecycle: {
      async start() {
        await readModel.start();
        if (scheduledIntervalMs === 0) return;
        // One pass per interval across replicas (Backstage's scheduler, global scope, or the leases).
        await readModel.scheduler.schedule({
          id: 'gcp-serverless-scheduled-changes',
          intervalMs: scheduledIntervalMs,
          timeoutMs: Math.max(scheduledIntervalMs, editContext.settleAfterMs),
          run: async signal => {
            await scheduledChanges.runner.runDue(signal);
          },
        });
      },
      runDueTasks: () => readModel.runDueTasks(),
      async stop() {
        try {
          await readModel.stop();
        } finally {
          // Only what the standalone wiring opened: Backstage's database service owns its client.
          if (!options.database) await database.destroy();
        }
      },
    },
    topology,
    recentErrors: new RecentErrorsService({
      access,
      logs:
        options.logEntries ?? LogEntriesGateway.fromConfig(config, credentials),
      cloudRun,
      now,
    }),
    identify: options.identify ?? (req => identityOf(req)?.user ?? 'anonymous'),
    authorizer,
    history,
    credentials,
    setup: new CachedSetupReport(
      new SetupDoctor({
        config,
        credentials,
        now,
        projects: ProjectIamGateway.fromConfig(config, credentials),
        serviceUsage: ServiceUsageGateway.fromConfig(config, credentials),
        ...billing.gateways,
      }),
      now,
    ),
  };
}
