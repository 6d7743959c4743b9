/**
 * @gcp-serverless/plugin-backend: the express router and its services over the official Google clients.
 * The default export is the Backstage backend plugin (`backend.add(import('@gcp-serverless/plugin-backend'))`).
 */
export { gcpServerlessPlugin as default } from './backstage/plugin';
export { createRouter, type RouterOptions } from './createRouter';
export {
  ConfigError,
  gcpServerlessConfigSchema,
  readGcpServerlessConfig,
  type GcpServerlessConfig,
  type GcpServerlessConfigInput,
} from './config/config';
export { CloudRunGateway } from './gateways/CloudRunGateway';
export { MonitoringGateway } from './gateways/MonitoringGateway';
export { CloudTasksGateway } from './gateways/CloudTasksGateway';
export { RedisGateway } from './gateways/RedisGateway';
export { googleClientOptions } from './gateways/googleClientOptions';
export {
  InMemoryAuditLog,
  LoggerAuditLog,
  type AuditEntry,
  type AuditLog,
  type PluginLogger,
} from './services/AuditLog';
export { StandaloneAuthorizer } from './access/StandaloneAuthorizer';
export type {
  RequestAuthorizer,
  RequestIdentity,
} from './access/RequestAuthorizer';
export {
  isReadOnlyPost,
  ROUTE_PERMISSION_RULES,
  type RoutePermissionRule,
} from './access/routePermissions';
export {
  examplePath,
  listRoutes,
  type RouterRoute,
} from './access/routeEnumeration';
export { runSetupDoctor } from './services/setup/runSetupDoctor';
export {
  KnexChangeHistory,
  type ChangeHistory,
} from './history/KnexChangeHistory';

// Tooling entry points: the integration tests, the route-vs-docs checks and the standalone portal
// build the same router and enumerate the same routes the plugin mounts.
export { buildRouter } from './router/createRouter';
export {
  createPluginServices,
  type PluginServices,
  type PluginServicesOptions,
} from './wiring/createPluginServices';
export { mutationRoutes } from './access/routeEnumeration';
export { bigQueryOptions } from './gateways/billing/bigQueryOptions';
export {
  gcpServerlessApprovalConditions,
  createGcpServerlessApprovalConditionalDecision,
  approvalRules,
  type ProposedChange,
} from './backstage/approvalRules';
