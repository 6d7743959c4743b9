import express, { type Router } from 'express';
import type { PluginServices } from '../wiring/createPluginServices';
import { guardMutations, readGuard } from '../access/guardRouter';
import { errorMiddleware, notFoundHandler } from './errorMiddleware';
import { requestHygiene } from './requestHygiene';
import { registerAccessRoutes } from './routes/accessRoutes';
import { registerHistoryRoutes } from './routes/historyRoutes';
import { registerCloudRunRoutes } from './routes/cloudRunRoutes';
import { registerBudgetRoutes } from './routes/budgetRoutes';
import { registerCostRoutes } from './routes/costRoutes';
import { registerProjectRoutes } from './routes/projectRoutes';
import { registerQueueRoutes } from './routes/queueRoutes';
import { registerRedisRoutes } from './routes/redisRoutes';
import { registerRoutingRoutes } from './routes/routingRoutes';
import { registerCdnRoutes } from './routes/cdnRoutes';
import { registerOverviewRoutes } from './routes/overviewRoutes';
import { registerRecentErrorsRoutes } from './routes/recentErrorsRoutes';
import { registerSetupRoutes } from './routes/setupRoutes';
import { registerRefreshRoutes } from './routes/refreshRoutes';
import { registerRecommendationRoutes } from './routes/recommendationRoutes';
import { registerEditRoutes } from './registerEditRoutes';
import { registerScheduledChangeRoutes } from './routes/scheduledChangeRoutes';
import { registerChangeRequestRoutes } from './routes/changeRequestRoutes';

/**
 * The HTTP API of the plugin, to be mounted at `/api/gcp-serverless`. The form of each request is
 * checked first (requestHygiene); each resource kind registers its routes from its own module in
 * `routes/`, every edit kind through `registerEditRoutes`; handlers only parse input with the shared
 * schemas, call a service and write JSON; errors go to one middleware.
 */
export function buildRouter(
  services: PluginServices,
  options: { sameOriginMutations: boolean } = { sameOriginMutations: true },
): Router {
  // Mutation routes registered on this router get their permission check first (access/guardRouter.ts).
  const router = guardMutations(express.Router(), services.authorizer);
  router.use(requestHygiene(options));
  router.use(express.json({ limit: '100kb', strict: true }));
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.use(readGuard(services.authorizer));
  registerAccessRoutes(router, services);
  registerHistoryRoutes(router, services);

  registerProjectRoutes(router, services);
  registerCloudRunRoutes(router, services);
  registerCostRoutes(router, services);
  registerBudgetRoutes(router, services);
  registerQueueRoutes(router, services);
  registerRedisRoutes(router, services);
  registerRoutingRoutes(router, services);
  registerCdnRoutes(router, services);
  registerOverviewRoutes(router, services);
  registerRecentErrorsRoutes(router, services);
  registerSetupRoutes(router, services);
  registerRefreshRoutes(router, services);
  registerRecommendationRoutes(router, services);
  for (const kind of services.edits.kinds)
    registerEditRoutes(router, services, kind);
  registerScheduledChangeRoutes(router, services);
  registerChangeRequestRoutes(router, services);

  router.use(notFoundHandler);
  router.use(errorMiddleware(services.logger));
  return router;
}
