import type { GcpServerlessConfig } from '../config/config';
import type { AppliedResource } from '../edits/EditContext';
import {
  recommendationsKey,
  RecommendationSnapshots,
} from '../readModel/RecommendationSnapshots';
import type { PluginLogger } from '../services/AuditLog';
import type { ProjectAccess } from '../services/ProjectAccess';
import type { RecommendationService } from '../services/recommendations/RecommendationService';
import type { ReadModelParts } from './createReadModel';

/**
 * Recommendations are fresh for an hour at least: they read hourly points of a week, so a newer
 * computation within the hour sees the same week (docs/recommendations.md, "Freshness").
 */
export const RECOMMENDATIONS_FRESH_MS = 3_600_000;

/** …and served, marked stale, for a day while one refresh runs behind them. */
export const RECOMMENDATIONS_SERVE_STALE_MS = 24 * 3_600_000;

/**
 * How long after start the recommendations' background refresh first runs, ms. It reads a week of
 * every service's metrics (at 1,000 services ~170 Monitoring pages), the largest read and decoding
 * the plugin does, and no page a first visitor opens needs it: run at start it competed with the
 * pages' first snapshots for the computation thread and for Google (docs/performance.md, "Session 8,
 * the recommendations' first run"). The recommendations page computes its own meanwhile, as any miss.
 */
export const RECOMMENDATIONS_FIRST_RUN_DELAY_MS = 60_000;

/**
 * The recommendations: their service, their snapshots in a read model of their own timing on the
 * pages' cache and leases, the hourly background refresh, and the refresh after an apply.
 */
export function createRecommendations(deps: {
  config: GcpServerlessConfig;
  readModel: Pick<ReadModelParts, 'slowerModel'>;
  access: ProjectAccess;
  /** Computes a project's recommendations (in the read model's computation thread when it runs). */
  service: Pick<RecommendationService, 'project'>;
  now: () => number;
  logger: PluginLogger;
  /** The background refresh's first run waits this long after start, ms (default a minute; 0: at once). */
  firstRunDelayMs?: number;
}): {
  snapshots: RecommendationSnapshots;
  afterApply(touched: AppliedResource): void;
} {
  const { config, access, now, logger, service } = deps;
  // The background task runs the snapshots built below, once the read model exists.
  const holder: { snapshots?: RecommendationSnapshots } = {};
  const model = deps.readModel.slowerModel(
    pagesIntervalMs => ({
      // 0 (no background refresh, as in tests): every read recomputes, like the pages.
      freshForMs:
        pagesIntervalMs === 0
          ? 0
          : Math.max(pagesIntervalMs, RECOMMENDATIONS_FRESH_MS),
      serveStaleForMs:
        pagesIntervalMs === 0 ? 0 : RECOMMENDATIONS_SERVE_STALE_MS,
      // A failure is retried after one pages' interval, not after the recommendations' longer one.
      retryFailedAfterMs: pagesIntervalMs,
      leaseMs: Math.max(60_000, 10 * config.timeouts.readMs),
    }),
    intervalMs => ({
      id: 'gcp-serverless-recommendations-refresh',
      intervalMs,
      timeoutMs: Math.max(intervalMs / 2, 20 * config.timeouts.readMs),
      run: signal => holder.snapshots!.refreshAll(signal),
      initialDelayMs:
        deps.firstRunDelayMs ?? RECOMMENDATIONS_FIRST_RUN_DELAY_MS,
    }),
  );
  const ready = new RecommendationSnapshots({ model, access, service });
  holder.snapshots = ready;
  return {
    snapshots: ready,
    afterApply(touched) {
      // A scaling change makes the project's recommendations stale: recompute them behind the
      // apply (a fleet's week takes seconds), only when someone has looked at them.
      const projectId = touched.projectId;
      if (touched.kind !== 'scaling' || !projectId) return;
      const startedAfterMs = now();
      void model
        .peek(recommendationsKey(projectId))
        .then(snap =>
          snap ? ready.refreshProject(projectId, startedAfterMs) : undefined,
        )
        .catch(err =>
          logger.warn(
            `gcp-serverless: refreshing the recommendations of ${projectId} failed`,
            { error: String(err) },
          ),
        );
    },
  };
}
