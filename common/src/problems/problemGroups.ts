import {
  PROBLEM_SEVERITY_RANK,
  type Problem,
  type ProblemCode,
  type ProblemSeverity,
} from './problemTypes';

/** Short human name of each kind of problem, for group headings and the kind filter. */
export const PROBLEM_KIND_LABELS: Record<ProblemCode, string> = {
  ROUTE_MISSING_BACKEND: 'Route to a missing backend',
  SERVICE_THROTTLED_429: 'Refused with 429',
  SERVICE_5XX_RATIO: '5xx responses',
  REDIS_REJECTING_CONNECTIONS: 'Redis rejecting connections',
  QUEUE_BACKLOG_GROWING: 'Queue backlog growing',
  QUEUE_OLDEST_TASK_AGEING: 'Queue tasks ageing',
  SERVICE_P95_LATENCY: 'p95 latency',
  SERVICE_AT_MAX_INSTANCES: 'At max instances',
  REDIS_NEAR_CONNECTION_LIMIT: 'Redis near its connection limit',
  REDIS_GUARDRAIL_EXCEEDED: 'Redis guardrail exceeded',
  CDN_LOW_HIT_RATIO: 'Low CDN hit ratio',
  SERVICE_COLD_STARTS: 'Cold starts',
  BUDGET_FORECAST_OVER: 'Budget forecast over',
};

/** Problems by severity. */
export type SeverityCounts = Record<ProblemSeverity, number>;

/** Problems of one kind (code) in one project, worst first. */
export interface ProblemKindGroup {
  code: ProblemCode;
  label: string;
  counts: SeverityCounts;
  problems: Problem[];
}

/** One project's problems, by kind. */
export interface ProblemProjectGroup {
  projectId: string;
  counts: SeverityCounts;
  kinds: ProblemKindGroup[];
}

/** Filters of the problems list (all optional; the page keeps them in the URL). */
export interface ProblemFilters {
  projectId?: string;
  severity?: ProblemSeverity;
  code?: ProblemCode;
}

const zero = (): SeverityCounts => ({ critical: 0, warning: 0, info: 0 });

/** Counts by severity. */
export function countBySeverity(problems: readonly Problem[]): SeverityCounts {
  const counts = zero();
  for (const p of problems) counts[p.severity]++;
  return counts;
}

/** The problems that pass the filters, order kept. */
export function filterProblems(
  problems: readonly Problem[],
  f: ProblemFilters,
): Problem[] {
  return problems.filter(
    p =>
      (!f.projectId || p.projectId === f.projectId) &&
      (!f.severity || p.severity === f.severity) &&
      (!f.code || p.code === f.code),
  );
}

/**
 * Groups ranked problems (worst first, see `rankProblems`) by project and then by kind. Groups come
 * in the order of their worst problem, so the project and the kind that hurt users most lead.
 */
export function groupProblems(
  ranked: readonly Problem[],
): ProblemProjectGroup[] {
  const projects = new Map<string, ProblemProjectGroup>();
  for (const p of ranked) {
    let project = projects.get(p.projectId);
    if (!project)
      projects.set(
        p.projectId,
        (project = { projectId: p.projectId, counts: zero(), kinds: [] }),
      );
    project.counts[p.severity]++;
    let kind = project.kinds.find(k => k.code === p.code);
    if (!kind)
      project.kinds.push(
        (kind = {
          code: p.code,
          label: PROBLEM_KIND_LABELS[p.code],
          counts: zero(),
          problems: [],
        }),
      );
    kind.counts[p.severity]++;
    kind.problems.push(p);
  }
  return [...projects.values()];
}

/** "2 critical · 1 warning" (severities with none left out), or "none". */
export function describeCounts(counts: SeverityCounts): string {
  const parts = (Object.keys(PROBLEM_SEVERITY_RANK) as ProblemSeverity[])
    .filter(s => counts[s] > 0)
    .map(s => `${counts[s]} ${s}`);
  return parts.length > 0 ? parts.join(' · ') : 'none';
}
