/**
 * Thresholds of the problem detectors. Every field has a documented default (docs/problems.md);
 * configuration may override any of them (`gcpServerless.problems.thresholds`).
 */
export interface ProblemThresholds {
  /** Share of 5xx responses over the window above which a service is flagged (0..1). Default 0.05 (5 %). */
  errorRatio5xx: number;
  /** Share of 5xx responses above which the problem is critical (0..1). Default 0.2. */
  errorRatio5xxCritical: number;
  /** p95 request latency above which a service is flagged, milliseconds. Default 2000. */
  latencyP95Ms: number;
  /** Instances now ÷ max instances at or above which a service counts as at its limit (0..1). Default 0.95. */
  maxInstancesRatio: number;
  /** 429 responses per second over the window above which a service counts as throttled. Default 0.1. */
  throttled429PerSecond: number;
  /** Container starts per hour above which cold starts count as frequent (only with min instances 0). Default 6. */
  coldStartsPerHour: number;
  /** Queue depth growth over the window (tasks) above which a backlog counts as growing. Default 100. */
  queueBacklogGrowth: number;
  /** Age of the oldest task above which a queue counts as ageing, seconds. Default 600. */
  queueOldestTaskSeconds: number;
  /** Connected clients ÷ limit at or above which Redis is near its connection limit (0..1). Default 0.8. */
  redisConnectionsRatio: number;
  /** CDN hit ratio below which a CDN-enabled static backend is flagged (0..1). Default 0.6. */
  cdnHitRatio: number;
  /** Minimum requests per second for the CDN and latency checks to mean anything. Default 0.5. */
  minRequestsPerSecond: number;
  /** Forecast ÷ budget amount above which a budget is flagged (1 = the amount). Default 1. */
  budgetForecastRatio: number;
}

/** The documented defaults (docs/problems.md). */
export const DEFAULT_PROBLEM_THRESHOLDS: ProblemThresholds = {
  errorRatio5xx: 0.05,
  errorRatio5xxCritical: 0.2,
  latencyP95Ms: 2000,
  maxInstancesRatio: 0.95,
  throttled429PerSecond: 0.1,
  coldStartsPerHour: 6,
  queueBacklogGrowth: 100,
  queueOldestTaskSeconds: 600,
  redisConnectionsRatio: 0.8,
  cdnHitRatio: 0.6,
  minRequestsPerSecond: 0.5,
  budgetForecastRatio: 1,
};

/** Defaults with the configured overrides applied. */
export function resolveProblemThresholds(
  overrides?: Partial<ProblemThresholds>,
): ProblemThresholds {
  return { ...DEFAULT_PROBLEM_THRESHOLDS, ...(overrides ?? {}) };
}

/** Prefix of the labels that override a threshold for one resource, e.g. `gcp-serverless-latency-p95-ms: "5000"`. */
export const THRESHOLD_LABEL_PREFIX = 'gcp-serverless-';

/** Each threshold's label key, made once: the detectors look up every threshold of every resource. */
const labelKeys = new Map<string, string>();

/** The label key of a threshold: the prefix and the key in kebab case (`latencyP95Ms` → `gcp-serverless-latency-p95-ms`). */
export function thresholdLabelKey(key: keyof ProblemThresholds): string {
  let labelKey = labelKeys.get(key);
  if (labelKey === undefined) {
    labelKey =
      THRESHOLD_LABEL_PREFIX +
      key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
    labelKeys.set(key, labelKey);
  }
  return labelKey;
}

/**
 * A threshold value from a label: label values allow no dot, so `_` stands for the decimal point
 * (`0_02` = 0.02); a dot is accepted too (catalog annotations allow it). Anything else is ignored.
 */
function parseThresholdValue(raw: string): number | null {
  const text = raw.trim().replace('_', '.');
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

/**
 * The thresholds for one resource: the global ones (defaults + `problems.thresholds`) with any
 * `gcp-serverless-<threshold>` label of the resource applied, and which keys came from a label.
 */
export function thresholdsForResource(
  global: ProblemThresholds,
  labels: Record<string, string> | undefined,
): { thresholds: ProblemThresholds; fromLabels: (keyof ProblemThresholds)[] } {
  if (!labels) return { thresholds: global, fromLabels: [] };
  const thresholds = { ...global };
  const fromLabels: (keyof ProblemThresholds)[] = [];
  for (const key of Object.keys(global) as (keyof ProblemThresholds)[]) {
    const raw = labels[thresholdLabelKey(key)];
    const value = raw === undefined ? null : parseThresholdValue(raw);
    if (value === null) continue;
    thresholds[key] = value;
    fromLabels.push(key);
  }
  return { thresholds, fromLabels };
}
