/**
 * Sandbox state of Cloud Tasks v2 queues: the Queue resource as served, the history of the settings
 * that drive the queue model (like Cloud Run's ConfigVersion), and the workload that feeds the queue.
 */

/** Queue.State names (google.cloud.tasks.v2.Queue.State). */
export type QueueStateName = 'RUNNING' | 'PAUSED' | 'DISABLED';

/** What the queue model needs from a queue's configuration. */
export interface QueueSettings {
  state: QueueStateName;
  /** rateLimits.maxDispatchesPerSecond, dispatches per second (≤ 500). */
  maxDispatchesPerSecond: number;
  /** rateLimits.maxConcurrentDispatches, tasks in flight (≤ 5000). */
  maxConcurrentDispatches: number;
  /** Mean seconds between two attempts of a failing task over its first retries (from retryConfig). */
  retryIntervalSeconds: number;
}

/** Settings in force from `effectiveFrom`; `purge` marks a purge at that time (tasks before it deleted). */
export interface QueueVersion {
  /** Sandbox epoch ms from which the settings apply. */
  effectiveFrom: number;
  settings: QueueSettings;
  /** True when this entry records a purge: the depth is 0 from the first minute starting at or after it. */
  purge?: boolean;
}

/**
 * Where a queue's tasks come from and go to. Tasks are enqueued in proportion to the producer's
 * demand and pushed to a Cloud Run service of the same project.
 */
export interface QueueWorkload {
  /** Cloud Run service whose requests enqueue tasks (e.g. gryd-be). */
  producer: string;
  /** Tasks created per producer request, e.g. 0.004. */
  tasksPerRequest: number;
  /** Cloud Run service the tasks are pushed to (e.g. gryd-worker). */
  target: string;
  /**
   * `replace`: the target only does queue work, its demand IS the dispatches (gryd-worker);
   * `add`: dispatches come on top of the target's own traffic (a task endpoint of an API).
   */
  targetDemand: 'replace' | 'add';
}

/** A Cloud Tasks queue of the sandbox. */
export interface SandboxQueue {
  projectId: string;
  location: string;
  queueId: string;
  /** The google.cloud.tasks.v2.Queue as served (camelCase JSON, enums as names, durations as strings). */
  resource: Record<string, unknown>;
  /** Settings history, oldest first; the first entry is the queue's creation (depth 0 from there). */
  history: QueueVersion[];
  /** Absent for a queue created through the API: nothing enqueues into it. */
  workload?: QueueWorkload;
}
