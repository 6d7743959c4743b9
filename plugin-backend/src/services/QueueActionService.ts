import {
  InputError,
  type CloudTasksQueue,
  type QueueActionResult,
} from '@gcp-serverless/common';
import type {
  CloudTasksGateway,
  QueueRef,
} from '../gateways/CloudTasksGateway';
import type { EditCaller, EditContext } from '../edits/EditContext';
import { notifyApplied } from '../edits/applyGuardedEdit';
import type { AuditLog } from './AuditLog';
import type { ProjectAccess } from './ProjectAccess';
import type { Clock } from './ServiceCatalogService';

/**
 * Pause, resume and purge of a queue: one-shot actions (no preview, no guard: each is idempotent or,
 * for purge, confirmed by typing the queue's id). Every attempt that reaches Google is audited.
 * Rate limit and retry edits are the `queue` edit kind (edits/kinds/QueueEditKind.ts).
 */
export class QueueActionService {
  private readonly deps: {
    access: ProjectAccess;
    tasks: CloudTasksGateway;
    audit: AuditLog;
    now: Clock;
    /** The edit path's refresh-after-apply, so the queues page shows the new state when the action answers. */
    afterApply?: Pick<EditContext, 'afterApply' | 'logger'>;
  };

  constructor(deps: QueueActionService['deps']) {
    this.deps = deps;
  }

  pause(ref: QueueRef, caller: EditCaller): Promise<QueueActionResult> {
    return this.action(ref, caller, 'pause', () => this.deps.tasks.pause(ref));
  }

  resume(ref: QueueRef, caller: EditCaller): Promise<QueueActionResult> {
    return this.action(ref, caller, 'resume', () =>
      this.deps.tasks.resume(ref),
    );
  }

  /** Deletes every task; the caller must type the queue's id again (checked before any Google call). */
  purge(
    ref: QueueRef,
    confirmName: string,
    caller: EditCaller,
  ): Promise<QueueActionResult> {
    if (confirmName !== ref.name) {
      throw new InputError(
        `Type the queue name ${ref.name} to confirm the purge`,
        [
          {
            path: 'confirmName',
            message: `must be exactly the queue name "${ref.name}"`,
          },
        ],
      );
    }
    return this.action(ref, caller, 'purge', () => this.deps.tasks.purge(ref));
  }

  private async action(
    ref: QueueRef,
    caller: EditCaller,
    action: QueueActionResult['action'],
    call: () => Promise<CloudTasksQueue>,
  ): Promise<QueueActionResult> {
    this.deps.access.region(ref.projectId, ref.region);
    const resource = `projects/${ref.projectId}/locations/${ref.region}/queues/${ref.name}`;
    const base = {
      time: new Date(this.deps.now()).toISOString(),
      actor: caller.actor,
      ...(caller.origin !== undefined ? { origin: caller.origin } : {}),
      action: `queue.${action}`,
      resource,
      before: null,
      after: { action },
    };
    try {
      const queue = await call();
      await this.deps.audit.record({
        ...base,
        after: { action, state: queue.state, purgeTime: queue.purgeTime },
        result: 'succeeded',
      });
      if (this.deps.afterApply)
        await notifyApplied(this.deps.afterApply, {
          action: base.action,
          resource,
        });
      return { action, queue };
    } catch (err) {
      await this.deps.audit.record({
        ...base,
        result: 'failed',
        error: String((err as Error)?.message ?? err),
      });
      throw err;
    }
  }
}
