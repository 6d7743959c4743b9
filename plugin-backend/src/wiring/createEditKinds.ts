import type { BackendGateway } from '../gateways/BackendGateway';
import type { CloudRunGateway } from '../gateways/CloudRunGateway';
import type { CloudTasksGateway } from '../gateways/CloudTasksGateway';
import type { RedisGateway } from '../gateways/RedisGateway';
import type { UrlMapGateway } from '../gateways/UrlMapGateway';
import type { AnyGuardedEditKind } from '../edits/GuardedEditKind';
import { BudgetEditKind } from '../edits/kinds/BudgetEditKind';
import { CdnEditKind } from '../edits/kinds/CdnEditKind';
import { QueueEditKind } from '../edits/kinds/QueueEditKind';
import { RedisEditKind } from '../edits/kinds/RedisEditKind';
import { ScalingEditKind } from '../edits/kinds/ScalingEditKind';
import { UrlMapEditKind } from '../edits/kinds/UrlMapEditKind';
import type { PluginLogger } from '../services/AuditLog';
import type { CapacityContextLoader } from '../services/CapacityContextLoader';
import type { CapacityMetrics } from '../services/CapacityMetrics';
import type { CloudRunMetrics } from '../services/CloudRunMetrics';
import type { LoadBalancerMetrics } from '../services/LoadBalancerMetrics';
import type { ProjectAccess } from '../services/ProjectAccess';
import type { BudgetService } from '../services/costs/BudgetService';
import type { PreviewCostEstimator } from '../services/costs/PreviewCostEstimator';
import type { ScalingCostEstimator } from '../services/costs/ScalingCostEstimator';
import type { WhatIfService } from '../services/whatIf/WhatIfService';

/** Every edit kind the plugin serves, one per kind of change; the router registers each the same way. */
export function createEditKinds(deps: {
  access: ProjectAccess;
  cloudRun: CloudRunGateway;
  metrics: CloudRunMetrics;
  logger: PluginLogger;
  now: () => number;
  capacity: CapacityContextLoader;
  capacityMetrics: CapacityMetrics;
  tasks: CloudTasksGateway;
  redis: RedisGateway;
  urlMaps: UrlMapGateway;
  backends: BackendGateway;
  lbMetrics: LoadBalancerMetrics;
  scalingCosts: ScalingCostEstimator;
  previewCosts: PreviewCostEstimator;
  budgets: BudgetService;
  /** The what-if of scaling previews; absent = not shown (`capacity.whatIf`). */
  whatIf?: WhatIfService;
}): AnyGuardedEditKind[] {
  const { access, now } = deps;
  return [
    new ScalingEditKind({
      access,
      cloudRun: deps.cloudRun,
      metrics: deps.metrics,
      logger: deps.logger,
      now,
      capacity: deps.capacity,
      costs: deps.scalingCosts,
      whatIf: deps.whatIf,
    }),
    new QueueEditKind({
      access,
      tasks: deps.tasks,
      capacity: deps.capacity,
      now,
    }),
    new RedisEditKind({
      access,
      redis: deps.redis,
      metrics: deps.capacityMetrics,
      capacity: deps.capacity,
      now,
      costs: deps.previewCosts,
    }),
    new UrlMapEditKind({
      access,
      urlMaps: deps.urlMaps,
      backends: deps.backends,
    }),
    new CdnEditKind({
      access,
      backends: deps.backends,
      metrics: deps.lbMetrics,
      now,
      costs: deps.previewCosts,
    }),
    new BudgetEditKind({ access, budgets: deps.budgets }),
  ];
}
