import type { SetupReport } from '@gcp-serverless/common';
import {
  readGcpServerlessConfig,
  type GcpServerlessConfig,
  type GcpServerlessConfigInput,
} from '../../config/config';
import {
  credentialsFromConfig,
  type GoogleCredentials,
} from '../../gateways/credentials/GoogleCredentials';
import { ProjectIamGateway } from '../../gateways/ProjectIamGateway';
import { ServiceUsageGateway } from '../../gateways/ServiceUsageGateway';
import { BudgetsGateway } from '../../gateways/billing/BudgetsGateway';
import { BillingExportGateway } from '../../gateways/billing/BillingExportGateway';
import { SetupDoctor } from './SetupDoctor';

/**
 * One run of the doctor outside the router (`npm run doctor`, the standalone start-up log): the
 * same gateways and checks as `GET /setup`, built from the config.
 */
export async function runSetupDoctor(
  input: GcpServerlessConfig | GcpServerlessConfigInput,
  options: { credentials?: GoogleCredentials; now?: () => number } = {},
): Promise<SetupReport> {
  const config = readGcpServerlessConfig(input);
  const credentials = options.credentials ?? credentialsFromConfig(config);
  const budgets = BudgetsGateway.fromConfig(config, credentials);
  const billingExport = BillingExportGateway.fromConfig(config, credentials);
  return new SetupDoctor({
    config,
    credentials,
    now: options.now ?? Date.now,
    projects: ProjectIamGateway.fromConfig(config, credentials),
    serviceUsage: ServiceUsageGateway.fromConfig(config, credentials),
    ...(budgets ? { budgets } : {}),
    ...(billingExport ? { billingExport } : {}),
  }).check();
}
