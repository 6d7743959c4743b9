import type { GcpServerlessConfig } from '../config/config';
import { BackendGateway } from '../gateways/BackendGateway';
import { CloudRunGateway } from '../gateways/CloudRunGateway';
import { CloudTasksGateway } from '../gateways/CloudTasksGateway';
import type { GoogleCredentials } from '../gateways/credentials/GoogleCredentials';
import { MonitoringGateway } from '../gateways/MonitoringGateway';
import { RedisGateway } from '../gateways/RedisGateway';
import { UrlMapGateway } from '../gateways/UrlMapGateway';
import type { ComputeSources } from '../readModel/computeThread/ComputeSources';
import type { PluginLogger } from '../services/AuditLog';
import { CapacityContextLoader } from '../services/CapacityContextLoader';
import { CapacityMetrics } from '../services/CapacityMetrics';
import { CdnService } from '../services/CdnService';
import { CloudRunMetrics } from '../services/CloudRunMetrics';
import { LoadBalancerMetrics } from '../services/LoadBalancerMetrics';
import type { ProjectAccess } from '../services/ProjectAccess';
import { QueueService } from '../services/QueueService';
import { RedisService } from '../services/RedisService';
import { RoutingService } from '../services/RoutingService';
import { ServiceCatalogService } from '../services/ServiceCatalogService';
import { ThrottleMetrics } from '../services/ThrottleMetrics';
import { FleetWeekReader } from '../services/recommendations/FleetWeekReader';
import { RecommendationService } from '../services/recommendations/RecommendationService';
import {
  createCostServices,
  type BillingGatewayOverrides,
} from './createCostServices';

/** Gateways a caller (a test, a host app) hands in instead of the ones built from the config. */
export interface GatewayOverrides {
  cloudRun?: CloudRunGateway;
  monitoring?: MonitoringGateway;
  tasks?: CloudTasksGateway;
  redis?: RedisGateway;
  urlMaps?: UrlMapGateway;
  backends?: BackendGateway;
  billing?: BillingGatewayOverrides;
}

/** Whether any gateway was handed in: such objects live in the caller's thread and cannot cross to another. */
export function hasGatewayOverrides(overrides: GatewayOverrides): boolean {
  return Boolean(
    overrides.cloudRun ||
      overrides.monitoring ||
      overrides.tasks ||
      overrides.redis ||
      overrides.urlMaps ||
      overrides.backends ||
      overrides.billing?.budgets ||
      overrides.billing?.catalog ||
      overrides.billing?.billingExport,
  );
}

/**
 * The gateways over Google and the services the pages are computed with, built from the config.
 * The one construction of them: the plugin's wiring (`createPluginServices`) builds them for its
 * edits and previews, and the read model's computation thread (readModelWorker.ts) builds the same
 * for the pages' reads (`sources`).
 */
export function createPageReads(deps: {
  config: GcpServerlessConfig;
  credentials: GoogleCredentials;
  access: ProjectAccess;
  logger: PluginLogger;
  now: () => number;
  overrides?: GatewayOverrides;
}) {
  const { config, credentials, access, logger, now } = deps;
  const o = deps.overrides ?? {};
  const cloudRun =
    o.cloudRun ?? CloudRunGateway.fromConfig(config, credentials);
  const monitoring =
    o.monitoring ?? MonitoringGateway.fromConfig(config, credentials);
  const tasks = o.tasks ?? CloudTasksGateway.fromConfig(config, credentials);
  const redis = o.redis ?? RedisGateway.fromConfig(config, credentials);
  const urlMaps = o.urlMaps ?? UrlMapGateway.fromConfig(config, credentials);
  const backends = o.backends ?? BackendGateway.fromConfig(config, credentials);
  const metrics = new CloudRunMetrics(monitoring);
  const capacityMetrics = new CapacityMetrics(monitoring);
  const lbMetrics = new LoadBalancerMetrics(monitoring);
  const overrides = config.capacity.wiring;
  const capacity = new CapacityContextLoader({
    cloudRun,
    tasks,
    redis,
    metrics: capacityMetrics,
    overrides,
  });
  const billing = createCostServices({
    config,
    credentials,
    access,
    cloudRun,
    monitoring,
    logger,
    now,
    ...(o.billing ? { overrides: o.billing } : {}),
  });
  const catalog = new ServiceCatalogService({ access, cloudRun, metrics, now });
  const routing = new RoutingService({
    access,
    urlMaps,
    backends,
    metrics: lbMetrics,
    now,
  });
  const cdn = new CdnService({ access, backends, metrics: lbMetrics, now });
  const queues = new QueueService({
    access,
    tasks,
    cloudRun,
    metrics: capacityMetrics,
    overrides,
    now,
  });
  const redisService = new RedisService({
    access,
    redis,
    metrics: capacityMetrics,
    capacity,
    now,
  });
  const throttles = new ThrottleMetrics(monitoring);
  const recommendations = new RecommendationService({
    access,
    capacity,
    reader: new FleetWeekReader(monitoring),
    now,
    costs: billing.scalingCosts,
    wiring: config.capacity.wiring,
  });
  const sources: ComputeSources = {
    catalog,
    queues,
    redis: redisService,
    routing,
    cdn,
    costs: billing.costs,
    budgets: billing.budgets,
    throttles,
    recommendations,
  };
  return {
    gateways: { cloudRun, monitoring, tasks, redis, urlMaps, backends },
    metrics,
    capacityMetrics,
    lbMetrics,
    capacity,
    billing,
    catalog,
    routing,
    cdn,
    queues,
    redisService,
    sources,
  };
}

/** What `createPageReads` builds. */
export type PageReads = ReturnType<typeof createPageReads>;
