/** How urgent a problem is: `critical` = users are affected now, `warning` = will be soon or partly, `info` = worth a look. */
export type ProblemSeverity = 'critical' | 'warning' | 'info';

/** Order of severities, worst first (lower = worse). */
export const PROBLEM_SEVERITY_RANK: Record<ProblemSeverity, number> = {
  critical: 0,
  warning: 1,
  info: 2,
};

/** Stable codes of the problems the portal detects (docs/problems.md). */
export type ProblemCode =
  | 'SERVICE_AT_MAX_INSTANCES'
  | 'SERVICE_THROTTLED_429'
  | 'SERVICE_5XX_RATIO'
  | 'SERVICE_P95_LATENCY'
  | 'SERVICE_COLD_STARTS'
  | 'QUEUE_BACKLOG_GROWING'
  | 'QUEUE_OLDEST_TASK_AGEING'
  | 'REDIS_NEAR_CONNECTION_LIMIT'
  | 'REDIS_REJECTING_CONNECTIONS'
  | 'REDIS_GUARDRAIL_EXCEEDED'
  | 'CDN_LOW_HIT_RATIO'
  | 'BUDGET_FORECAST_OVER'
  | 'ROUTE_MISSING_BACKEND';

/** What the detector saw: a metric over a window and the figures compared. */
export interface ProblemEvidence {
  /** Metric or source, e.g. "run.googleapis.com/request_count (5xx ÷ all)". */
  metric: string;
  /** Time window the values cover, e.g. "1h", or "now". */
  window: string;
  /** Named figures, e.g. { errorRatio5xx: 0.12, threshold: 0.05 }; units in the key or `unit`. */
  values: Record<string, number | string | null>;
}

/** Pages of the portal a problem links to (the page that fixes it). */
export type ProblemPage =
  | 'service'
  | 'scaling'
  | 'queues'
  | 'redis'
  | 'cdn'
  | 'routing'
  | 'budgets';

/** Where to go to fix it; the frontend turns it into a route, `suggested` into the query string. */
export interface ProblemLink {
  page: ProblemPage;
  projectId: string;
  region?: string;
  /** Resource id on that page (service, queue, instance, backend, URL map, budget). */
  resource?: string;
  /** Suggested new values for the form, e.g. { maxInstances: 20 }. */
  suggested?: Record<string, number | string | boolean>;
  /** Short label of the action, e.g. "Raise max instances to 20". */
  label: string;
}

/** A problem worth acting on, with the evidence and the place that fixes it. */
export interface Problem {
  code: ProblemCode;
  severity: ProblemSeverity;
  projectId: string;
  /** Kind and id of the resource concerned. */
  resourceKind: 'service' | 'queue' | 'redis' | 'cdn' | 'budget' | 'urlMap';
  resource: string;
  /** One-line title, e.g. "gryd-be returns 12 % 5xx". */
  title: string;
  /** Plain-language explanation: what it means for users and what to do. */
  explanation: string;
  evidence: ProblemEvidence;
  link: ProblemLink;
}
