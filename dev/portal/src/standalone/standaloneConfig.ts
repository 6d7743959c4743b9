import { readFileSync } from 'node:fs';
import type { GcpServerlessConfigInput } from '@gcp-serverless/plugin-backend';
import {
  projectRegions,
  SANDBOX_BILLING_ACCOUNT_ID,
  type SandboxWorld,
} from '@gcp-serverless/sandbox';

/** What each sandbox scenario stands for, shown as the project's display name. */
const SCENARIO_TITLES: Record<string, string> = {
  'gryyd-web': 'gryyd-web (AI image generation)',
  'avocano-shop': 'avocano-shop (e-commerce)',
  'chat-realtime': 'chat-realtime (WebSocket chat)',
  'scale-fleet': 'scale-fleet (load test fleet)',
};

/** A sandbox project as the portal's config needs it (`GET /_sandbox/projects` answers these). */
export interface SandboxProjectRegions {
  projectId: string;
  regions: string[];
}

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
  return {
    mode: 'sandbox',
    sandbox: { endpoint },
    // The sandbox's billing account and its generated export (docs/costs-and-budgets.md): billed cost, not an estimate.
    billing: {
      accountId: SANDBOX_BILLING_ACCOUNT_ID,
      export: { projectId: 'finance-billing', dataset: 'billing_export' },
    },
    projects: projects.map(p => ({
      projectId: p.projectId,
      displayName: SCENARIO_TITLES[p.projectId] ?? p.projectId,
      regions: p.regions,
    })),
  };
}

/**
 * Reads a JSON config file (`GCP_SERVERLESS_CONFIG=path`), whose `gcpServerless` key holds the
 * plugin config. Returns undefined when no file is configured: the portal then runs on the sandbox.
 */
export function readConfigFile(
  path: string | undefined,
): GcpServerlessConfigInput | undefined {
  if (!path) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(
      `Cannot read config file ${path}: ${(err as Error).message}`,
    );
  }
  const section = (raw as { gcpServerless?: unknown }).gcpServerless;
  if (!section)
    throw new Error(`Config file ${path} has no "gcpServerless" key`);
  return section as GcpServerlessConfigInput;
}
