import {
  parseCpuLimit,
  parseMemoryGiB,
  recommendScaling,
  sortRecommendations,
  CLOUD_RUN_LIST_PRICES_USD,
  QUEUE_TARGET_LABEL,
  REDIS_MAX_CONNECTED_CLIENTS,
  type CloudRunPrices,
  type CloudRunService,
  type PanelError,
  type Recommendation,
  type RedisLimit,
  type WiringOverride,
} from '@gcp-serverless/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CapacityContextLoader } from '../CapacityContextLoader';
import { redisBudgetOf, type CapacityContext } from '../CapacityGuardrails';
import type { ProjectAccess } from '../ProjectAccess';
import type { Clock } from '../ServiceCatalogService';
import type { ScalingCostEstimator } from '../costs/ScalingCostEstimator';
import { fleetKey, type FleetWeekReader } from './FleetWeekReader';

/** Longest stretch of the rules between two turns of the event loop, ms. */
const SLICE_MS = 10;

/** One project's recommendations, as its snapshot holds them. */
export interface ProjectRecommendationsValue {
  projectId: string;
  /** Services with a week of data that the rules looked at. */
  servicesRead: number;
  /** Most saving first. */
  recommendations: Recommendation[];
  /** Parts that could not be read (Redis, queues): the rules ran without them. */
  errors: PanelError[];
}

/**
 * The right-sizing recommendations of one project (docs/recommendations.md): the services and their
 * Redis wiring from the capacity context, every service's week from one Monitoring call per metric,
 * the region's prices, then the pure rules of `common/src/recommendations` per service.
 */
export class RecommendationService {
  private readonly deps: {
    access: ProjectAccess;
    capacity: CapacityContextLoader;
    reader: FleetWeekReader;
    now: Clock;
    costs?: ScalingCostEstimator;
    wiring: WiringOverride[];
  };

  constructor(deps: {
    access: ProjectAccess;
    /** Services, Redis instances and queues of the project, and the Redis connection estimates. */
    capacity: CapacityContextLoader;
    reader: FleetWeekReader;
    now: Clock;
    /** Catalog prices; absent = list prices. */
    costs?: ScalingCostEstimator;
    /** The operator's wiring overrides (`capacity.wiring`): which services are queue targets. */
    wiring: WiringOverride[];
  }) {
    this.deps = deps;
  }

  /** Computes the project's recommendations now (the read model keeps the result). */
  async project(projectId: string): Promise<ProjectRecommendationsValue> {
    const project = this.deps.access.project(projectId);
    const endMs = this.deps.now();
    const [loaded, weeks, prices] = await Promise.all([
      // The services and what the Redis limits need, no more: the rules read no queue and no
      // latency of the capacity context (a fleet's 24 h of those are hundreds of thousands of points).
      this.deps.capacity.loadForRedisBudgets(project, endMs),
      this.deps.reader.readProject(projectId, project.regions, endMs),
      this.pricesByRegion(project.regions),
    ]);
    const { context, errors } = loaded;
    // Without the services there is nothing to recommend: fail, so the last good snapshot stays.
    const servicesError = errors.find(e => e.source === 'services');
    if (servicesError) throw new Error(servicesError.message);
    const redis = this.redisLimits(context);
    const recommendations: Recommendation[] = [];
    let servicesRead = 0;
    // A fleet's rules replay a week per service: other requests are served every few ms of it.
    let sliceStart = performance.now();
    for (const service of context.services) {
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextTurn();
        sliceStart = performance.now();
      }
      const hours = weeks.get(fleetKey(service.region, service.name));
      if (!hours || hours.length === 0) continue;
      servicesRead++;
      const recommendation = recommendScaling(
        {
          projectId,
          region: service.region,
          service: service.name,
          settings: service.scaling,
          cpu: parseCpuLimit(service.cpu),
          memoryGiB: parseMemoryGiB(service.memory),
          cpuIdle: service.cpuIdle,
          refusalsRetried: this.isQueueTarget(service),
          hours,
          redis: redis.get(service.name) ?? null,
        },
        prices.get(service.region) ?? CLOUD_RUN_LIST_PRICES_USD,
      );
      if (recommendation) recommendations.push(recommendation);
    }
    return {
      projectId,
      servicesRead,
      recommendations: sortRecommendations(recommendations),
      errors,
    };
  }

  /**
   * For each Redis instance whose worst case exceeds its limit, the service contributing the most
   * connections (docs/recommendations.md, "Redis-unsafe max"): its max is the one to lower.
   */
  private redisLimits(ctx: CapacityContext): Map<string, RedisLimit> {
    const out = new Map<string, RedisLimit>();
    for (const instance of ctx.redis) {
      const budget = redisBudgetOf(ctx, instance);
      if (!budget.exceedsLimit || budget.terms.length === 0) continue;
      const largest = budget.terms.reduce((a, b) =>
        b.connections > a.connections ? b : a,
      );
      if (out.has(largest.service)) continue;
      out.set(largest.service, {
        instance: instance.name,
        connectionsPerInstance: largest.connectionsPerInstance,
        otherConnections: budget.worstCase - largest.connections,
        limit: budget.limit ?? REDIS_MAX_CONNECTED_CLIENTS,
      });
    }
    return out;
  }

  private async pricesByRegion(
    regions: string[],
  ): Promise<Map<string, CloudRunPrices>> {
    const costs = this.deps.costs;
    const list = await Promise.all(
      regions.map(async r => {
        const prices = costs
          ? await costs.prices(r).catch(() => CLOUD_RUN_LIST_PRICES_USD)
          : CLOUD_RUN_LIST_PRICES_USD;
        return [r, prices] as const;
      }),
    );
    return new Map(list);
  }

  /** A Cloud Tasks queue's target: its 429s come back as retries (docs/what-if.md, "Retried work"). */
  private isQueueTarget(service: CloudRunService): boolean {
    if (service.labels[QUEUE_TARGET_LABEL]) return true;
    return this.deps.wiring.some(
      o =>
        o.projectId === service.projectId &&
        o.service === service.name &&
        (o.queueTargets?.length ?? 0) > 0,
    );
  }
}
