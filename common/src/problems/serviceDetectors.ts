import type { ScalingSettings } from '../types/cloudRun';
import type { ServiceLiveSummary } from '../types/cloudRun';
import type { TimeWindow } from '../types/timeWindow';
import { formatDuration } from '../format/formatDuration';
import { int, pct, round3 } from './format';
import type { Problem } from './problemTypes';
import type { ServiceKindVerdict } from './serviceKind';
import { thresholdsForResource, type ProblemThresholds } from './thresholds';

/** What the service detectors look at: one Cloud Run service and its figures over a window. */
export interface ServiceHealthInput {
  projectId: string;
  region: string;
  name: string;
  scaling: ScalingSettings;
  summary: ServiceLiveSummary;
  /** 429 responses per second over the window; null when not measured. */
  throttled429PerSecond?: number | null;
  /** Container starts per hour over the window; null when not measured. */
  coldStartsPerHour?: number | null;
  window: TimeWindow;
  /** What the service is judged as; `request` when absent. */
  kind?: ServiceKindVerdict;
  /** The service's labels: `gcp-serverless-<threshold>` labels override the global thresholds for it. */
  labels?: Record<string, string>;
}

const kindOf = (s: ServiceHealthInput) => s.kind?.kind ?? 'request';

const base = (s: ServiceHealthInput) => ({
  projectId: s.projectId,
  resourceKind: 'service' as const,
  resource: s.name,
});

/** Suggested max instances: enough for the demand seen with 50 % headroom, at most Cloud Run's 1000. */
export function suggestedMaxInstances(current: number): number {
  return Math.min(1000, Math.max(current + 1, Math.ceil(current * 1.5)));
}

function atCapacityTitle(
  s: ServiceHealthInput,
  facts: {
    is429: boolean;
    longLived: boolean;
    throttled: number | null;
    instances: number | null;
  },
): string {
  if (facts.is429)
    return `${s.name} refuses ${
      facts.longLived ? 'connections' : 'requests'
    } with 429 (${round3(facts.throttled ?? 0)} /s)`;
  if (facts.longLived)
    return `${s.name} is at its connection capacity (${int(
      facts.instances ?? 0,
    )} of ${int(s.scaling.maxInstances)} instances × ${int(
      s.scaling.concurrency,
    )})`;
  return `${s.name} runs at its max of ${int(
    s.scaling.maxInstances,
  )} instances`;
}

/** A service running at (or near) its max instances, or answering 429 because it is: requests queue or are refused. */
export function detectServiceAtMax(
  s: ServiceHealthInput,
  t: ProblemThresholds,
): Problem | null {
  const { instances } = s.summary;
  const throttled = s.throttled429PerSecond ?? null;
  const atMax =
    instances !== null &&
    s.scaling.maxInstances > 0 &&
    instances / s.scaling.maxInstances >= t.maxInstancesRatio;
  const is429 = throttled !== null && throttled > t.throttled429PerSecond;
  if (!atMax && !is429) return null;
  const suggested = suggestedMaxInstances(s.scaling.maxInstances);
  const longLived = kindOf(s) === 'long-lived';
  const capacity = s.scaling.maxInstances * s.scaling.concurrency;
  return {
    ...base(s),
    code: is429 ? 'SERVICE_THROTTLED_429' : 'SERVICE_AT_MAX_INSTANCES',
    severity: is429 ? 'critical' : 'warning',
    title: atCapacityTitle(s, { is429, longLived, throttled, instances }),
    explanation: longLived
      ? `${s.name} holds long-lived connections (${
          s.kind!.reason
        }): it can hold at most max instances × concurrency = ` +
        `${int(
          capacity,
        )} at once, and new connections beyond that are refused with 429. Raise max instances (check what the ` +
        'extra instances do to Redis in the preview) or concurrency.'
      : `Cloud Run cannot start more than max instances (${int(
          s.scaling.maxInstances,
        )}); requests beyond ` +
        'max instances × concurrency wait and are then refused with 429. Raise max instances (check what the extra ' +
        'instances do to Redis and queues in the preview) or concurrency.',
    evidence: {
      metric:
        'run.googleapis.com/container/instance_count, request_count (429)',
      window: s.window,
      values: {
        instances,
        maxInstances: s.scaling.maxInstances,
        throttled429PerSecond: throttled,
        maxInstancesRatio: t.maxInstancesRatio,
        ...(longLived ? { connectionCapacity: capacity } : {}),
      },
    },
    link: {
      page: 'scaling',
      projectId: s.projectId,
      region: s.region,
      resource: s.name,
      suggested: { maxInstances: suggested },
      label: `Raise max instances to ${suggested}`,
    },
  };
}

