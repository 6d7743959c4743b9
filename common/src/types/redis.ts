import type { SnapshotMeta } from './snapshot';
import type { ChangeWarning, FieldChange, UpstreamValidation } from './api';
import type { CapacityImpact, RedisConnectionBudget } from './capacity';
import type { CostImpact } from './catalog';
import type { NamedSeries, PanelError } from './metrics';
import type { WiringEvidence } from './queues';
import type { TimeWindow } from './timeWindow';

/** A Memorystore for Redis v1 instance as the portal shows it (docs/google-apis.md §5). */
export interface RedisInstance {
  projectId: string;
  region: string;
  /** Short instance id, e.g. `chat-redis`. */
  name: string;
  /** `projects/P/locations/L/instances/I`. */
  resourceName: string;
  displayName: string;
  /** BASIC | STANDARD_HA. */
  tier: string;
  /** READY, UPDATING, … */
  state: string;
  memorySizeGb: number;
  redisVersion: string;
  /** Private IP clients connect to. */
  host: string;
  port: number;
  replicaCount: number;
  redisConfigs: Record<string, string>;
  labels: Record<string, string>;
  consoleUrl: string;
}

/** Live figures of an instance; null where Monitoring had no data or failed. */
export interface RedisLiveSummary {
  /** Connected clients now. */
  connectedClients: number | null;
  /** Peak connected clients over the window. */
  peakConnectedClients: number | null;
  /** Memory usage ratio now, 0..1. */
  memoryUsageRatio: number | null;
  /** Connections rejected over the window (count). */
  rejectedConnections: number | null;
}

/** An instance with figures, wired services and its worst-case connection budget. */
export interface RedisInstanceWithSummary extends RedisInstance {
  summary: RedisLiveSummary;
  services: WiringEvidence[];
  /** Worst case of the wired services' max instances × connections per instance. */
  budget: RedisConnectionBudget | null;
}

/** GET /projects/:projectId/redis?window= */
export interface RedisListResponse {
  /** Age of the read-model snapshot this answer came from (absent when read directly). */
  snapshot?: SnapshotMeta;
  projectId: string;
  window: TimeWindow;
  asOf: string;
  stepSeconds: number;
  instances: RedisInstanceWithSummary[];
  /** Per instance (key = region/name): series "connected", "memory", "rejected". */
  series: Record<string, NamedSeries[]>;
  errors: PanelError[];
}

/** The editable settings of an instance (same shape as `RedisChange`). */
export interface RedisSettings {
  memorySizeGb: number;
  redisConfigs: Record<string, string>;
}

/** POST …/redis/:instance/preview response. */
export interface RedisPreview {
  instance: RedisInstance;
  current: RedisSettings;
  proposed: RedisSettings;
  diff: FieldChange[];
  warnings: ChangeWarning[];
  /** Memorystore has no validate-only mode: "skipped" with the reason. */
  validation: UpstreamValidation;
  /** Fingerprint of the current settings (instances have no etag); send it back to apply. */
  etag: string;
  /** The instance's connection budget (memory size does not change it; shown for context). */
  impacts: CapacityImpact[];
  /** Monthly cost change of a resize on Catalog (or list) prices, with the formula; absent when the size does not change. */
  cost?: CostImpact;
}

/** POST …/redis/:instance/apply response. */
export interface RedisApplyResult {
  instance: RedisInstance;
  /** Google long-running operation name. */
  operation: string;
  diff: FieldChange[];
}

/** The `details` of a 409 from Redis apply: the instance's settings now. */
export interface RedisConflictDetails {
  current: RedisSettings;
  etag: string;
  instance: RedisInstance;
}
