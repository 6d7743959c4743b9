import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  type PermissionCondition,
  type PermissionCriteria,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
  type PermissionRuleset,
} from '@backstage/plugin-permission-node';
import {
  changeFactsOf,
  gcpServerlessApplyDirectlyPermission,
  type ApprovalRequirement,
  type ChangeKind,
} from '@gcp-serverless/common';
import type { ApprovalGate } from '../approvals/ApprovalGate';
import type { RequestIdentity } from '../access/RequestAuthorizer';
import type { ProposedChange } from './approvalRules';

/**
 * The approval policy inside Backstage (docs/approvals.md): the permission framework's decision on
 * `gcp-serverless.change.apply-directly` for this user. ALLOW applies, DENY asks for approval, and a
 * CONDITIONAL decision is applied here to the change as its preview describes it with the plugin's
 * rules; when the conditions do not hold, the change needs approval, and the reasons name each
 * condition that failed.
 */
export class PermissionApprovalGate implements ApprovalGate {
  readonly active = true;
  private readonly permissions: PermissionsService;
  private readonly ruleset: PermissionRuleset<ProposedChange>;
  private readonly authorizeChange: ReturnType<
    typeof createConditionAuthorizer<ProposedChange>
  >;

  constructor(deps: {
    permissions: PermissionsService;
    ruleset: PermissionRuleset<ProposedChange>;
  }) {
    this.permissions = deps.permissions;
    this.ruleset = deps.ruleset;
    this.authorizeChange = createConditionAuthorizer(deps.ruleset);
  }

  async requirement(
    kind: ChangeKind,
    preview: unknown,
    identity: RequestIdentity | undefined,
  ): Promise<ApprovalRequirement> {
    const name = gcpServerlessApplyDirectlyPermission.name;
    if (!identity?.context)
      return { required: true, reasons: [`no credentials to ask ${name}`] };
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: gcpServerlessApplyDirectlyPermission }],
      { credentials: identity.context as BackstageCredentials },
    );
    if (!decision || decision.result === AuthorizeResult.ALLOW)
      return { required: false, reasons: [] };
    if (decision.result === AuthorizeResult.DENY)
      return {
        required: true,
        reasons: [
          `the permission policy asks approval for every change (${name})`,
        ],
      };
    const change: ProposedChange = { kind, ...changeFactsOf(preview) };
    if (
      decision.result !== AuthorizeResult.CONDITIONAL ||
      this.authorizeChange(decision, change)
    )
      return { required: false, reasons: [] };
    return {
      required: true,
      reasons: this.failing(decision.conditions, change, false).map(
        c =>
          `the permission policy's condition ${describe(
            c,
          )} does not hold for this change${facts(change)}`,
      ),
    };
  }

  /** The leaf conditions that make the criteria false (under `not`, those that hold). */
  private failing(
    criteria: PermissionCriteria<PermissionCondition>,
    change: ProposedChange,
    negated: boolean,
  ): PermissionCondition[] {
    if (isAndCriteria(criteria) || isOrCriteria(criteria)) {
      const list = isAndCriteria(criteria) ? criteria.allOf : criteria.anyOf;
      return list.flatMap(c => this.failing(c, change, negated));
    }
    if (isNotCriteria(criteria))
      return this.failing(criteria.not, change, !negated);
    const rule = this.ruleset.getRuleByName(criteria.rule);
    const holds = rule.apply(change, (criteria.params ?? {}) as never);
    return holds === negated
      ? [negated ? { ...criteria, rule: `not ${criteria.rule}` } : criteria]
      : [];
  }
}

function describe(condition: PermissionCondition): string {
  const params = condition.params ?? {};
  return Object.keys(params).length > 0
    ? `${condition.rule} ${JSON.stringify(params)}`
    : condition.rule;
}

function facts(change: ProposedChange): string {
  const parts: string[] = [];
  if (change.costIncreasePerHour !== null)
    parts.push(`cost up ${change.costIncreasePerHour.toFixed(2)}/hour`);
  if (change.guardrailWarnings.length > 0)
    parts.push(`guardrails: ${change.guardrailWarnings.join(', ')}`);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}