/** Share of 5xx responses above the threshold. */
export function detectErrorRatio(
  s: ServiceHealthInput,
  t: ProblemThresholds,
): Problem | null {
  const ratio = s.summary.errorRatio5xx;
  if (
    ratio === null ||
    ratio <= t.errorRatio5xx ||
    (s.summary.requestsPerSecond ?? 0) <= 0
  )
    return null;
  return {
    ...base(s),
    code: 'SERVICE_5XX_RATIO',
    severity: ratio >= t.errorRatio5xxCritical ? 'critical' : 'warning',
    title: `${s.name} answers ${pct(ratio)} of requests with 5xx`,
    explanation:
      `More than ${pct(t.errorRatio5xx)} of the requests to ${
        s.name
      } failed with a server error over the last ${s.window}. ` +
      'Open the service to see the recent errors from Cloud Logging grouped by message.',
    evidence: {
      metric: 'run.googleapis.com/request_count (5xx ÷ all)',
      window: s.window,
      values: {
        errorRatio5xx: round3(ratio),
        requestsPerSecond: round3(s.summary.requestsPerSecond ?? 0),
        threshold: t.errorRatio5xx,
      },
    },
    link: {
      page: 'service',
      projectId: s.projectId,
      region: s.region,
      resource: s.name,
      label: 'See recent errors',
    },
  };
}

/**
 * p95 latency above the threshold (only with enough traffic to mean anything). Never for long-lived
 * services (a request is a session of minutes) nor queue workers (a request is a job): their latency
 * is the length of the work, not a sign of trouble.
 */
export function detectLatency(
  s: ServiceHealthInput,
  t: ProblemThresholds,
): Problem | null {
  if (kindOf(s) !== 'request') return null;
  const p95 = s.summary.latencyP95Ms;
  if (
    p95 === null ||
    p95 <= t.latencyP95Ms ||
    (s.summary.requestsPerSecond ?? 0) < t.minRequestsPerSecond
  )
    return null;
  return {
    ...base(s),
    code: 'SERVICE_P95_LATENCY',
    severity: p95 >= 2 * t.latencyP95Ms ? 'critical' : 'warning',
    title: `${s.name} p95 latency ${formatDuration(p95)}`,
    explanation:
      `One request in twenty to ${s.name} took longer than ${formatDuration(
        p95,
      )} over the last ${s.window} (threshold ${formatDuration(
        t.latencyP95Ms,
      )}). ` +
      'Look at the latency chart and instances: slow answers at max instances mean requests are queueing.',
    evidence: {
      metric: 'run.googleapis.com/request_latencies (p95)',
      window: s.window,
      values: { latencyP95Ms: round3(p95), threshold: t.latencyP95Ms },
    },
    link: {
      page: 'service',
      projectId: s.projectId,
      region: s.region,
      resource: s.name,
      label: 'Open the service',
    },
  };
}

/** Frequent container starts while min instances is 0: users wait for cold starts (a queue's jobs do not). */
export function detectColdStarts(
  s: ServiceHealthInput,
  t: ProblemThresholds,
): Problem | null {
  if (kindOf(s) === 'queue-worker') return null;
  const starts = s.coldStartsPerHour ?? null;
  if (
    starts === null ||
    s.scaling.minInstances > 0 ||
    starts <= t.coldStartsPerHour
  )
    return null;
  return {
    ...base(s),
    code: 'SERVICE_COLD_STARTS',
    severity: 'info',
    title: `${s.name} cold-starts ${round3(
      starts,
    )} times an hour with min instances 0`,
    explanation:
      'With min instances 0, every new instance starts on a user request, which waits for the container to boot. ' +
      'One warm instance (min instances 1) removes most of these waits; it is billed while idle (see the cost in the preview).',
    evidence: {
      metric: 'run.googleapis.com/container/startup_latencies (count)',
      window: s.window,
      values: {
        coldStartsPerHour: round3(starts),
        minInstances: 0,
        threshold: t.coldStartsPerHour,
      },
    },
    link: {
      page: 'scaling',
      projectId: s.projectId,
      region: s.region,
      resource: s.name,
      suggested: { minInstances: 1 },
      label: 'Set min instances to 1',
    },
  };
}

/**
 * Every service detector, in order, with the service's own thresholds (labels over the global ones).
 * Each problem's evidence says what kind the service was judged as, and which thresholds came from labels.
 */
export function detectServiceProblems(
  s: ServiceHealthInput,
  global: ProblemThresholds,
): Problem[] {
  const { thresholds: t, fromLabels } = thresholdsForResource(global, s.labels);
  const found = [
    detectServiceAtMax(s, t),
    detectErrorRatio(s, t),
    detectLatency(s, t),
    detectColdStarts(s, t),
  ].filter((p): p is Problem => p !== null);
  return found.map(p => ({
    ...p,
    evidence: {
      ...p.evidence,
      values: {
        ...p.evidence.values,
        ...(s.kind ? { serviceKind: `${s.kind.kind} (${s.kind.reason})` } : {}),
        ...(fromLabels.length > 0
          ? { thresholdsFromLabels: fromLabels.join(', ') }
          : {}),
      },
    },
  }));
}
