/** @gcp-serverless/plugin-backend: the express router and its services over the official Google clients. */
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
export { googleClientOptions } from './gateways/googleClientOptions';
export { InMemoryAuditLog, LoggerAuditLog, type AuditEntry, type AuditLog, type PluginLogger } from './services/AuditLog';
