import type { GcpServerlessConfigInput } from '@gcp-serverless/plugin-backend';

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

/**
 * Plugin config for a sandbox at `endpoint` with these projects, billed to `billingAccountId`. It
 * imports nothing of the sandbox itself: the portal's thread builds it from what the sandbox's own
 * thread reports (sandboxThread.ts), so the emulator's code is never loaded where pages are served.
 */
export function sandboxPortalConfig(
  endpoint: string,
  projects: readonly SandboxProjectRegions[],
  billingAccountId: string,
): GcpServerlessConfigInput {
  return {
    mode: 'sandbox',
    sandbox: { endpoint },
    // The sandbox's billing account and its generated export (docs/costs-and-budgets.md): billed cost, not an estimate.
    billing: {
      accountId: billingAccountId,
      export: { projectId: 'finance-billing', dataset: 'billing_export' },
    },
    projects: projects.map(p => ({
      projectId: p.projectId,
      displayName: SCENARIO_TITLES[p.projectId] ?? p.projectId,
      regions: p.regions,
    })),
  };
}
