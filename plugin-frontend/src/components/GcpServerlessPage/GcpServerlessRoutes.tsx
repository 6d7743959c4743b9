import { Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import Skeleton from '@mui/material/Skeleton';
import Alert from '@mui/material/Alert';
import { AccessibilityStyles } from '../AccessibilityStyles/AccessibilityStyles';
import { ProjectLayout } from '../ProjectLayout/ProjectLayout';
import { OverviewPage } from '../OverviewPage/OverviewPage';
import { SetupBanner } from '../SetupPage/SetupBanner';
import { PluginRootProvider } from '../SetupPage/SetupLink';
import { SetupPage } from '../SetupPage/SetupPage';
import {
  BudgetsPage,
  CdnPage,
  ChangeHistoryPage,
  ChangeRequestPage,
  ChangeRequestsPage,
  CostsPage,
  QueuesPage,
  RecommendationsPage,
  RedisPage,
  RoutingPage,
  SchedulePage,
  ServicePage,
  ServicesPage,
  TopologyPage,
} from './lazyPages';

/**
 * The plugin's pages as relative routes, so the tree mounts under any base path
 * (`<Route path="/gcp-serverless/*" element={<GcpServerlessRoutes />} />` in a Backstage app, `/*` standalone):
 *
 * - `?window=` (index) → overview across projects: health cards and problems (OverviewPage)
 * - `projects/:projectId/services?window=&q=&sort=&dir=` → services table
 * - `projects/:projectId/locations/:region/services/:serviceName?window=` → service page
 * - `recommendations` → right-sizing recommendations across projects, most saving first
 * - `setup` → what the doctor found: credentials, APIs, permissions per feature, each with its fix
 *
 * The home page and the project frame are in the first chunk; every other page loads its own chunk on
 * first visit (a skeleton meanwhile, from `ProjectLayout`), so the first paint does not wait for charts and editors.
 *
 * Needs a `GcpServerlessApiProvider` and a `GcpServerlessQueryProvider` above it (see `GcpServerlessPage`).
 */
export function GcpServerlessRoutes() {
  return (
    <PluginRootProvider>
      <AccessibilityStyles />
      <SetupBanner />
      <Routes>
        <Route index element={<OverviewPage />} />
        <Route path="setup" element={<SetupPage />} />
        <Route
          path="recommendations"
          element={
            <Suspense
              fallback={<Skeleton variant="rectangular" height={240} />}
            >
              <RecommendationsPage />
            </Suspense>
          }
        />
        <Route path="projects/:projectId" element={<ProjectLayout />}>
          <Route index element={<KeepQueryNavigate to="services" />} />
          <Route path="services" element={<ServicesPage />} />
          <Route path="routing" element={<RoutingPage />} />
          <Route path="cdn" element={<CdnPage />} />
          <Route path="queues" element={<QueuesPage />} />
          <Route path="redis" element={<RedisPage />} />
          <Route path="costs" element={<CostsPage />} />
          <Route path="budgets" element={<BudgetsPage />} />
          <Route
            path="locations/:region/services/:serviceName"
            element={<ServicePage />}
          />
          <Route path="history" element={<ChangeHistoryPage />} />
          <Route path="topology" element={<TopologyPage />} />
          <Route path="approvals" element={<ChangeRequestsPage />} />
          <Route path="approvals/:requestId" element={<ChangeRequestPage />} />
          <Route path="schedule" element={<SchedulePage />} />
        </Route>
        <Route
          path="*"
          element={
            <Alert severity="warning">
              This page does not exist in the GCP Serverless plugin.
            </Alert>
          }
        />
      </Routes>
    </PluginRootProvider>
  );
}

function KeepQueryNavigate({ to }: { to: string }) {
  const { search } = useLocation();
  return <Navigate to={`${to}${search}`} replace />;
}
