/**
 * Sandbox state of Memorystore for Redis v1 instances: the Instance resource as served, the history of
 * its memory size (for usage ratios over time) and what the data set occupies.
 */

/** memorySizeGb in force from `effectiveFrom` (sandbox epoch ms). */
export interface RedisSizeVersion {
  effectiveFrom: number;
  memorySizeGb: number;
}

/** A Memorystore for Redis instance of the sandbox. */
export interface SandboxRedisInstance {
  projectId: string;
  location: string;
  instanceId: string;
  /** The google.cloud.redis.v1.Instance as served (camelCase JSON, enums as names). */
  resource: Record<string, unknown>;
  /** Memory size history, oldest first (the first entry is the creation). */
  history: RedisSizeVersion[];
  /** GiB the data set occupies at the daily average (keys, history, pub/sub buffers excluded). */
  dataGiB: number;
  /**
   * Redis connections one container instance of each wired Cloud Run service holds, by service name:
   * what the application does (e.g. 2 = one publisher and one subscriber connection). Services wired
   * by env vars but missing here hold DEFAULT_CONNECTIONS_PER_INSTANCE.
   */
  connectionsPerInstance: Record<string, number>;
}
