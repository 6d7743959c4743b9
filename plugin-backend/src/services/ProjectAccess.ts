import { NotFoundError, type ProjectSummary } from '@gcp-serverless/common';
import type { GcpServerlessConfig } from '../config/config';

/**
 * The configured allowlist of projects and regions. Every route resolves its project and region
 * here before any Google call, so nothing outside the allowlist is ever read or written: an unknown
 * project or region is a 404 that costs no upstream request.
 */
export class ProjectAccess {
  private readonly projects: Map<string, ProjectSummary>;

  constructor(config: Pick<GcpServerlessConfig, 'projects'>) {
    this.projects = new Map(
      config.projects.map(p => [
        p.projectId,
        {
          projectId: p.projectId,
          displayName: p.displayName ?? p.projectId,
          regions: [...p.regions],
        },
      ]),
    );
  }

  list(): ProjectSummary[] {
    return [...this.projects.values()];
  }

  /** The allowed project, or NotFoundError. */
  project(projectId: string): ProjectSummary {
    const project = this.projects.get(projectId);
    if (!project)
      throw new NotFoundError(
        `Project ${projectId} is not configured in gcp-serverless`,
      );
    return project;
  }

  /** The allowed project after checking the region is in its allowlist, or NotFoundError. */
  region(projectId: string, region: string): ProjectSummary {
    const project = this.project(projectId);
    if (!project.regions.includes(region)) {
      throw new NotFoundError(
        `Region ${region} is not configured for project ${projectId} (configured: ${project.regions.join(
          ', ',
        )})`,
      );
    }
    return project;
  }
}
