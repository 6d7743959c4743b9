import type { SnapshotMeta } from './snapshot';
import type { ChangeWarning, FieldChange, UpstreamValidation } from './api';
import type { CapacityImpact } from './capacity';
import type { NamedSeries, PanelError } from './metrics';
import type { TimeWindow } from './timeWindow';

/** State of a Cloud Tasks queue (output only; changed by pause / resume). */
export type QueueState =
  | 'RUNNING'
  | 'PAUSED'
  | 'DISABLED'
  | 'STATE_UNSPECIFIED';

/** `rateLimits` of a Cloud Tasks v2 queue (docs/google-apis.md §4). */
export interface QueueRateLimits {
  /** Dispatches per second, ≤ 500. */
  maxDispatchesPerSecond: number;
  /** Tasks dispatched and not yet answered at any time, ≤ 5000. */
  maxConcurrentDispatches: number;
  /** Output only: token bucket size Google derives from the rate; null when not reported. */
  maxBurstSize: number | null;
}

/** `retryConfig` of a Cloud Tasks v2 queue; durations in seconds. */
export interface QueueRetryConfig {
  /** Attempts per task including the first; -1 = unlimited. */
  maxAttempts: number;
  /** Seconds after the first attempt during which retries happen; 0 = unlimited. */
  maxRetryDurationSeconds: number;
  /** Seconds. */
  minBackoffSeconds: number;
  /** Seconds. */
  maxBackoffSeconds: number;
  maxDoublings: number;
}

/** How a Cloud Run service is known to be wired to a queue or Redis instance (docs/queues-and-redis.md). */
export interface WiringEvidence {
  /** Short Cloud Run service name. */
  service: string;
  /** e.g. "env REDISHOST=10.0.0.3", "label tasks-queue-target=generation", "config". */
  via: string;
}

/** A Cloud Tasks queue as the portal shows it. */
export interface CloudTasksQueue {
  projectId: string;
  region: string;
  /** Short queue id, e.g. `generation`. */
  name: string;
  /** `projects/P/locations/L/queues/Q`. */
  resourceName: string;
  state: QueueState;
  rateLimits: QueueRateLimits;
  retryConfig: QueueRetryConfig;
  /** ISO 8601 time of the last purge, or null. */
  purgeTime: string | null;
  consoleUrl: string;
}

/** Live figures of a queue; null where Monitoring had no data or failed. */
export interface QueueLiveSummary {
  /** Tasks in the queue now. */
  depth: number | null;
  /** Task attempts per second over the window. */
  dispatchesPerSecond: number | null;
  /** Failed attempts (non-2xx response) per second over the window. */
  failedAttemptsPerSecond: number | null;
}

/** A queue with its live figures and the Cloud Run services wired to it. */
export interface QueueWithSummary extends CloudTasksQueue {
  summary: QueueLiveSummary;
  /** Cloud Run services the queue dispatches to (targets). */
  targets: WiringEvidence[];
  /** Cloud Run services that enqueue into it. */
  producers: WiringEvidence[];
}

/** GET /projects/:projectId/queues?window= */
export interface QueueListResponse {
  /** Age of the read-model snapshot this answer came from (absent when read directly). */
  snapshot?: SnapshotMeta;
  projectId: string;
  window: TimeWindow;
  asOf: string;
  /** Alignment step of the series, seconds. */
  stepSeconds: number;
  queues: QueueWithSummary[];
  /** Per queue (key = region/name): depth series "depth", dispatch series "dispatches", "failed". */
  series: Record<string, NamedSeries[]>;
  errors: PanelError[];
}

/** The editable settings of a queue (same shape as `QueueChange`). */
export interface QueueSettings {
  rateLimits: {
    maxDispatchesPerSecond: number;
    maxConcurrentDispatches: number;
  };
  retryConfig: QueueRetryConfig;
}

/** POST …/queues/:queue/preview response. */
export interface QueuePreview {
  queue: CloudTasksQueue;
  current: QueueSettings;
  proposed: QueueSettings;
  diff: FieldChange[];
  warnings: ChangeWarning[];
  /** Cloud Tasks has no validate-only mode: "skipped" with the reason, checks are the documented limits. */
  validation: UpstreamValidation;
  /** Fingerprint of the current settings (queues have no etag); send it back to apply. */
  etag: string;
  /** The queue's budget against its worker, before → after. */
  impacts: CapacityImpact[];
}

/** POST …/queues/:queue/apply response. */
export interface QueueApplyResult {
  queue: CloudTasksQueue;
  diff: FieldChange[];
}

/** The `details` of a 409 from queue apply: the queue's settings now. */
export interface QueueConflictDetails {
  current: QueueSettings;
  etag: string;
  queue: CloudTasksQueue;
}

/** POST …/queues/:queue/pause | resume | purge response. */
export interface QueueActionResult {
  action: 'pause' | 'resume' | 'purge';
  queue: CloudTasksQueue;
}
