/** Maximum connected clients of one Memorystore for Redis node; `maxclients` is fixed by Google (docs/google-apis.md §5). */
export const REDIS_MAX_CONNECTED_CLIENTS = 65_000;

/** Where a connections-per-instance figure comes from, strongest first. */
export type ConnectionsSource = 'config' | 'label' | 'metrics' | 'default';

/** One Cloud Run service's share of a Redis instance's worst case. */
export interface RedisConnectionTerm {
  service: string;
  maxInstances: number;
  /** Redis connections one container instance holds. */
  connectionsPerInstance: number;
  connectionsSource: ConnectionsSource;
  /** maxInstances × connectionsPerInstance. */
  connections: number;
}

/** Worst-case connections of a Redis instance against its limit. */
export interface RedisConnectionBudget {
  instance: string;
  terms: RedisConnectionTerm[];
  /** Σ terms' connections. */
  worstCase: number;
  /** 65,000 per node. */
  limit: number;
  exceedsLimit: boolean;
}

/** A queue's dispatch limits against the Cloud Run worker it targets. */
export interface QueueWorkerBudget {
  queue: string;
  worker: string;
  maxInstances: number;
  concurrency: number;
  /** maxInstances × concurrency: tasks the worker can run at once. */
  workerCapacity: number;
  maxConcurrentDispatches: number;
  maxDispatchesPerSecond: number;
  /** Mean seconds per task (worker latency), if known. */
  taskSeconds: number | null;
  /** Tasks in flight at the full dispatch rate (rate × taskSeconds), if taskSeconds is known. */
  concurrentAtMaxRate: number | null;
  /** True when the queue may run more tasks at once than the worker can take (the rest are 429 and retried). */
  exceedsWorker: boolean;
}

/** What a change does to the Redis instances and queues wired to a service; shown in previews. */
export interface CapacityImpact {
  kind: 'redis' | 'queue';
  /** Instance or queue id. */
  resource: string;
  /** e.g. "chat-redis: max 1,000 × 2 connections = 2,000 of 65,000". */
  before: string;
  after: string;
  exceedsLimit: boolean;
  /** How the figures of `after` are counted, in words (every number the line shows). */
  explanation?: string;
}
