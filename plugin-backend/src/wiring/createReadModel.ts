import type { Knex } from 'knex';
import type { GcpServerlessConfig } from '../config/config';
import { PageSnapshots } from '../readModel/PageSnapshots';
import { ComputeThread } from '../readModel/computeThread/ComputeThread';
import type { ComputeSources } from '../readModel/computeThread/ComputeSources';
import { threadSources } from '../readModel/computeThread/threadSources';
import {
  ReadModel,
  type ComputationRunner,
  type ReadModelTiming,
} from '../readModel/ReadModel';
import { withComputationReadDeadline } from '../gateways/computationReadDeadline';
import { ReadModelRefresher } from '../readModel/ReadModelRefresher';
import { RefreshLeases } from '../readModel/RefreshLeases';
import {
  LeaseIntervalScheduler,
  type RefreshScheduler,
  type ScheduledRefresh,
} from '../readModel/RefreshScheduler';
import {
  keyvSnapshotCache,
  type SnapshotCache,
} from '../readModel/SnapshotCache';
import type { PluginLogger } from '../services/AuditLog';
import type { ProjectAccess } from '../services/ProjectAccess';

/** The read model's options of `PluginServicesOptions`: Backstage passes its cache and scheduler. */
export interface ReadModelOptions {
  /** Where snapshots live; default: keyv from `config.cache` (memory, or Redis/Valkey). Backstage passes its cache service. */
  cache?: SnapshotCache;
  /** Runs the background refresh once per interval across replicas; default: leases in the database. Backstage passes its scheduler. */
  scheduler?: RefreshScheduler;
}

/** The read model as the router and the edit path use it. */
export interface ReadModelParts {
  pages: PageSnapshots;
  refresher: ReadModelRefresher;
  /** Starts the background refresh (when the interval is not 0). */
  start(): Promise<void>;
  /**
   * Standalone: one tick of the scheduler now, as its timer does — every task (the pages'
   * refresh, slower models' refreshes, scheduled changes) runs on this replica if it is due and
   * this replica claims it — and the ids of the tasks it ran. Inside Backstage (its scheduler
   * service runs the tasks; trigger them there) always empty.
   */
  runDueTasks(): Promise<string[]>;
  /** Stops the standalone refresh timer, the computation thread, and closes the standalone cache connection. */
  stop(): Promise<void>;
  /**
   * The reads computations make (the pages' and the overview's), computed in the computation
   * thread when it runs, else in this thread.
   */
  computations: ComputeSources;
  /** The computation thread (`readModel.computeThread`), undefined when computations run in this thread. */
  computeThread: ComputeThread | undefined;
  /** The scheduler of periodic tasks across replicas (Backstage's, or the standalone leases): other tasks share it. */
  scheduler: RefreshScheduler;
  /**
   * A second read model on the same cache, leases and clock with its own timing, for snapshots that
   * change more slowly than the pages (the recommendations), and its background task, scheduled
   * with the pages' at `start()` (none when the refresh interval is 0).
   */
  slowerModel(
    timing: (pagesIntervalMs: number) => ReadModelTiming,
    task?: (intervalMs: number) => ScheduledRefresh,
  ): ReadModel;
}

/** The id of the background refresh on the scheduler. */
const REFRESH_TASK_ID = 'gcp-serverless-read-model-refresh';

/**
 * Builds the read model: snapshots in the cache, leases on the history's database, and the
 * refresher on the scheduler. `local` are the computations' reads of Google in this thread; with
 * `readModel.computeThread` on, they run in a thread of their own (ComputeThread) unless
 * `inThisThread` (gateways handed in by the caller, which cannot cross to another thread).
 */
export function createReadModel(deps: {
  config: GcpServerlessConfig;
  options: ReadModelOptions;
  database: Knex;
  access: ProjectAccess;
  local: ComputeSources;
  inThisThread: boolean;
  now: () => number;
  logger: PluginLogger;
}): ReadModelParts {
  const { config, options, database, access, now, logger } = deps;
  const computeThread =
    config.readModel.computeThread && !deps.inThisThread
      ? new ComputeThread({ config, logger, now })
      : undefined;
  const direct = computeThread
    ? threadSources(computeThread, deps.local)
    : deps.local;
  const standaloneCache = options.cache
    ? undefined
    : keyvSnapshotCache(config.cache);
  const leases = new RefreshLeases(database);
  const intervalMs = config.readModel.refreshIntervalSeconds * 1000;
  // A computation serves every viewer: its reads are not bound by one viewer's read deadline.
  const computeReadMs = Math.max(
    config.timeouts.readMs,
    config.timeouts.refreshReadMs,
  );
  const runComputation: ComputationRunner = work =>
    withComputationReadDeadline(computeReadMs, work);
  const model = new ReadModel({
    cache: options.cache ?? standaloneCache!,
    leases,
    now,
    logger,
    runComputation,
    timing: {
      freshForMs: intervalMs,
      serveStaleForMs: Math.max(
        intervalMs,
        config.readModel.serveStaleForSeconds * 1000,
      ),
      // A page's computation is a few rounds of reads, each bounded by the computation's deadline.
      leaseMs: Math.max(30_000, 4 * computeReadMs),
      viewerWaitMs: config.readModel.viewerWaitSeconds * 1000,
    },
  });
  const pages = new PageSnapshots({ model, access, direct, now });
  const refresher = new ReadModelRefresher({
    pages,
    access,
    warmWindows: config.readModel.windows,
    intervalMs,
    now,
    logger,
  });
  const standaloneScheduler = options.scheduler
    ? undefined
    : new LeaseIntervalScheduler({ leases, logger, now });
  const scheduler = options.scheduler ?? standaloneScheduler!;
  const moreTasks: ScheduledRefresh[] = [];
  return {
    pages,
    refresher,
    scheduler,
    computations: direct,
    computeThread,
    slowerModel(timing, task) {
      const t = timing(intervalMs);
      if (task && intervalMs > 0) moreTasks.push(task(t.freshForMs));
      return new ReadModel({
        cache: options.cache ?? standaloneCache!,
        leases,
        now,
        logger,
        runComputation,
        timing: t,
      });
    },
    async start() {
      // Started now, so the first page a viewer opens does not wait for the thread to load.
      void computeThread?.start();
      if (intervalMs === 0) return;
      for (const task of moreTasks) await scheduler.schedule(task);
      await scheduler.schedule({
        id: REFRESH_TASK_ID,
        intervalMs,
        timeoutMs: Math.max(intervalMs, 10 * computeReadMs),
        run: signal => refresher.refreshAll(signal, { scheduled: true }),
      });
    },
    async runDueTasks() {
      return (await standaloneScheduler?.runDue()) ?? [];
    },
    async stop() {
      standaloneScheduler?.stop();
      await computeThread?.stop();
      await standaloneCache?.close();
    },
  };
}
