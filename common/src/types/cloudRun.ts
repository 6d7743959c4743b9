/** Scaling settings of a Cloud Run service's current revision template. */
export interface ScalingSettings {
  /** `template.scaling.minInstanceCount`: instances kept warm (billed while idle). */
  minInstances: number;
  /** `template.scaling.maxInstanceCount`: upper bound of instances (Google's default 100). */
  maxInstances: number;
  /** `template.maxInstanceRequestConcurrency`: concurrent requests per instance (1..1000). */
  concurrency: number;
}

/** A Cloud Run service as the portal shows it (translated from the Run Admin API v2 Service). */
export interface CloudRunService {
  projectId: string;
  region: string;
  /** Short service name, e.g. `gryd-be`. */
  name: string;
  /** Full resource name `projects/P/locations/L/services/S`. */
  resourceName: string;
  /** Public URL of the service, if any. */
  uri: string | null;
  /** Opaque etag; carry it to apply so a stale edit is refused. */
  etag: string;
  /** Monotonic generation (int64 as a decimal string). */
  generation: string;
  scaling: ScalingSettings;
  /** Request timeout in seconds (`template.timeout`). */
  timeoutSeconds: number;
  /** CPU limit of the first container, e.g. "1" or "2". */
  cpu: string;
  /** Memory limit of the first container, e.g. "512Mi". */
  memory: string;
  /** true = CPU only allocated during requests (request-based billing). */
  cpuIdle: boolean;
  ingress: string;
  labels: Record<string, string>;
  /** Latest ready revision short name, if known. */
  latestReadyRevision: string | null;
  /** ISO 8601 time of the last update. */
  updateTime: string | null;
  /** Link to the service in the Google Cloud console. */
  consoleUrl: string;
  /**
   * Env vars of the first container that wire the service to Redis or a queue (REDISHOST, REDIS_URL
   * without credentials, *QUEUE*…; see `pickWiringEnv`). Other env vars are never exposed.
   */
  wiringEnv?: Record<string, string>;
}

/** Live figures of a service over a window; null where Monitoring had no data or failed. */
export interface ServiceLiveSummary {
  /** Instances now (mean over the last 5 minutes, active + idle). */
  instances: number | null;
  /** Requests per second averaged over the window. */
  requestsPerSecond: number | null;
  /** Share of 5xx responses over the window, 0..1. */
  errorRatio5xx: number | null;
  /** 95th percentile request latency over the window, milliseconds. */
  latencyP95Ms: number | null;
}

export interface CloudRunServiceWithSummary extends CloudRunService {
  summary: ServiceLiveSummary;
}
