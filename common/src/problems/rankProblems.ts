import {
  PROBLEM_SEVERITY_RANK,
  type Problem,
  type ProblemCode,
} from './problemTypes';

/**
 * How directly a problem hurts users, most first: requests failing or refused now, then work piling
 * up, then slowness, then capacity that will run out, then cost and comfort. Within one severity this
 * puts "gryd-worker refuses requests with 429" above a latency figure.
 */
export const PROBLEM_IMPACT_ORDER: readonly ProblemCode[] = [
  'ROUTE_MISSING_BACKEND',
  'SERVICE_THROTTLED_429',
  'SERVICE_5XX_RATIO',
  'REDIS_REJECTING_CONNECTIONS',
  'QUEUE_BACKLOG_GROWING',
  'QUEUE_OLDEST_TASK_AGEING',
  'SERVICE_P95_LATENCY',
  'SERVICE_AT_MAX_INSTANCES',
  'REDIS_NEAR_CONNECTION_LIMIT',
  'REDIS_GUARDRAIL_EXCEEDED',
  'CDN_LOW_HIT_RATIO',
  'SERVICE_COLD_STARTS',
  'BUDGET_FORECAST_OVER',
];

const IMPACT_RANK = new Map(PROBLEM_IMPACT_ORDER.map((code, i) => [code, i]));

/** Worst first: by severity, then how directly users feel it, then project and resource, so the order is stable between loads. */
export function rankProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      PROBLEM_SEVERITY_RANK[a.severity] - PROBLEM_SEVERITY_RANK[b.severity] ||
      (IMPACT_RANK.get(a.code) ?? 99) - (IMPACT_RANK.get(b.code) ?? 99) ||
      a.projectId.localeCompare(b.projectId) ||
      a.resource.localeCompare(b.resource) ||
      a.code.localeCompare(b.code),
  );
}

/** Health of a group of resources from its problems: the worst severity, or `ok`. */
export function healthOf(
  problems: readonly Problem[],
): 'ok' | Problem['severity'] {
  let worst: 'ok' | Problem['severity'] = 'ok';
  for (const p of problems)
    if (
      worst === 'ok' ||
      PROBLEM_SEVERITY_RANK[p.severity] < PROBLEM_SEVERITY_RANK[worst]
    )
      worst = p.severity;
  return worst;
}
