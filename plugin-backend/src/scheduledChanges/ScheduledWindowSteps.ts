import {
  ConflictError,
  InputError,
  type ScheduledChange,
  type ScheduledRun,
} from '@gcp-serverless/common';
import { applyGuardedEdit } from '../edits/applyGuardedEdit';
import type { EditContext } from '../edits/EditContext';
import type { AnyGuardedEditKind } from '../edits/GuardedEditKind';
import type { KnexScheduledChanges } from './KnexScheduledChanges';
import { describeWindow } from './ScheduledChangeService';
import {
  changedSince,
  recordSkippedStep,
  runActor,
  stepRun,
} from './scheduledStepRecords';

/** What the steps of a window need: the store, the edit kinds and the edit context. */
export interface ScheduledWindowStepsDeps {
  store: KnexScheduledChanges;
  kinds: AnyGuardedEditKind[];
  ctx: EditContext;
}

/**
 * The two steps of a scheduled window, each run by the replica that claimed it
 * (docs/scheduled-changes.md): at the start, the change through the guarded edit's apply, if the
 * values are still those it was scheduled against; at the end, the values the start replaced, if
 * the values are still those the start applied. Otherwise the step is skipped with the reason, in
 * the history too. Each step ends by moving the window out of its claimed status.
 */
export class ScheduledWindowSteps {
  private readonly deps: ScheduledWindowStepsDeps;

  constructor(deps: ScheduledWindowStepsDeps) {
    this.deps = deps;
  }

  async start(change: ScheduledChange): Promise<void> {
    const { ctx } = this.deps;
    const kind = this.kindOf(change);
    if (ctx.now() >= Date.parse(change.endsAt)) {
      const reason = `the window ${describeWindow(
        change,
      )} ended before the scheduler could start it`;
      await this.finish(change, stepRun(ctx, 'start', 'skipped', { reason }));
      return;
    }
    const ref = kind.refOfParams(change.ref);
    const resource = await kind.read(ref);
    const current = kind.settingsOf(resource);
    const moved = kind.contract.diff(current, change.expected);
    if (moved.length > 0) {
      const reason = `${changedSince(
        moved,
      )} since the change was scheduled; the start was skipped, nothing was changed`;
      await this.skip(
        kind,
        change,
        'start',
        current,
        kind.proposedOf(ref, resource, change.change),
        reason,
      );
      return;
    }
    const run = await this.apply(
      kind,
      change,
      'start',
      ref,
      resource,
      change.change,
    );
    await this.finish(change, run, current);
  }

  async revert(change: ScheduledChange): Promise<void> {
    const kind = this.kindOf(change);
    const ref = kind.refOfParams(change.ref);
    const resource = await kind.read(ref);
    const current = kind.settingsOf(resource);
    const applied = kind.proposedOf(ref, resource, change.change);
    const restore = kind.contract.revertOf(change.replaced);
    const moved = kind.contract.diff(current, applied);
    if (moved.length > 0 || restore === null) {
      const reason =
        restore === null
          ? 'the values the start replaced are not known; nothing was restored'
          : `${changedSince(
              moved,
            )} since the window started; the revert was skipped, the current values stay`;
      await this.skip(kind, change, 'revert', current, change.replaced, reason);
      return;
    }
    const run = await this.apply(
      kind,
      change,
      'revert',
      ref,
      resource,
      restore,
    );
    await this.finish(change, run);
  }

  /**
   * Ends a claimed step with what it did: after the start the window is active (applied or
   * pending) or ends as the start did (skipped, failed), and the values it replaced are kept for
   * the revert; after the revert it is completed.
   */
  private async finish(
    change: ScheduledChange,
    run: ScheduledRun,
    replaced?: ScheduledChange['replaced'],
  ): Promise<void> {
    const { store } = this.deps;
    if (run.step === 'start') {
      await store.update(
        {
          ...change,
          status:
            run.outcome === 'applied' || run.outcome === 'pending'
              ? 'active'
              : run.outcome,
          start: run,
          ...(replaced === undefined ? {} : { replaced }),
        },
        'starting',
      );
    } else {
      await store.update(
        { ...change, status: 'completed', revert: run },
        'reverting',
      );
    }
  }

  /** Skips a step with the reason, in the history too (a conflict entry: nothing was written). */
  private async skip(
    kind: AnyGuardedEditKind,
    change: ScheduledChange,
    step: ScheduledRun['step'],
    before: unknown,
    after: unknown,
    reason: string,
  ): Promise<void> {
    const { ctx } = this.deps;
    const changeId = await recordSkippedStep(
      ctx,
      kind,
      change,
      before,
      after,
      reason,
    );
    await this.finish(
      change,
      stepRun(ctx, step, 'skipped', { reason, changeId }),
    );
  }

  private kindOf(change: ScheduledChange): AnyGuardedEditKind {
    const kind = this.deps.kinds.find(k => k.contract.kind === change.kind);
    if (!kind) throw new Error(`no edit kind ${change.kind}`);
    return kind;
  }

  /** The guarded edit's apply, as the scheduler: the guard is the etag just read, the guardrails the kind's warnings. */
  private async apply(
    kind: AnyGuardedEditKind,
    change: ScheduledChange,
    step: ScheduledRun['step'],
    ref: unknown,
    resource: unknown,
    target: unknown,
  ): Promise<ScheduledRun> {
    const { ctx } = this.deps;
    try {
      const answer = await applyGuardedEdit(
        kind,
        ref,
        {
          change: target,
          etag: kind.etagOf(resource),
          // The revert restores what was there; its warnings were the state of things before the window.
          acknowledgedWarnings:
            step === 'start'
              ? change.acknowledgedWarnings
              : (
                  await kind.assess(ref, resource, target)
                ).warnings.map(w => w.code),
        },
        {
          actor: runActor(change),
          note: `scheduled window ${describeWindow(change)}: ${
            step === 'start'
              ? 'start'
              : 'end, the values from before the window restored'
          }`,
        },
        ctx,
      );
      return answer.outcome === 'pending'
        ? stepRun(ctx, step, 'pending', {
            reason: answer.message,
            changeId: answer.changeId,
          })
        : stepRun(ctx, step, 'applied', { changeId: answer.change.id });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof ConflictError) {
        // applyGuardedEdit recorded the conflict in the history.
        return stepRun(ctx, step, 'skipped', {
          reason: `the resource changed while the ${step} ran: ${message}`,
        });
      }
      if (err instanceof InputError) {
        // A guardrail not acknowledged when it was scheduled (new since), or nothing left to change.
        const reason = `${message}${
          err.fieldErrors.length
            ? ` (${err.fieldErrors.map(f => f.message).join('; ')})`
            : ''
        }; the ${step} was skipped`;
        const changeId = await recordSkippedStep(
          ctx,
          kind,
          change,
          kind.settingsOf(resource),
          kind.proposedOf(ref, resource, target),
          reason,
        );
        return stepRun(ctx, step, 'skipped', { reason, changeId });
      }
      return stepRun(ctx, step, 'failed', { reason: message });
    }
  }
}
