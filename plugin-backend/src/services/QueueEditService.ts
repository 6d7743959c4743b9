import {
  ConflictError,
  diffQueue,
  InputError,
  queueCapacityWarnings,
  queueImpacts,
  settingsFingerprint,
  unacknowledgedWarnings,
  type ChangeWarning,
  type CloudTasksQueue,
  type QueueActionResult,
  type QueueApplyRequest,
  type QueueApplyResult,
  type QueueChange,
  type QueuePreview,
} from '@gcp-serverless/common';
import type {
  CloudTasksGateway,
  QueueRef,
} from '../gateways/CloudTasksGateway';
import { queueSettings } from '../gateways/tasksQueueTranslator';
import type { AuditLog } from './AuditLog';
import { queueBudgetsOf } from './CapacityGuardrails';
import type { CapacityContextLoader } from './CapacityContextLoader';
import type { ProjectAccess } from './ProjectAccess';
import type { Clock } from './ServiceCatalogService';

/** Fingerprint of what the form changes: Cloud Tasks queues have no etag, so apply compares these values. */
export const queueFingerprint = (queue: CloudTasksQueue) =>
  settingsFingerprint(queueSettings(queue));

/**
 * Edits of a queue: preview/apply of rate limits and retry config (diff, queue → worker guardrail,
 * optimistic read-compare instead of an etag), pause, resume and purge. Every attempt that reaches
 * Google, or is refused as stale, is audited.
 */
export class QueueEditService {
  private readonly deps: {
    access: ProjectAccess;
    tasks: CloudTasksGateway;
    capacity: CapacityContextLoader;
    audit: AuditLog;
    now: Clock;
  };

  constructor(deps: {
    access: ProjectAccess;
    tasks: CloudTasksGateway;
    capacity: CapacityContextLoader;
    audit: AuditLog;
    now: Clock;
  }) {
    this.deps = deps;
  }

  async preview(ref: QueueRef, change: QueueChange): Promise<QueuePreview> {
    const project = this.deps.access.region(ref.projectId, ref.region);
    const queue = await this.deps.tasks.getQueue(ref);
    const { warnings, impacts, diff } = await this.assess(
      project,
      queue,
      change,
    );
    return {
      queue,
      current: queueSettings(queue),
      proposed: change,
      diff,
      warnings,
      // Cloud Tasks has no validate-only mode; the shared schema holds its documented limits.
      validation: {
        status: 'skipped',
        message:
          'Cloud Tasks has no validate-only mode; checked against its documented limits',
      },
      etag: queueFingerprint(queue),
      impacts,
    };
  }

  async apply(
    ref: QueueRef,
    request: QueueApplyRequest,
    actor: string,
  ): Promise<QueueApplyResult> {
    const project = this.deps.access.region(ref.projectId, ref.region);
    const queue = await this.deps.tasks.getQueue(ref);
    const base = {
      time: new Date().toISOString(),
      actor,
      action: 'queue.apply' as const,
      resource: queue.resourceName,
      before: queueSettings(queue),
      after: request.change,
    };
    // Optimistic read-compare: if what preview saw moved, someone else changed the queue meanwhile.
    if (queueFingerprint(queue) !== request.etag) {
      const conflict = this.conflict(queue);
      await this.deps.audit.record({
        ...base,
        result: 'conflict',
        error: conflict.message,
      });
      throw conflict;
    }
    const { warnings, diff } = await this.assess(
      project,
      queue,
      request.change,
    );
    if (diff.length === 0) {
      throw new InputError(
        'Nothing to change: the proposed settings equal the current ones',
        [{ path: 'change', message: 'equals the current settings' }],
      );
    }
    requireAcknowledged(warnings, request.acknowledgedWarnings);
    try {
      const updated = await this.deps.tasks.updateSettings(ref, request.change);
      await this.deps.audit.record({ ...base, result: 'succeeded' });
      return { queue: updated, diff };
    } catch (err) {
      await this.deps.audit.record({
        ...base,
        result: err instanceof ConflictError ? 'conflict' : 'failed',
        error: String((err as Error)?.message ?? err),
      });
      throw err;
    }
  }

  pause(ref: QueueRef, actor: string): Promise<QueueActionResult> {
    return this.action(ref, actor, 'pause', () => this.deps.tasks.pause(ref));
  }

  resume(ref: QueueRef, actor: string): Promise<QueueActionResult> {
    return this.action(ref, actor, 'resume', () => this.deps.tasks.resume(ref));
  }

  /** Deletes every task; the caller must type the queue's id again (checked before any Google call). */
  purge(
    ref: QueueRef,
    confirmName: string,
    actor: string,
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
    return this.action(ref, actor, 'purge', () => this.deps.tasks.purge(ref));
  }

  private async action(
    ref: QueueRef,
    actor: string,
    action: QueueActionResult['action'],
    call: () => Promise<CloudTasksQueue>,
  ): Promise<QueueActionResult> {
    this.deps.access.region(ref.projectId, ref.region);
    const resource = `projects/${ref.projectId}/locations/${ref.region}/queues/${ref.name}`;
    const base = {
      time: new Date().toISOString(),
      actor,
      action: `queue.${action}` as const,
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

  /** Diff, capacity warnings and impacts; the guardrail is best effort, its absence is said. */
  private async assess(
    project: ReturnType<ProjectAccess['project']>,
    queue: CloudTasksQueue,
    change: QueueChange,
  ) {
    const diff = diffQueue(queueSettings(queue), change);
    const { context, errors } = await this.deps.capacity.load(
      project,
      this.deps.now(),
    );
    const current = queueBudgetsOf(context, queue);
    const proposed = queueBudgetsOf(context, queue, {
      rates: change.rateLimits,
    });
    const pairs = current.map((before, i) => ({ before, after: proposed[i]! }));
    const warnings: ChangeWarning[] = queueCapacityWarnings(pairs);
    if (pairs.length === 0) {
      warnings.push({
        code: 'QUEUE_WORKER_UNKNOWN',
        severity: 'info',
        message:
          errors.length > 0
            ? `The worker of ${queue.name} could not be checked: ${errors
                .map(e => e.message)
                .join('; ')}`
            : `No Cloud Run service is known to run ${queue.name}'s tasks (label tasks-queue-target=${queue.name} or config capacity.wiring), so dispatch limits were not checked against a worker.`,
        requiresAcknowledgement: false,
      });
    }
    return { diff, warnings, impacts: queueImpacts(pairs) };
  }

  private conflict(queue: CloudTasksQueue): ConflictError {
    return new ConflictError(
      `Cloud Tasks queue ${queue.name} was changed by someone else since you previewed; review the current values and try again`,
      {
        details: {
          current: queueSettings(queue),
          etag: queueFingerprint(queue),
          queue,
        },
      },
    );
  }
}

/** Throws a 400 naming `acknowledgedWarnings` while a warning that needs acknowledgement is not acknowledged. */
export function requireAcknowledged(
  warnings: ChangeWarning[],
  acknowledged: readonly string[],
): void {
  const missing = unacknowledgedWarnings(warnings, acknowledged);
  if (missing.length === 0) return;
  throw new InputError('Acknowledge the warnings before applying', [
    {
      path: 'acknowledgedWarnings',
      message: `acknowledge ${missing.map(w => w.code).join(', ')}: ${missing
        .map(w => w.message)
        .join(' ')}`,
    },
  ]);
}
