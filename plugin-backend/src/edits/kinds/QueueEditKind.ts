import { z } from 'zod';
import {
  ConflictError,
  projectIdSchema,
  queueCapacityWarnings,
  queueEditContract,
  queueIdSchema,
  queueImpacts,
  regionSchema,
  settingsFingerprint,
  type CapacityImpact,
  type ChangeWarning,
  type CloudTasksQueue,
  type QueueApplyResult,
  type QueueChange,
  type QueuePreview,
  type QueueSettings,
} from '@gcp-serverless/common';
import type {
  CloudTasksGateway,
  QueueRef,
} from '../../gateways/CloudTasksGateway';
import { queueSettings } from '../../gateways/tasksQueueTranslator';
import { queueBudgetsOf } from '../../services/CapacityGuardrails';
import type { CapacityContextLoader } from '../../services/CapacityContextLoader';
import type { ProjectAccess } from '../../services/ProjectAccess';
import { parseInput } from '../../validation/parseInput';
import type { EditAssessment, GuardedEditKind } from '../GuardedEditKind';

/** The guard of a queue: Cloud Tasks queues have no etag, so the portal's fingerprint of the settings the form changes. */
export const queueEtag = (queue: CloudTasksQueue) =>
  settingsFingerprint(queueSettings(queue));

const params = z.object({
  projectId: projectIdSchema,
  region: regionSchema,
  queue: queueIdSchema,
});
const RESOURCE = /^projects\/([^/]+)\/locations\/([^/]+)\/queues\/([^/]+)$/;

/**
 * Cloud Tasks rate limits and retry config. Guard: the settings fingerprint under a lease per queue
 * in the shared database (Cloud Tasks has no etag or precondition, docs/google-apis.md §4). Checks: the queue → worker
 * guardrail. Cloud Tasks has no validate-only mode.
 */
export class QueueEditKind
  implements
    GuardedEditKind<
      QueueRef,
      CloudTasksQueue,
      QueueSettings,
      QueueChange,
      QueuePreview,
      QueueApplyResult,
      CapacityImpact[]
    >
{
  readonly contract = queueEditContract;
  readonly changeLabel = 'queue change';
  guardOf(): 'lease' {
    return 'lease';
  }
  readonly routePath = '/projects/:projectId/locations/:region/queues/:queue';
  private readonly deps: {
    access: ProjectAccess;
    tasks: CloudTasksGateway;
    capacity: CapacityContextLoader;
    now: () => number;
  };

  constructor(deps: QueueEditKind['deps']) {
    this.deps = deps;
  }

  refOfParams(raw: unknown): QueueRef {
    const p = parseInput(params, raw, 'path');
    return { projectId: p.projectId, region: p.region, name: p.queue };
  }

  resourceName(ref: QueueRef): string {
    return `projects/${ref.projectId}/locations/${ref.region}/queues/${ref.name}`;
  }

  refOfResource(resource: string): QueueRef | null {
    const m = RESOURCE.exec(resource);
    return m ? { projectId: m[1]!, region: m[2]!, name: m[3]! } : null;
  }

  read(ref: QueueRef): Promise<CloudTasksQueue> {
    this.deps.access.region(ref.projectId, ref.region);
    return this.deps.tasks.getQueue(ref);
  }

  etagOf(queue: CloudTasksQueue): string {
    return queueEtag(queue);
  }

  settingsOf(queue: CloudTasksQueue): QueueSettings {
    return queueSettings(queue);
  }

  proposedOf(
    _ref: QueueRef,
    _queue: CloudTasksQueue,
    change: QueueChange,
  ): QueueSettings {
    return change;
  }

  projectsOf(ref: QueueRef): string[] {
    return [ref.projectId];
  }

  conflict(queue: CloudTasksQueue, reason?: string): ConflictError {
    return new ConflictError(
      reason ??
        `Cloud Tasks queue ${queue.name} was changed by someone else since you previewed; review the current values and try again`,
      {
        details: {
          current: queueSettings(queue),
          etag: queueEtag(queue),
          queue,
        },
      },
    );
  }

  /** Capacity warnings and impacts against the worker; the guardrail is best effort, its absence is said. */
  async assess(ref: QueueRef, queue: CloudTasksQueue, change: QueueChange) {
    const project = this.deps.access.region(ref.projectId, ref.region);
    const { context, errors } = await this.deps.capacity.loadFor(
      project,
      this.deps.now(),
      { queue },
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
    return { warnings, facts: queueImpacts(pairs) };
  }

  async preview(
    _ref: QueueRef,
    queue: CloudTasksQueue,
    change: QueueChange,
    a: EditAssessment<CapacityImpact[]>,
  ): Promise<QueuePreview> {
    return {
      queue,
      current: queueSettings(queue),
      proposed: change,
      diff: a.diff,
      warnings: a.warnings,
      // Cloud Tasks has no validate-only mode; the shared schema holds its documented limits.
      validation: {
        status: 'skipped',
        message:
          'Cloud Tasks has no validate-only mode; checked against its documented limits',
      },
      etag: queueEtag(queue),
      impacts: a.facts,
    };
  }

  async write(
    ref: QueueRef,
    _queue: CloudTasksQueue,
    request: { change: QueueChange },
  ) {
    return {
      resource: await this.deps.tasks.updateSettings(ref, request.change),
    };
  }

  result(
    _ref: QueueRef,
    queue: CloudTasksQueue,
    diff: QueueApplyResult['diff'],
  ): QueueApplyResult {
    return { queue, diff };
  }
}
