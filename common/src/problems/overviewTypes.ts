import type { SnapshotMeta } from '../types/snapshot';
import type { PanelError } from '../types/metrics';
import type { TimeWindow } from '../types/timeWindow';
import type { Problem, ProblemSeverity } from './problemTypes';
import type { ProblemThresholds } from './thresholds';

/** Health of a group: `ok`, the worst problem's severity, or `unknown` when its data failed to load. */
export type Health = 'ok' | ProblemSeverity | 'unknown';

/** Count and health of one kind of resource in a project. */
export interface ResourceHealth {
  /** Resources of the kind; null when the list failed. */
  count: number | null;
  /** Resources with at least one problem. */
  withProblems: number;
  health: Health;
  /** When `health` is `unknown`: the real reason the list could not be read (the read's own error message). */
  error?: string;
}

/** Month-to-date spend of a project against the budgets covering it. */
export interface ProjectCost {
  /** Currency units spent this month (net of credits), or null. */
  monthToDate: number | null;
  /** Forecast to the end of the month, or null. */
  forecast: number | null;
  /** Sum of the amounts of the monthly budgets scoped to the project, or null when none. */
  budget: number | null;
  /** ISO 4217. */
  currency: string;
}

/** One configured project on the index page. */
export interface ProjectOverview {
  projectId: string;
  displayName: string;
  health: Health;
  services: ResourceHealth;
  routes: ResourceHealth & {
    /** Host and path rules across the project's URL maps. */ rules:
      | number
      | null;
  };
  queues: ResourceHealth;
  redis: ResourceHealth;
  cdn: ResourceHealth & {
    /** Request-weighted hit ratio of the CDN-enabled backends over the window, 0..1, or null. */ hitRatio:
      | number
      | null;
  };
  cost: ProjectCost | null;
  /** This project's problems, worst first. */
  problems: Problem[];
  /** Panels that failed (source prefixed with the area, e.g. "services.requests"). */
  errors: PanelError[];
}

/** GET /overview?window= */
export interface OverviewResponse {
  /** Age of the read-model snapshot this answer came from. */
  snapshot?: SnapshotMeta;
  window: TimeWindow;
  /** ISO 8601 end of the window. */
  asOf: string;
  projects: ProjectOverview[];
  /** Every project's problems, worst first. */
  problems: Problem[];
  /** Thresholds in force (defaults with the configured overrides). */
  thresholds: ProblemThresholds;
  /** Failures not tied to one project (e.g. budgets). */
  errors: PanelError[];
}

/**
 * GET /projects/:projectId/overview?window=: one project's card and problems, so the index page draws a
 * card per project at once and fills each in as its own answer arrives.
 */
export interface ProjectOverviewResponse {
  /** Age of the read-model snapshot this answer came from. */
  snapshot?: SnapshotMeta;
  window: TimeWindow;
  /** ISO 8601 end of the window. */
  asOf: string;
  project: ProjectOverview;
  /** Thresholds in force (defaults with the configured overrides). */
  thresholds: ProblemThresholds;
}
