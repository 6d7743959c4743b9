import type { GcpServerlessConfig } from '../config/config';
import type { CloudRunGateway } from '../gateways/CloudRunGateway';
import type { MonitoringGateway } from '../gateways/MonitoringGateway';
import { BillingExportGateway } from '../gateways/billing/BillingExportGateway';
import { BudgetsGateway } from '../gateways/billing/BudgetsGateway';
import { CatalogGateway } from '../gateways/billing/CatalogGateway';
import type { PluginLogger } from '../services/AuditLog';
import { BillingExportCostSource } from '../services/costs/BillingExportCostSource';
import { CachingCostSource } from '../services/costs/CachingCostSource';
import { BudgetService } from '../services/costs/BudgetService';
import type { CostSource } from '../services/costs/CostSource';
import { CostService } from '../services/costs/CostService';
import { EstimatedCostSource } from '../services/costs/EstimatedCostSource';
import { ScalingCostEstimator } from '../services/costs/ScalingCostEstimator';
import { PreviewCostEstimator } from '../services/costs/PreviewCostEstimator';
import type { ProjectAccess } from '../services/ProjectAccess';
import type { GoogleCredentials } from '../gateways/credentials/GoogleCredentials';

/** Billing gateways a test or host app may hand in instead of the ones built from the config. */
export interface BillingGatewayOverrides {
  budgets?: BudgetsGateway;
  catalog?: CatalogGateway;
  billingExport?: BillingExportGateway;
}

/**
 * The cost side of the plugin: the cost source (the BigQuery export when configured, else the
 * Monitoring × Catalog estimate), the costs and budgets services and the scaling preview's cost.
 */
export function createCostServices(deps: {
  config: GcpServerlessConfig;
  credentials: GoogleCredentials;
  access: ProjectAccess;
  cloudRun: CloudRunGateway;
  monitoring: MonitoringGateway;
  logger: PluginLogger;
  now: () => number;
  overrides?: BillingGatewayOverrides;
}): {
  costs: CostService;
  budgets: BudgetService;
  scalingCosts: ScalingCostEstimator;
  previewCosts: PreviewCostEstimator;
  source: CostSource;
  gateways: { budgets?: BudgetsGateway; billingExport?: BillingExportGateway };
} {
  const { config, credentials, access, cloudRun, monitoring, logger, now } =
    deps;
  const catalog =
    deps.overrides?.catalog ?? CatalogGateway.fromConfig(config, credentials);
  const budgets =
    deps.overrides?.budgets ?? BudgetsGateway.fromConfig(config, credentials);
  const exportGateway =
    deps.overrides?.billingExport ??
    BillingExportGateway.fromConfig(config, credentials);
  // Only the billing export is cached: it is refreshed by Google a few times a day, while the
  // estimate follows Monitoring and the sandbox clock minute by minute.
  const source: CostSource = exportGateway
    ? new CachingCostSource(new BillingExportCostSource(exportGateway))
    : new EstimatedCostSource({ access, cloudRun, monitoring, catalog, now });
  return {
    costs: new CostService({
      access,
      source,
      monitoring,
      ...(budgets ? { budgets } : {}),
      now,
    }),
    budgets: new BudgetService({
      access,
      ...(budgets ? { budgets } : {}),
      source,
      now,
      budgetScope: config.billing?.budgetScope ?? 'allowlisted',
    }),
    scalingCosts: new ScalingCostEstimator({ catalog, logger }),
    previewCosts: new PreviewCostEstimator({ catalog, logger }),
    source,
    gateways: {
      ...(budgets ? { budgets } : {}),
      ...(exportGateway ? { billingExport: exportGateway } : {}),
    },
  };
}
