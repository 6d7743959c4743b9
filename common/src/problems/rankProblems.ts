import { PROBLEM_SEVERITY_RANK, type Problem } from './problemTypes';

/** Worst first: by severity, then project, then resource, so the order is stable between loads. */
export function rankProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      PROBLEM_SEVERITY_RANK[a.severity] - PROBLEM_SEVERITY_RANK[b.severity] ||
      a.projectId.localeCompare(b.projectId) ||
      a.resource.localeCompare(b.resource) ||
      a.code.localeCompare(b.code),
  );
}

/** Health of a group of resources from its problems: the worst severity, or `ok`. */
export function healthOf(problems: readonly Problem[]): 'ok' | Problem['severity'] {
  let worst: 'ok' | Problem['severity'] = 'ok';
  for (const p of problems) if (worst === 'ok' || PROBLEM_SEVERITY_RANK[p.severity] < PROBLEM_SEVERITY_RANK[worst]) worst = p.severity;
  return worst;
}
