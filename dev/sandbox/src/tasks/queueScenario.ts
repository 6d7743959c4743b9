/**
 * Building scenario queues: a Queue resource with Google's defaults filled in, created at a given
 * time (depth 0 then) and fed by a workload.
 */
import {
  formatDuration,
  completeQueue,
  settingsFromQueue,
} from './queueResource';
import { queueName } from './tasksContext';
import type { QueueWorkload, SandboxQueue } from './queueTypes';

/** What a scenario says about one of its queues. */
export interface ScenarioQueueSpec {
  projectId: string;
  location: string;
  queueId: string;
  /** Creation time, epoch ms: the queue model integrates depth from here (keep it within weeks of now). */
  createTime: number;
  maxDispatchesPerSecond?: number;
  maxConcurrentDispatches?: number;
  maxAttempts?: number;
  /** Seconds. */
  minBackoffSeconds?: number;
  /** Seconds. */
  maxBackoffSeconds?: number;
  maxDoublings?: number;
  workload: QueueWorkload;
}

/** A RUNNING queue as Cloud Tasks would serve it after creation. */
export function scenarioQueue(spec: ScenarioQueueSpec): SandboxQueue {
  const retryConfig: Record<string, unknown> = {};
  if (spec.maxAttempts !== undefined)
    retryConfig['maxAttempts'] = spec.maxAttempts;
  if (spec.minBackoffSeconds !== undefined)
    retryConfig['minBackoff'] = formatDuration(spec.minBackoffSeconds);
  if (spec.maxBackoffSeconds !== undefined)
    retryConfig['maxBackoff'] = formatDuration(spec.maxBackoffSeconds);
  if (spec.maxDoublings !== undefined)
    retryConfig['maxDoublings'] = spec.maxDoublings;
  const resource = completeQueue(
    {
      name: queueName(spec.projectId, spec.location, spec.queueId),
      rateLimits: {
        maxDispatchesPerSecond: spec.maxDispatchesPerSecond,
        maxConcurrentDispatches: spec.maxConcurrentDispatches,
      },
      retryConfig,
    },
    'RUNNING',
    undefined,
  );
  return {
    projectId: spec.projectId,
    location: spec.location,
    queueId: spec.queueId,
    resource,
    history: [
      { effectiveFrom: spec.createTime, settings: settingsFromQueue(resource) },
    ],
    workload: spec.workload,
  };
}
