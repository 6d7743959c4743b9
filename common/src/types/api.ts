import type { SnapshotMeta } from './snapshot';
import type { CapacityImpact } from './capacity';
import type { CostImpact } from './catalog';
import type { WhatIfReport } from '../whatIf/whatIfReport';
import type {
  CloudRunService,
  CloudRunServiceWithSummary,
  ScalingSettings,
} from './cloudRun';
import type { NamedSeries, PanelError } from './metrics';
import type { ProjectSummary } from './projects';
import type { TimeWindow } from './timeWindow';

/** GET /projects */
export interface ProjectListResponse {
  mode: 'sandbox' | 'gcp';
  projects: ProjectSummary[];
}

/** GET /projects/:projectId/services?window= */
export interface ServiceListResponse {
  /** Age of the read-model snapshot this answer came from (absent when read directly). */
  snapshot?: SnapshotMeta;
  projectId: string;
  window: TimeWindow;
  /** ISO 8601 end of the window the figures cover. */
  asOf: string;
  services: CloudRunServiceWithSummary[];
  /** Metric panels that failed; services still listed with null figures. */
  errors: PanelError[];
}

/** GET /projects/:projectId/locations/:region/services/:service?window= */
export interface ServiceDetailResponse {
  service: CloudRunService;
  window: TimeWindow;
  asOf: string;
  /** Alignment step of the series, seconds. */
  stepSeconds: number;
  /** Requests per second by response class: keys "2xx", "3xx", "4xx", "5xx". */
  requestsByClass: NamedSeries[];
  /** Request latency percentiles in ms: keys "p50", "p95", "p99". */
  latency: NamedSeries[];
  /** Instance count: key "instances". */
  instances: NamedSeries[];
  errors: PanelError[];
}

/** One field that a change would modify. */
export interface FieldChange {
  /** Field key of the change schema, e.g. "maxInstances". */
  field: string;
  /** Human label, e.g. "Max instances". */
  label: string;
  before: number | string | boolean | null;
  after: number | string | boolean | null;
}

/** Something the user should know before applying. */
export interface ChangeWarning {
  /** Stable code, e.g. "MIN_INSTANCES_BILLED_IDLE". */
  code: string;
  severity: 'info' | 'warning';
  message: string;
  /** When true, apply is refused unless the code is listed in `acknowledgedWarnings`. */
  requiresAcknowledgement: boolean;
}

/** Result of Google's own validation of the change (Run `validateOnly`). */
export interface UpstreamValidation {
  /** "passed", or "failed" with Google's message; "skipped" when nothing changes. */
  status: 'passed' | 'failed' | 'skipped';
  message?: string;
}

/** POST .../scaling/preview response. */
export interface ScalingPreview {
  service: CloudRunService;
  current: ScalingSettings;
  proposed: ScalingSettings;
  diff: FieldChange[];
  warnings: ChangeWarning[];
  validation: UpstreamValidation;
  /** The etag the preview was made against; send it back to apply. */
  etag: string;
  /** Peak concurrent requests over the last 24 h used for the capacity check, if known. */
  peakConcurrentRequests24h: number | null;
  /** Cost of the change on Catalog (or list) prices, with formulas; absent when it could not be computed. */
  cost?: CostImpact;
  /** What the change does to the Redis instances and queues wired to the service (guardrails), before → after. */
  capacityImpact?: CapacityImpact[];
  /**
   * The service's last 7 days replayed under the current and the proposed settings (docs/what-if.md);
   * absent when nothing changes or Monitoring could not be read (then `whatIfError` says why).
   */
  whatIf?: WhatIfReport;
  /** Why the what-if is missing, when it failed; the rest of the preview stands. */
  whatIfError?: string;
}

/** POST .../scaling/apply response. */
export interface ScalingApplyResult {
  service: CloudRunService;
  /** Google long-running operation name. */
  operation: string;
  diff: FieldChange[];
}

/** The `details` of a 409 from apply: what the service looks like now. */
export interface ScalingConflictDetails {
  current: ScalingSettings;
  etag: string;
  service: CloudRunService;
}
