/**
 * The list across projects (`GET /recommendations`, docs/api.md): every project's recommendations,
 * most saving first, and the total finance sees.
 */
import { z } from 'zod';
import type { PanelError } from '../types/metrics';
import type { SnapshotMeta } from '../types/snapshot';
import type { Recommendation } from './recommendation';

/** Sums of a list, in its currency. */
export interface RecommendationTotals {
  /** Σ of the positive savings per month: what taking every saving recommendation saves. */
  monthlySaving: number;
  /** Σ of the negative savings per month, as a positive amount: what the raises cost. */
  monthlyCost: number;
  currency: string;
  /** Recommendations that save money, and all of them. */
  saving: number;
  count: number;
}

/** One project's part of the list, from its own snapshot. */
export interface ProjectRecommendations {
  projectId: string;
  /** Services read (with a week of data) and of those, recommended. */
  servicesRead: number;
  snapshot: SnapshotMeta;
  errors: PanelError[];
}

/** Answer of `GET /recommendations`. */
export interface RecommendationListResponse {
  /** Most saving first (then most cost last). */
  recommendations: Recommendation[];
  totals: RecommendationTotals;
  projects: ProjectRecommendations[];
  /** Projects whose recommendations could not be computed. */
  errors: PanelError[];
  /** The oldest project snapshot's age. */
  snapshot: SnapshotMeta;
}

/** Orders of the list (`?sort=`). */
export const recommendationQuerySchema = z
  .object({
    sort: z.enum(['saving', 'service']).default('saving'),
  })
  .strict();

/** Most saving first; ties by project and service, so the order is stable. */
export function sortRecommendations(
  list: readonly Recommendation[],
  sort: 'saving' | 'service' = 'saving',
): Recommendation[] {
  const byName = (a: Recommendation, b: Recommendation) =>
    a.projectId.localeCompare(b.projectId) ||
    a.service.localeCompare(b.service);
  return [...list].sort((a, b) =>
    sort === 'saving'
      ? b.monthlySaving - a.monthlySaving || byName(a, b)
      : byName(a, b),
  );
}

/** Totals of a list; `currency` names the list's when it is empty. */
export function recommendationTotals(
  list: readonly Recommendation[],
  currency = 'USD',
): RecommendationTotals {
  let monthlySaving = 0;
  let monthlyCost = 0;
  let saving = 0;
  for (const r of list) {
    if (r.monthlySaving > 0) {
      monthlySaving += r.monthlySaving;
      saving++;
    } else monthlyCost -= r.monthlySaving;
  }
  return {
    monthlySaving,
    monthlyCost,
    currency: list[0]?.currency ?? currency,
    saving,
    count: list.length,
  };
}
