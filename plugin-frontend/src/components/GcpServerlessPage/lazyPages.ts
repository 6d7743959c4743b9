import { lazy } from 'react';

/** How each page's chunk is loaded (one dynamic import per page). */
const loaders = {
  ServicesPage: () => import('../ServicesPage/ServicesPage'),
  ServicePage: () => import('../ServicePage/ServicePage'),
  RoutingPage: () => import('../RoutingPage/RoutingPage'),
  CdnPage: () => import('../CdnPage/CdnPage'),
  QueuesPage: () => import('../QueuesPage/QueuesPage'),
  RedisPage: () => import('../RedisPage/RedisPage'),
  CostsPage: () => import('../CostsPage/CostsPage'),
  BudgetsPage: () => import('../BudgetsPage/BudgetsPage'),
  ChangeHistoryPage: () => import('../ChangeHistory/ChangeHistoryPage'),
  TopologyPage: () => import('../TopologyPage/TopologyPage'),
};

/**
 * Every page but the home page, each its own chunk: the first paint loads only the frame and the
 * overview, and recharts, the editors and the tables arrive with the page that needs them
 * (docs/performance.md, initial JS).
 */
export const ServicesPage = lazy(() =>
  loaders.ServicesPage().then(m => ({ default: m.ServicesPage })),
);
export const ServicePage = lazy(() =>
  loaders.ServicePage().then(m => ({ default: m.ServicePage })),
);
export const RoutingPage = lazy(() =>
  loaders.RoutingPage().then(m => ({ default: m.RoutingPage })),
);
export const CdnPage = lazy(() =>
  loaders.CdnPage().then(m => ({ default: m.CdnPage })),
);
export const QueuesPage = lazy(() =>
  loaders.QueuesPage().then(m => ({ default: m.QueuesPage })),
);
export const RedisPage = lazy(() =>
  loaders.RedisPage().then(m => ({ default: m.RedisPage })),
);
export const CostsPage = lazy(() =>
  loaders.CostsPage().then(m => ({ default: m.CostsPage })),
);
export const BudgetsPage = lazy(() =>
  loaders.BudgetsPage().then(m => ({ default: m.BudgetsPage })),
);
export const ChangeHistoryPage = lazy(() =>
  loaders.ChangeHistoryPage().then(m => ({ default: m.ChangeHistoryPage })),
);
export const TopologyPage = lazy(() =>
  loaders.TopologyPage().then(m => ({ default: m.TopologyPage })),
);

/** Loads every page's chunk now (e.g. in tests, so a route renders without waiting for a chunk). */
export async function preloadPages(): Promise<void> {
  await Promise.all(Object.values(loaders).map(load => load()));
}
