import {
  recommendationTotals,
  sortRecommendations,
  type PanelError,
  type ProjectRecommendations,
  type RecommendationListResponse,
} from '@gcp-serverless/common';
import type { ProjectAccess } from '../services/ProjectAccess';
import { toPanelError } from '../services/panelErrors';
import type {
  ProjectRecommendationsValue,
  RecommendationService,
} from '../services/recommendations/RecommendationService';
import type { ReadModel, Served } from './ReadModel';
import { combineSnapshotMeta } from './snapshotMeta';

/** Cache key of a project's recommendations. */
export const recommendationsKey = (projectId: string) =>
  `recommendations/${projectId}`;

/**
 * The recommendations in the read model (docs/recommendations.md, "Freshness"): a snapshot per
 * project, computed from a week of hourly figures, so it is kept fresh for an hour (its own
 * `ReadModel` timing), refreshed in the background and served stale-while-revalidate with its age.
 * The list across projects joins the projects' snapshots; one failing project leaves the others.
 */
export class RecommendationSnapshots {
  private readonly model: ReadModel;
  private readonly access: ProjectAccess;
  private readonly service: Pick<RecommendationService, 'project'>;

  constructor(deps: {
    model: ReadModel;
    access: ProjectAccess;
    service: Pick<RecommendationService, 'project'>;
  }) {
    this.model = deps.model;
    this.access = deps.access;
    this.service = deps.service;
  }

  /** One project's snapshot (computed when missing, waited for once however many ask). */
  project(projectId: string): Promise<Served<ProjectRecommendationsValue>> {
    this.access.project(projectId);
    return this.model.read(recommendationsKey(projectId), () =>
      this.service.project(projectId),
    );
  }

  /** `GET /recommendations`: every configured project's recommendations in one list. */
  async list(
    sort: 'saving' | 'service' = 'saving',
  ): Promise<RecommendationListResponse> {
    const projects = this.access.list();
    const settled = await Promise.allSettled(
      projects.map(p => this.project(p.projectId)),
    );
    const errors: PanelError[] = [];
    const parts: ProjectRecommendations[] = [];
    const all = settled.flatMap((r, i) => {
      if (r.status === 'rejected') {
        errors.push(
          toPanelError(
            `recommendations of ${projects[i]!.projectId}`,
            r.reason,
          ),
        );
        return [];
      }
      parts.push({
        projectId: r.value.projectId,
        servicesRead: r.value.servicesRead,
        snapshot: r.value.snapshot,
        errors: r.value.errors,
      });
      return r.value.recommendations;
    });
    const recommendations = sortRecommendations(all, sort);
    return {
      recommendations,
      totals: recommendationTotals(recommendations),
      projects: parts,
      errors,
      snapshot: combineSnapshotMeta(parts.map(p => p.snapshot)),
    };
  }

  /** The background run: every project in turn (a fleet's reads never overlap another's). */
  async refreshAll(signal?: AbortSignal): Promise<void> {
    for (const p of this.access.list()) {
      if (signal?.aborted) return;
      await this.refreshProject(p.projectId).catch(() => undefined);
    }
  }

  /** Recomputes a project's recommendations now (after an apply on it, or in the background). */
  refreshProject(projectId: string, startedAfterMs?: number): Promise<unknown> {
    return this.model.refresh(
      recommendationsKey(projectId),
      () => this.service.project(projectId),
      { startedAfterMs },
    );
  }
}
