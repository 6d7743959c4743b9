import {
  approvalPolicyActive,
  approvalReasons,
  changeFactsOf,
  type ApprovalPolicy,
  type ApprovalRequirement,
  type ChangeKind,
} from '@gcp-serverless/common';
import type { RequestIdentity } from '../access/RequestAuthorizer';

/**
 * Decides whether an apply needs a second person (docs/approvals.md). Standalone: the policy in
 * `gcpServerless.approvals`; inside Backstage: the permission framework's decision on
 * `gcp-serverless.change.apply-directly`, conditional on the change.
 */
export interface ApprovalGate {
  /** False when no rule can ever ask for approval: applies go straight through, no extra preview is made. */
  readonly active: boolean;
  /** Whether this change, as its preview shows it, needs approval, and why. */
  requirement(
    kind: ChangeKind,
    preview: unknown,
    identity: RequestIdentity | undefined,
  ): Promise<ApprovalRequirement>;
}

/** The standalone gate: the configured policy, evaluated on the preview's facts. */
export class ConfigApprovalGate implements ApprovalGate {
  readonly active: boolean;
  private readonly policy: ApprovalPolicy | undefined;

  constructor(policy: ApprovalPolicy | undefined) {
    this.policy = policy;
    this.active = approvalPolicyActive(policy);
  }

  async requirement(
    kind: ChangeKind,
    preview: unknown,
  ): Promise<ApprovalRequirement> {
    const reasons = approvalReasons(this.policy, kind, changeFactsOf(preview));
    return { required: reasons.length > 0, reasons };
  }
}
