import type { EditContext } from '../edits/EditContext';
import type { AnyGuardedEditKind } from '../edits/GuardedEditKind';
import type {
  KnexScheduledChanges,
  ScheduledStepClaim,
} from './KnexScheduledChanges';
import { ScheduledWindowSteps } from './ScheduledWindowSteps';

/** What one pass did: ids of the windows whose step this replica ran, by step. */
export interface ScheduledPass {
  started: string[];
  reverted: string[];
}

/**
 * Runs the steps of scheduled windows that are due (docs/scheduled-changes.md); what a step does
 * is {@link ScheduledWindowSteps}'. Due times follow the edit context's clock (the sandbox's in
 * sandbox mode); a step is claimed in the database, so one replica runs it however many tick at
 * once.
 */
export class ScheduledChangeRunner {
  private readonly deps: {
    store: KnexScheduledChanges;
    kinds: AnyGuardedEditKind[];
    ctx: EditContext;
    /** Real time, for claim leases (a replica that dies mid-step). Default `Date.now`. */
    realNow?: () => number;
  };
  private readonly steps: ScheduledWindowSteps;

  constructor(deps: ScheduledChangeRunner['deps']) {
    this.deps = deps;
    this.steps = new ScheduledWindowSteps(deps);
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
          await this.steps.start(change);
          pass.started.push(change.id);
        } else {
          await this.steps.revert(change);
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
}
