import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  InputError,
  type FieldChange,
  type ScheduledChange,
  type ScheduledRun,
} from '@gcp-serverless/common';
import { applyGuardedEdit } from '../edits/applyGuardedEdit';
import type { EditContext } from '../edits/EditContext';
import type { AnyGuardedEditKind } from '../edits/GuardedEditKind';
import type {
  KnexScheduledChanges,
  ScheduledStepClaim,
} from './KnexScheduledChanges';
import { describeWindow } from './ScheduledChangeService';

/** What one pass did: ids of the windows whose step this replica ran, by step. */
export interface ScheduledPass {
  started: string[];
  reverted: string[];
}

/**
 * Runs the steps of scheduled windows that are due (docs/scheduled-changes.md): at the start, the
 * change through the guarded edit's apply, if the values are still those it was scheduled against;
 * at the end, the values the start replaced, if the values are still those the start applied.
 * Otherwise the step is skipped with the reason, in the history too. Due times follow the edit
 * context's clock (the sandbox's in sandbox mode); a step is claimed in the database, so one
 * replica runs it however many tick at once.
 */
export class ScheduledChangeRunner {
  private readonly deps: {
    store: KnexScheduledChanges;
    kinds: AnyGuardedEditKind[];
    ctx: EditContext;
    /** Real time, for claim leases (a replica that dies mid-step). Default `Date.now`. */
    realNow?: () => number;
  };

  constructor(deps: ScheduledChangeRunner['deps']) {
    this.deps = deps;
  }

  /** One pass: every due start and revert, oldest first. */
  async runDue(signal?: AbortSignal): Promise<ScheduledPass> {
    const { store, ctx } = this.deps;
    const realNow = this.deps.realNow ?? Date.now;
    const pass: ScheduledPass = { started: [], reverted: [] };
    const due = await store.listDue(ctx.now(), realNow());
    for (const change of due) {
      if (signal?.aborted) break;
      const starting =
        change.status === 'scheduled' || change.status === 'starting';
      const step: ScheduledStepClaim = starting
        ? { from: 'scheduled', to: 'starting' }
        : { from: 'active', to: 'reverting' };
      // A step holds its claim for as long as an apply may take to settle.
      if (
        !(await store.claim(
          change.id,
          step,
          realNow(),
          realNow() + ctx.settleAfterMs,
        ))
      )
        continue;
      try {
        if (starting) {
          await this.start(change);
          pass.started.push(change.id);
        } else {
          await this.revert(change);
          pass.reverted.push(change.id);
        }
      } catch (err) {
        // Reading the resource failed (Google unavailable): give the step back, the next pass retries it.
        ctx.logger.warn(
          `gcp-serverless: scheduled change ${change.id} could not run its ${
            starting ? 'start' : 'revert'
          }; retrying at the next pass`,
          { error: String(err) },
        );
        await store.update(
          { ...change, status: starting ? 'scheduled' : 'active' },
          step.to,
        );
      }
    }
    return pass;
  }

  private kindOf(change: ScheduledChange): AnyGuardedEditKind {
    const kind = this.deps.kinds.find(k => k.contract.kind === change.kind);
    if (!kind) throw new Error(`no edit kind ${change.kind}`);
    return kind;
  }

  private async start(change: ScheduledChange): Promise<void> {
    const { ctx, store } = this.deps;
    const kind = this.kindOf(change);
    if (ctx.now() >= Date.parse(change.endsAt)) {
      const run = this.run('start', 'skipped', {
        reason: `the window ${describeWindow(
          change,
        )} ended before the scheduler could start it`,
      });
      await store.update(
        { ...change, status: 'skipped', start: run },
        'starting',
      );
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
      const changeId = await this.recordSkip(
        kind,
        change,
        current,
        kind.proposedOf(ref, resource, change.change),
        reason,
      );
      await store.update(
        {
          ...change,
          status: 'skipped',
          start: this.run('start', 'skipped', { reason, changeId }),
        },
        'starting',
      );
      return;
    }
    const outcome = await this.apply(
      kind,
      change,
      'start',
      ref,
      resource,
      change.change,
    );
    await store.update(
      {
        ...change,
        status:
          outcome.run.outcome === 'applied' || outcome.run.outcome === 'pending'
            ? 'active'
            : outcome.run.outcome,
        start: outcome.run,
        replaced: current,
      },
      'starting',
    );
  }

