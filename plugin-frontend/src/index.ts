/**
 * @gcp-serverless/plugin-frontend: the plugin's React pages (services table, service page with charts
 * and the scaling editor), the `GcpServerlessApi` interface and its HTTP client.
 *
 * Mount `<GcpServerlessPage />` (or `<GcpServerlessRoutes />` inside a `GcpServerlessQueryProvider`) under any
 * route ending in `/*`, inside a `GcpServerlessApiProvider` (or pass `api`).
 */
export type {
  GcpServerlessApi,
  RequestOptions,
  ServiceRef,
} from './api/GcpServerlessApi';
export type { QueueRef, QueuesRedisApi, RedisRef } from './api/QueuesRedisApi';
export {
  GcpServerlessClient,
  GCP_SERVERLESS_PLUGIN_ID,
  type DiscoveryLike,
  type FetchLike,
  type GcpServerlessClientOptions,
} from './api/GcpServerlessClient';
export {
  GcpServerlessApiProvider,
  useGcpServerlessApi,
  type GcpServerlessApiProviderProps,
} from './api/GcpServerlessApiContext';
// The plugin's query cache (TanStack Query): the page and the entity tab mount it; wrap components used on their own in it.
export {
  GcpServerlessQueryProvider,
  createGcpServerlessQueryClient,
  type GcpServerlessQueryProviderProps,
} from './queries/GcpServerlessQueryProvider';
export { queryKeys as gcpServerlessQueryKeys } from './queries/queryKeys';
// The allowlisted projects and the backend's mode, from the plugin's cache: one `GET /projects` per page load.
export { useProjects as useGcpServerlessProjects } from './hooks/useProjects';

// The plain page component (standalone apps, tests); inside Backstage use the `GcpServerlessPage` extension below.
export {
  GcpServerlessPage as GcpServerlessPageContent,
  type GcpServerlessPageProps,
} from './components/GcpServerlessPage/GcpServerlessPage';
export { GcpServerlessRoutes } from './components/GcpServerlessPage/GcpServerlessRoutes';
export { ServicesPage } from './components/ServicesPage/ServicesPage';
export {
  ServicesTable,
  type ServicesTableProps,
} from './components/ServicesTable/ServicesTable';
export { ServicePage } from './components/ServicePage/ServicePage';
export {
  ServiceHeader,
  type ServiceHeaderProps,
} from './components/ServiceHeader/ServiceHeader';
export {
  ServiceCharts,
  type ServiceChartsProps,
} from './components/ServiceCharts/ServiceCharts';
export {
  ScalingForm,
  type ScalingFormProps,
} from './components/ScalingForm/ScalingForm';
export { QueuesPage } from './components/QueuesPage/QueuesPage';
export {
  QueueForm,
  type QueueFormProps,
} from './components/QueueForm/QueueForm';
export { RedisPage } from './components/RedisPage/RedisPage';
export {
  RedisForm,
  type RedisFormProps,
} from './components/RedisForm/RedisForm';
export {
  CapacityImpactList,
  type CapacityImpactListProps,
} from './components/CapacityImpactList/CapacityImpactList';
export {
  ChartPanel,
  type ChartPanelProps,
} from './components/ChartPanel/ChartPanel';
export {
  RequestsByClassChart,
  type RequestsByClassChartProps,
} from './components/RequestsByClassChart/RequestsByClassChart';
export {
  LatencyChart,
  type LatencyChartProps,
} from './components/LatencyChart/LatencyChart';
export {
  InstancesChart,
  type InstancesChartProps,
} from './components/InstancesChart/InstancesChart';
export {
  ProjectPicker,
  type ProjectPickerProps,
} from './components/ProjectPicker/ProjectPicker';
export {
  TimeWindowPicker,
  type TimeWindowPickerProps,
} from './components/TimeWindowPicker/TimeWindowPicker';
export {
  ErrorPanel,
  type ErrorPanelProps,
} from './components/ErrorPanel/ErrorPanel';

// Backstage (legacy frontend system); the new frontend system is the `/alpha` entry point.
export {
  gcpServerlessPlugin,
  GcpServerlessPage,
  EntityGcpServerlessContent,
} from './backstage/plugin';
export { gcpServerlessApiRef } from './backstage/apiRef';
export { GcpServerlessIcon } from './backstage/GcpServerlessIcon';
export { isGcpServerlessAvailable } from './backstage/isGcpServerlessAvailable';
export {
  EntityResourcesView,
  type EntityResourcesViewProps,
} from './components/EntityResources/EntityResourcesView';
export {
  ChangeHistoryPanel,
  type ChangeHistoryPanelProps,
} from './components/ChangeHistory/ChangeHistoryPanel';
export {
  REVERT_EDITORS,
  type RevertEditorProps,
} from './components/ChangeHistory/revertEditors';
export {
  useChangePermission,
  type ChangePermission,
} from './hooks/useChangePermission';
// The edit flow, for pages that add a kind of change: the framework-free machine, its hook and the kinds.
export {
  EditMachine,
  type EditCallbacks,
  type EditTransport,
} from './edits/EditMachine';
export {
  canApply,
  type EditPreviewBase,
  type EditState,
  type EditStatus,
} from './edits/editState';
export type { ConflictRow, EditKind, PreviewSections } from './edits/EditKind';
export { useEdit, type Edit } from './edits/useEdit';
export {
  EditFlowDialogs,
  type EditFlowDialogsProps,
} from './components/EditDialogs/EditFlowDialogs';
