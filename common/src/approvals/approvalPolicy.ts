import { z } from 'zod';
import { CHANGE_KINDS, type ChangeKind } from '../permissions/permissions';

/** Hours per month in every monthly figure of a preview (730 h, Google's billing month). */
const HOURS_PER_MONTH = 730;

/**
 * When an apply becomes a change request (`gcpServerless.approvals`, docs/approvals.md). Each rule
 * that is set and holds for the preview is a reason; one reason is enough. No rule set = no approvals.
 */
export const approvalPolicySchema = z
  .object({
    /** The preview's cost goes up by more than this many currency units per hour (monthly figures count as /730 h). */
    costIncreasePerHourOver: z.number().min(0).max(1_000_000).optional(),
    /** The preview carries a guardrail warning the user must acknowledge (e.g. Redis connections over the limit). */
    guardrailExceeded: z.boolean().optional(),
    /** The resource carries one of these labels (key → value), e.g. `{ env: production }`. */
    labels: z.record(z.string().min(1).max(63), z.string().max(63)).optional(),
    /** Every change of these kinds needs approval. */
    kinds: z.array(z.enum(CHANGE_KINDS)).optional(),
    /**
     * Inside Backstage: entity refs told of new requests through the notifications service (e.g.
     * `group:default/sre`). Not a rule; requesters are told of decisions anyway.
     */
    notifyApprovers: z.array(z.string().min(1).max(320)).max(100).optional(),
  })
  .strict();

export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;

/** Whether the policy has any rule at all (no rule = every apply goes straight through). */
export function approvalPolicyActive(
  policy: ApprovalPolicy | undefined,
): boolean {
  return Boolean(
    policy &&
      (policy.costIncreasePerHourOver !== undefined ||
        policy.guardrailExceeded ||
        (policy.labels && Object.keys(policy.labels).length > 0) ||
        (policy.kinds && policy.kinds.length > 0)),
  );
}

/** What the preview says about the change, as the approval rules read it (every kind's preview has some of it). */
export interface ChangeFacts {
  /** Cost change per hour (hourly figures plus monthly ones / 730), null when the preview has no cost. */
  costIncreasePerHour: number | null;
  currency: string | null;
  /** Codes of warnings that need acknowledgement (the guardrails). */
  guardrailWarnings: string[];
  /** Labels of the resource (Cloud Run service, Redis instance), empty when the preview shows none. */
  labels: Record<string, string>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the facts from any kind's preview body (duck-typed: `cost`, `warnings`, `service.labels`/`instance.labels`). */
export function changeFactsOf(preview: unknown): ChangeFacts {
  const p = isRecord(preview) ? preview : {};
  let costIncreasePerHour: number | null = null;
  let currency: string | null = null;
  if (isRecord(p.cost) && Array.isArray(p.cost.figures)) {
    currency = typeof p.cost.currency === 'string' ? p.cost.currency : null;
    costIncreasePerHour = 0;
    for (const f of p.cost.figures as unknown[]) {
      if (!isRecord(f) || typeof f.change !== 'number') continue;
      costIncreasePerHour +=
        f.per === 'month' ? f.change / HOURS_PER_MONTH : f.change;
    }
  }
  const guardrailWarnings = Array.isArray(p.warnings)
    ? (p.warnings as unknown[])
        .filter(
          (w): w is { code: string } =>
            isRecord(w) &&
            w.requiresAcknowledgement === true &&
            typeof w.code === 'string',
        )
        .map(w => w.code)
    : [];
  const holder = [p.service, p.instance, p.queue].find(
    h => isRecord(h) && isRecord(h.labels),
  ) as { labels: Record<string, unknown> } | undefined;
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(holder?.labels ?? {}))
    if (typeof v === 'string') labels[k] = v;
  return { costIncreasePerHour, currency, guardrailWarnings, labels };
}

const money = (v: number, currency: string | null) =>
  `${currency === 'USD' || currency === null ? '$' : `${currency} `}${v.toFixed(
    2,
  )}`;

/** Why the policy asks for approval of this change (empty = it does not): one sentence per rule that holds. */
export function approvalReasons(
  policy: ApprovalPolicy | undefined,
  kind: ChangeKind,
  facts: ChangeFacts,
): string[] {
  if (!policy) return [];
  const reasons: string[] = [];
  if (policy.kinds?.includes(kind))
    reasons.push(`every ${kind} change needs approval`);
  const over = policy.costIncreasePerHourOver;
  if (
    over !== undefined &&
    facts.costIncreasePerHour !== null &&
    facts.costIncreasePerHour > over
  )
    reasons.push(
      `worst-case cost up ${money(
        facts.costIncreasePerHour,
        facts.currency,
      )}/hour, over the ${money(
        over,
        facts.currency,
      )}/hour that needs approval`,
    );
  if (policy.guardrailExceeded && facts.guardrailWarnings.length > 0)
    reasons.push(
      `a guardrail is exceeded (${facts.guardrailWarnings.join(', ')})`,
    );
  for (const [key, value] of Object.entries(policy.labels ?? {}))
    if (facts.labels[key] === value)
      reasons.push(`the resource is labelled ${key}=${value}`);
  return reasons;
}
