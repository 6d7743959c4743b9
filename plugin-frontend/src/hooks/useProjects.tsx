import { createContext, useContext, type ReactNode } from 'react';
import type {
  ProjectListResponse,
  ProjectSummary,
} from '@gcp-serverless/common';
import { useGcpServerlessApi } from '../api/GcpServerlessApiContext';
import { useAsyncData, type AsyncData } from './useAsyncData';

const ProjectsContext = createContext<
  AsyncData<ProjectListResponse> | undefined
>(undefined);

/** Loads the project list once for the whole plugin page and shares it with the pages below. */
export function ProjectsProvider({ children }: { children?: ReactNode }) {
  const api = useGcpServerlessApi();
  const projects = useAsyncData(signal => api.listProjects({ signal }), [api]);
  return (
    <ProjectsContext.Provider value={projects}>
      {children}
    </ProjectsContext.Provider>
  );
}

/** The project list loaded by the nearest {@link ProjectsProvider}. */
export function useProjects(): AsyncData<ProjectListResponse> {
  const projects = useContext(ProjectsContext);
  if (!projects)
    throw new Error('useProjects must be used inside <ProjectsProvider>');
  return projects;
}

/** One project of the list by id, or undefined while loading or when it is not in the allowlist. */
export function useProject(
  projectId: string | undefined,
): ProjectSummary | undefined {
  const { value } = useProjects();
  return value?.projects.find(p => p.projectId === projectId);
}
