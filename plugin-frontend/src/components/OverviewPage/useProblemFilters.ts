import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  PROBLEM_KIND_LABELS,
  PROBLEM_SEVERITY_RANK,
  type ProblemCode,
  type ProblemFilters,
  type ProblemSeverity,
} from '@gcp-serverless/common';

/** Query parameters of the problems filters, so a filtered view is a shareable link. */
export const PROBLEM_FILTER_PARAMS = {
  projectId: 'project',
  severity: 'severity',
  code: 'kind',
} as const;

/** Reads the filters from the query string; unknown values are ignored. */
export function parseProblemFilters(params: URLSearchParams): ProblemFilters {
  const project = params.get(PROBLEM_FILTER_PARAMS.projectId);
  const severity = params.get(PROBLEM_FILTER_PARAMS.severity);
  const kind = params.get(PROBLEM_FILTER_PARAMS.code);
  return {
    ...(project ? { projectId: project } : {}),
    ...(severity && severity in PROBLEM_SEVERITY_RANK
      ? { severity: severity as ProblemSeverity }
      : {}),
    ...(kind && kind in PROBLEM_KIND_LABELS
      ? { code: kind as ProblemCode }
      : {}),
  };
}

/** The problems filters held in the URL (`?project=&severity=&kind=`); setting one keeps every other parameter. */
export function useProblemFilters(): [
  ProblemFilters,
  (key: keyof ProblemFilters, value: string | undefined) => void,
] {
  const [searchParams, setSearchParams] = useSearchParams();
  const set = useCallback(
    (key: keyof ProblemFilters, value: string | undefined) =>
      setSearchParams(
        prev => {
          const params = new URLSearchParams(prev);
          if (value) params.set(PROBLEM_FILTER_PARAMS[key], value);
          else params.delete(PROBLEM_FILTER_PARAMS[key]);
          return params;
        },
        { replace: true },
      ),
    [setSearchParams],
  );
  return [parseProblemFilters(searchParams), set];
}
