import { randomUUID } from 'node:crypto';
import type {
  FieldChange,
  ScheduledChange,
  ScheduledRun,
} from '@gcp-serverless/common';
import type { EditContext } from '../edits/EditContext';
import type { AnyGuardedEditKind } from '../edits/GuardedEditKind';
import { describeWindow } from './ScheduledChangeService';

/** What a step did, stamped with the edit context's clock (the sandbox's in sandbox mode). */
export function stepRun(
  ctx: EditContext,
  step: ScheduledRun['step'],
  outcome: ScheduledRun['outcome'],
  extra: { reason?: string; changeId?: string },
): ScheduledRun {
  return {
    step,
    time: new Date(ctx.now()).toISOString(),
    outcome,
    reason: extra.reason ?? null,
    changeId: extra.changeId ?? null,
  };
}

/**
 * A skipped step in the history: a conflict entry (nothing written) with the reason, so the
 * resource's history says why the window did not change it. Answers the entry's id.
 */
export async function recordSkippedStep(
  ctx: EditContext,
  kind: AnyGuardedEditKind,
  change: ScheduledChange,
  before: unknown,
  after: unknown,
  reason: string,
): Promise<string> {
  const id = (ctx.newId ?? randomUUID)();
  await ctx.audit.record({
    id,
    time: new Date(ctx.now()).toISOString(),
    actor: runActor(change),
    action: kind.contract.action,
    resource: change.resource,
    before,
    after,
    result: 'conflict',
    projects: [change.projectId],
    error: `Scheduled window ${describeWindow(change)}: ${reason}`,
  });
  return id;
}

/** Who the history names for a step: the person who scheduled it and what ran it. */
export function runActor(change: Pick<ScheduledChange, 'scheduledBy'>): string {
  return `scheduled by ${change.scheduledBy}, run by the scheduler`;
}

/** "Max instances was changed (100 → 120)", from the diff between the values now and those expected. */
export function changedSince(moved: FieldChange[]): string {
  return moved
    .map(
      f =>
        `${f.label} was changed (now ${f.before ?? 'unset'}, expected ${
          f.after ?? 'unset'
        })`,
    )
    .join('; ');
}
