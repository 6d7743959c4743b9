import type {
  CloudTasksQueue,
  QueueSettings,
  QueueState,
} from '@gcp-serverless/common';
import {
  durationToSeconds,
  enumName,
  isUnset,
  protoNumber,
  secondsToDuration,
  timestampToIso,
} from './protoValues';

/** The parts of a Cloud Tasks v2 Queue the portal reads (protobuf object or JSON). */
export interface RawQueue {
  name?: string | null;
  state?: unknown;
  rateLimits?: {
    maxDispatchesPerSecond?: unknown;
    maxBurstSize?: unknown;
    maxConcurrentDispatches?: unknown;
  } | null;
  retryConfig?: {
    maxAttempts?: unknown;
    maxRetryDuration?: unknown;
    minBackoff?: unknown;
    maxBackoff?: unknown;
    maxDoublings?: unknown;
  } | null;
  purgeTime?: unknown;
}

const STATE_NAMES: Record<number, QueueState> = {
  0: 'STATE_UNSPECIFIED',
  1: 'RUNNING',
  2: 'PAUSED',
  3: 'DISABLED',
};

/**
 * Defaults Cloud Tasks applies to unset fields (docs/google-apis.md §4, unverified): rate 500/s, 1000
 * concurrent, 100 attempts, backoff 0.1 s..3600 s, 16 doublings. proto3 omits zero values, so an
 * absent field in a reply means 0 only where 0 is a legal setting (maxRetryDuration: unlimited).
 */
const DEFAULTS = {
  rate: 500,
  concurrent: 1000,
  maxAttempts: 100,
  minBackoff: 0.1,
  maxBackoff: 3600,
  maxDoublings: 16,
};

/** Translates a Cloud Tasks v2 Queue into the portal's domain type. */
export function toCloudTasksQueue(raw: RawQueue): CloudTasksQueue {
  const name = raw.name ?? '';
  const [, projectId = '', , region = '', , shortName = ''] = name.split('/');
  const r = raw.rateLimits ?? {};
  const t = raw.retryConfig ?? {};
  return {
    projectId,
    region,
    name: shortName,
    resourceName: name,
    state: enumName(raw.state, STATE_NAMES, 'STATE_UNSPECIFIED') as QueueState,
    rateLimits: {
      maxDispatchesPerSecond: protoNumber(
        r.maxDispatchesPerSecond,
        DEFAULTS.rate,
      ),
      maxConcurrentDispatches: protoNumber(
        r.maxConcurrentDispatches,
        DEFAULTS.concurrent,
      ),
      maxBurstSize: isUnset(r.maxBurstSize)
        ? null
        : protoNumber(r.maxBurstSize),
    },
    retryConfig: {
      // proto3 drops a 0 maxAttempts; Cloud Tasks treats 0 as "the default" anyway.
      maxAttempts:
        protoNumber(t.maxAttempts, DEFAULTS.maxAttempts) ||
        DEFAULTS.maxAttempts,
      maxRetryDurationSeconds: durationToSeconds(t.maxRetryDuration, 0),
      minBackoffSeconds: durationToSeconds(t.minBackoff, DEFAULTS.minBackoff),
      maxBackoffSeconds: durationToSeconds(t.maxBackoff, DEFAULTS.maxBackoff),
      maxDoublings: protoNumber(t.maxDoublings, DEFAULTS.maxDoublings),
    },
    purgeTime: timestampToIso(raw.purgeTime),
    consoleUrl: `https://console.cloud.google.com/cloudtasks/queue/${region}/${shortName}/tasks?project=${projectId}`,
  };
}

/** The editable settings of a queue, for diffs and fingerprints. */
export function queueSettings(queue: CloudTasksQueue): QueueSettings {
  return {
    rateLimits: {
      maxDispatchesPerSecond: queue.rateLimits.maxDispatchesPerSecond,
      maxConcurrentDispatches: queue.rateLimits.maxConcurrentDispatches,
    },
    retryConfig: { ...queue.retryConfig },
  };
}

/** FieldMask paths of the settings the queue form changes (snake_case, as FieldMask paths are written). */
export const QUEUE_SETTINGS_MASK = [
  'rate_limits.max_dispatches_per_second',
  'rate_limits.max_concurrent_dispatches',
  'retry_config.max_attempts',
  'retry_config.max_retry_duration',
  'retry_config.min_backoff',
  'retry_config.max_backoff',
  'retry_config.max_doublings',
];

/** The Queue body of an UpdateQueue that sets these settings (only the masked fields are read by Google). */
export function queueSettingsBody(
  resourceName: string,
  settings: QueueSettings,
): Record<string, unknown> {
  const r = settings.retryConfig;
  return {
    name: resourceName,
    rateLimits: { ...settings.rateLimits },
    retryConfig: {
      maxAttempts: r.maxAttempts,
      maxRetryDuration: secondsToDuration(r.maxRetryDurationSeconds),
      minBackoff: secondsToDuration(r.minBackoffSeconds),
      maxBackoff: secondsToDuration(r.maxBackoffSeconds),
      maxDoublings: r.maxDoublings,
    },
  };
}
