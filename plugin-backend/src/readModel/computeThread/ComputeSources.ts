import type { PageSources } from '../PageSnapshots';
import type { ThrottleMetrics } from '../../services/ThrottleMetrics';
import type { RecommendationService } from '../../services/recommendations/RecommendationService';

/**
 * Every read of Google a snapshot computation makes: the pages' direct reads, the overview's one
 * Monitoring query of throttled requests and cold starts, and a project's recommendations (a week
 * of every service's metrics, the largest decoding the plugin does). Their arguments and answers are plain data
 * (no class instances), so they can be computed in the read model's own thread (ComputeThread).
 */
export interface ComputeSources extends PageSources {
  throttles: Pick<ThrottleMetrics, 'throttledPerSecond' | 'coldStartsPerHour'>;
  recommendations: Pick<RecommendationService, 'project'>;
}

/** The name of one of the sources. */
export type ComputeSourceName = keyof ComputeSources;

/** The methods a computation calls on each source: the only ones the thread answers. */
export const COMPUTE_METHODS: {
  [S in ComputeSourceName]: ReadonlyArray<keyof ComputeSources[S] & string>;
} = {
  catalog: ['listServices'],
  queues: ['listQueues'],
  redis: ['listInstances'],
  routing: ['overview'],
  cdn: ['overview'],
  costs: ['report'],
  budgets: ['list'],
  throttles: ['throttledPerSecond', 'coldStartsPerHour'],
  recommendations: ['project'],
};
