import type { ChangeKind } from '@gcp-serverless/common';
import type { AuditLog, PluginLogger } from '../services/AuditLog';
import type { EditLeases } from './EditLeases';

/** What an apply touched, for whoever keeps derived views fresh (the snapshot read model). */
export interface AppliedResource {
  /** The resource's project; null for billing-account resources (budgets). */
  projectId: string | null;
  kind: ChangeKind;
  /** Full resource name. */
  resource: string;
}

/** Called after a change is confirmed in force (at apply, or when the reconciler settles it as succeeded). Errors are logged, never fail the apply. */
export type AfterApply = (touched: AppliedResource) => void | Promise<void>;

/** The shared dependencies of the guarded edit path, built once by the wiring. */
export interface EditContext {
  audit: AuditLog;
  leases: EditLeases;
  logger: PluginLogger;
  /** Epoch ms; the sandbox's clock in sandbox mode, so history times and the settle window follow it. */
  now: () => number;
  /**
   * How long a pending change may take before the reconciler calls it failed, and how long a lease
   * lives: longer than a write plus its operation, so a lease never runs out under a live apply.
   */
  settleAfterMs: number;
  afterApply?: AfterApply;
  /** Id of a new history entry (default: random UUID). */
  newId?: () => string;
}

/** Who applies: the user (audit actor) and the request (the Backstage auditor reads the user from it). */
export interface EditCaller {
  actor: string;
  origin?: unknown;
  /** Why this apply happened, kept with its history entry (e.g. the approval of a change request). */
  note?: string;
}