  private async revert(change: ScheduledChange): Promise<void> {
    const { store } = this.deps;
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
      const changeId = await this.recordSkip(
        kind,
        change,
        current,
        change.replaced,
        reason,
      );
      await store.update(
        {
          ...change,
          status: 'completed',
          revert: this.run('revert', 'skipped', { reason, changeId }),
        },
        'reverting',
      );
      return;
    }
    const outcome = await this.apply(
      kind,
      change,
      'revert',
      ref,
      resource,
      restore,
    );
    await store.update(
      { ...change, status: 'completed', revert: outcome.run },
      'reverting',
    );
  }

  /** The guarded edit's apply, as the scheduler: the guard is the etag just read, the guardrails the kind's warnings. */
  private async apply(
    kind: AnyGuardedEditKind,
    change: ScheduledChange,
    step: ScheduledRun['step'],
    ref: unknown,
    resource: unknown,
    target: unknown,
  ): Promise<{ run: ScheduledRun }> {
    const { ctx } = this.deps;
    const actor = runActor(change);
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
          actor,
          note: `scheduled window ${describeWindow(change)}: ${
            step === 'start'
              ? 'start'
              : 'end, the values from before the window restored'
          }`,
        },
        ctx,
      );
      return answer.outcome === 'pending'
        ? {
            run: this.run(step, 'pending', {
              reason: answer.message,
              changeId: answer.changeId,
            }),
          }
        : { run: this.run(step, 'applied', { changeId: answer.change.id }) };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof ConflictError) {
        // applyGuardedEdit recorded the conflict in the history.
        return {
          run: this.run(step, 'skipped', {
            reason: `the resource changed while the ${step} ran: ${message}`,
          }),
        };
      }
      if (err instanceof InputError) {
        // A guardrail not acknowledged when it was scheduled (new since), or nothing left to change.
        const reason = `${message}${
          err.fieldErrors.length
            ? ` (${err.fieldErrors.map(f => f.message).join('; ')})`
            : ''
        }; the ${step} was skipped`;
        const changeId = await this.recordSkip(
          kind,
          change,
          kind.settingsOf(resource),
          kind.proposedOf(ref, resource, target),
          reason,
        );
        return { run: this.run(step, 'skipped', { reason, changeId }) };
      }
      return { run: this.run(step, 'failed', { reason: message }) };
    }
  }

  /** A skipped step in the history: a conflict entry (nothing written) with the reason. */
  private async recordSkip(
    kind: AnyGuardedEditKind,
    change: ScheduledChange,
    before: unknown,
    after: unknown,
    reason: string,
  ): Promise<string> {
    const { ctx } = this.deps;
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

  private run(
    step: ScheduledRun['step'],
    outcome: ScheduledRun['outcome'],
    extra: { reason?: string; changeId?: string },
  ): ScheduledRun {
    return {
      step,
      time: new Date(this.deps.ctx.now()).toISOString(),
      outcome,
      reason: extra.reason ?? null,
      changeId: extra.changeId ?? null,
    };
  }
}

/** Who the history names for a step: the person who scheduled it and what ran it. */
export function runActor(change: Pick<ScheduledChange, 'scheduledBy'>): string {
  return `scheduled by ${change.scheduledBy}, run by the scheduler`;
}

/** "Max instances was changed (100 → 120)", from the diff between the values now and those expected. */
function changedSince(moved: FieldChange[]): string {
  return moved
    .map(
      f =>
        `${f.label} was changed (now ${f.before ?? 'unset'}, expected ${
          f.after ?? 'unset'
        })`,
    )
    .join('; ');
}
