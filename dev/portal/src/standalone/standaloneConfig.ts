import type { GcpServerlessConfigInput } from '@gcp-serverless/plugin-backend';
import {
  projectRegions,
  SANDBOX_BILLING_ACCOUNT_ID,
  type SandboxWorld,
} from '@gcp-serverless/sandbox';
import {
  sandboxPortalConfig,
  type SandboxProjectRegions,
} from './sandboxPortalConfig';

export type { SandboxProjectRegions } from './sandboxPortalConfig';
export { readConfigFile } from './configFile';

/** Plugin config for the embedded sandbox: every project of its world, each with the regions of its services. */
export function sandboxConfig(
  endpoint: string,
  world: SandboxWorld,
): GcpServerlessConfigInput {
  return sandboxConfigFor(
    endpoint,
    [...world.projects.values()].map(p => ({
      projectId: p.projectId,
      regions: projectRegions(p),
    })),
  );
}

/** Plugin config for a sandbox at `endpoint` (e.g. one in its own process) with these projects. */
export function sandboxConfigFor(
  endpoint: string,
  projects: readonly SandboxProjectRegions[],
): GcpServerlessConfigInput {
  return sandboxPortalConfig(endpoint, projects, SANDBOX_BILLING_ACCOUNT_ID);
}
