import { z } from 'zod';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import type { PermissionRuleParams } from '@backstage/plugin-permission-common';
import {
  GCP_SERVERLESS_CHANGE_RESOURCE_TYPE,
  type ChangeFacts,
  type ChangeKind,
} from '@gcp-serverless/common';

/** A proposed change as the permission rules see it: its kind and what its preview says (docs/approvals.md). */
export interface ProposedChange extends ChangeFacts {
  kind: ChangeKind;
}

/** The resource of `gcp-serverless.change.apply-directly`; rules are evaluated in the plugin, never queried. */
export const proposedChangeResourceRef = createPermissionResourceRef<
  ProposedChange,
  never
>().with({
  pluginId: 'gcp-serverless',
  resourceType: GCP_SERVERLESS_CHANGE_RESOURCE_TYPE,
});

/**
 * The rules' type arguments are spelled out, not inferred from the zod schemas: inside a Backstage app
 * the permission framework brings its own zod, and inferring across the two copies made the app's
 * `yarn tsc` instantiate types without end (TS2589) and run out of memory.
 */
type ChangeRef = typeof proposedChangeResourceRef;

/**
 * `createPermissionRule` for a change, with the schema passed through untyped: the overloads compare
 * a zod schema with the framework's own zod types, which is where the app's tsc never ended.
 */
function changeRule<TParams extends PermissionRuleParams>(options: {
  name: string;
  description: string;
  resourceRef: ChangeRef;
  paramsSchema: unknown;
  apply: (change: ProposedChange, params: TParams) => boolean;
  toQuery: () => never;
}) {
  return createPermissionRule<ChangeRef, TParams>(options as never);
}

const unsupportedQuery = (): never => {
  throw new Error(
    'gcp-serverless change rules are applied to a change, not queried',
  );
};

/** The worst-case cost goes up by at most `max` per hour (monthly figures / 730); a change without a cost figure passes. */
const costIncreasePerHourAtMost = changeRule<{ max: number }>({
  name: 'COST_INCREASE_PER_HOUR_AT_MOST',
  description:
    'Allow when the preview’s cost goes up by at most this much per hour (monthly figures count as /730 h)',
  resourceRef: proposedChangeResourceRef,
  paramsSchema: z.object({
    max: z.number().min(0).describe('Currency units per hour'),
  }),
  apply: (change, { max }) =>
    change.costIncreasePerHour === null || change.costIncreasePerHour <= max,
  toQuery: unsupportedQuery,
});

/** The preview has no warning that needs acknowledgement (no guardrail exceeded). */
const noGuardrailExceeded = changeRule<Record<string, never>>({
  name: 'NO_GUARDRAIL_EXCEEDED',
  description:
    'Allow when the preview has no warning that needs acknowledgement',
  resourceRef: proposedChangeResourceRef,
  paramsSchema: z.object({}),
  apply: change => change.guardrailWarnings.length === 0,
  toQuery: unsupportedQuery,
});

/** The resource carries the label `key=value` (use under `not` for "no production label"). */
const hasLabel = changeRule<{ key: string; value: string }>({
  name: 'HAS_LABEL',
  description: 'True when the resource carries the label key=value',
  resourceRef: proposedChangeResourceRef,
  paramsSchema: z.object({
    key: z.string().describe('Label key'),
    value: z.string().describe('Label value'),
  }),
  apply: (change, { key, value }) => change.labels[key] === value,
  toQuery: unsupportedQuery,
});

/** The change is of one of these kinds. */
const isKind = changeRule<{ kinds: string[] }>({
  name: 'IS_KIND',
  description: 'True when the change is of one of these kinds',
  resourceRef: proposedChangeResourceRef,
  paramsSchema: z.object({
    kinds: z
      .array(z.string())
      .describe('scaling, routing, cdn, queue, redis, budget'),
  }),
  apply: (change, { kinds }) => kinds.includes(change.kind),
  toQuery: unsupportedQuery,
});

/** Every rule of the approval policy, registered with the permissions registry. */
export const approvalRules = {
  costIncreasePerHourAtMost,
  noGuardrailExceeded,
  hasLabel,
  isKind,
};

/**
 * For permission policy authors: `gcpServerlessApprovalConditions.costIncreasePerHourAtMost({ max: 5 })`
 * and `createGcpServerlessApprovalConditionalDecision(gcpServerlessApplyDirectlyPermission, …)`.
 */
export const {
  conditions: gcpServerlessApprovalConditions,
  createConditionalDecision: createGcpServerlessApprovalConditionalDecision,
} = createConditionExports({
  resourceRef: proposedChangeResourceRef,
  rules: approvalRules,
});
