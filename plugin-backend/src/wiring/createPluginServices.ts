import type { Request } from 'express';
import type { GcpServerlessConfig } from '../config/config';
import { CloudRunGateway } from '../gateways/CloudRunGateway';
import { MonitoringGateway } from '../gateways/MonitoringGateway';
import { LoggerAuditLog, type AuditLog, type PluginLogger } from '../services/AuditLog';
import { CloudRunMetrics } from '../services/CloudRunMetrics';
import { ProjectAccess } from '../services/ProjectAccess';
import { ScalingService } from '../services/ScalingService';
import { ServiceCatalogService, type Clock } from '../services/ServiceCatalogService';

/** What the wiring needs; everything but the config has a default, and tests hand in their own. */
export interface PluginServicesOptions {
  config: GcpServerlessConfig;
  logger?: PluginLogger;
  audit?: AuditLog;
  /** Epoch ms clock; in sandbox mode the standalone app passes the sandbox's clock. */
  now?: Clock;
  cloudRun?: CloudRunGateway;
  monitoring?: MonitoringGateway;
  /** Who is making a request (for the audit trail). */
  identify?: (req: Request) => string;
}

/** The services behind the router, built once. */
export interface PluginServices {
  config: GcpServerlessConfig;
  logger: PluginLogger;
  access: ProjectAccess;
  catalog: ServiceCatalogService;
  scaling: ScalingService;
  identify: (req: Request) => string;
}

const consoleLogger: PluginLogger = {
  info: (m, meta) => console.log(m, meta ?? ''),
  warn: (m, meta) => console.warn(m, meta ?? ''),
  error: (m, meta) => console.error(m, meta ?? ''),
};

/** Builds gateways (official Google clients) and services from the config: the one wiring of the plugin. */
export function createPluginServices(options: PluginServicesOptions): PluginServices {
  const { config } = options;
  const logger = options.logger ?? consoleLogger;
  const now = options.now ?? Date.now;
  const access = new ProjectAccess(config);
  const cloudRun = options.cloudRun ?? CloudRunGateway.fromConfig(config);
  const metrics = new CloudRunMetrics(options.monitoring ?? MonitoringGateway.fromConfig(config));
  const audit = options.audit ?? new LoggerAuditLog(logger);
  return {
    config,
    logger,
    access,
    catalog: new ServiceCatalogService({ access, cloudRun, metrics, now }),
    scaling: new ScalingService({ access, cloudRun, metrics, audit, logger, now }),
    identify: options.identify ?? (() => 'anonymous'),
  };
}
