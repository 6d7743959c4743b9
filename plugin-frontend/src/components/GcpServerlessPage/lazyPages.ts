import { lazy } from 'react';

/** How each page's chunk is loaded (one dynamic import per page). */
const loaders = {
  servicesPage: () => import('../ServicesPage/ServicesPage'),
  servicePage: () => import('../ServicePage/ServicePage'),
  routingPage: () => import('../RoutingPage/RoutingPage'),
  cdnPage: () => import('../CdnPage/CdnPage'),
  queuesPage: () => import('../QueuesPage/QueuesPage'),
  redisPage: () => import('../RedisPage/RedisPage'),
  costsPage: () => import('../CostsPage/CostsPage'),
  budgetsPage: () => import('../BudgetsPage/BudgetsPage'),
  changeHistoryPage: () => import('../ChangeHistory/ChangeHistoryPage'),
  topologyPage: () => import('../TopologyPage/TopologyPage'),
  recommendationsPage: () =>
    import('../RecommendationsPage/RecommendationsPage'),
  changeRequestsPage: () => import('../ChangeRequests/ChangeRequestsPage'),
  changeRequestPage: () => import('../ChangeRequests/ChangeRequestPage'),
  schedulePage: () => import('../SchedulePage/SchedulePage'),
};

/**
 * Every page but the home page, each its own chunk: the first paint loads only the frame and the
 * overview, and recharts, the editors and the tables arrive with the page that needs them
 * (docs/performance.md, initial JS).
 */
export const ServicesPage = lazy(() =>
  loaders.servicesPage().then(m => ({ default: m.ServicesPage })),
);
export const ServicePage = lazy(() =>
  loaders.servicePage().then(m => ({ default: m.ServicePage })),
);
export const RoutingPage = lazy(() =>
  loaders.routingPage().then(m => ({ default: m.RoutingPage })),
);
export const CdnPage = lazy(() =>
  loaders.cdnPage().then(m => ({ default: m.CdnPage })),
);
export const QueuesPage = lazy(() =>
  loaders.queuesPage().then(m => ({ default: m.QueuesPage })),
);
export const RedisPage = lazy(() =>
  loaders.redisPage().then(m => ({ default: m.RedisPage })),
);
export const CostsPage = lazy(() =>
  loaders.costsPage().then(m => ({ default: m.CostsPage })),
);
export const BudgetsPage = lazy(() =>
  loaders.budgetsPage().then(m => ({ default: m.BudgetsPage })),
);
export const ChangeHistoryPage = lazy(() =>
  loaders.changeHistoryPage().then(m => ({ default: m.ChangeHistoryPage })),
);
export const RecommendationsPage = lazy(() =>
  loaders.recommendationsPage().then(m => ({
    default: m.RecommendationsPage,
  })),
);
export const TopologyPage = lazy(() =>
  loaders.topologyPage().then(m => ({ default: m.TopologyPage })),
);
export const ChangeRequestsPage = lazy(() =>
  loaders.changeRequestsPage().then(m => ({ default: m.ChangeRequestsPage })),
);
export const ChangeRequestPage = lazy(() =>
  loaders.changeRequestPage().then(m => ({ default: m.ChangeRequestPage })),
);
export const SchedulePage = lazy(() =>
  loaders.schedulePage().then(m => ({ default: m.SchedulePage })),
);

/** Loads every page's chunk now (e.g. in tests, so a route renders without waiting for a chunk). */
export async function preloadPages(): Promise<void> {
  await Promise.all(Object.values(loaders).map(load => load()));
}
