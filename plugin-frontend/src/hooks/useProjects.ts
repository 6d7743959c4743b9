import type { UseQueryResult } from '@tanstack/react-query';
import type {
  ProjectListResponse,
  ProjectSummary,
} from '@gcp-serverless/common';
import { useProjectsQuery } from '../queries/reads';

/** The allowlisted projects: one `GET /projects` per page load, shared by every component that asks. */
export function useProjects(): UseQueryResult<ProjectListResponse> {
  return useProjectsQuery();
}

/** One project of the list by id, or undefined while loading or when it is not in the allowlist. */
export function useProject(
  projectId: string | undefined,
): ProjectSummary | undefined {
  const { data } = useProjects();
  return data?.projects.find(p => p.projectId === projectId);
}
