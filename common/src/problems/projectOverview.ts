import type { ServiceListResponse } from '../types/api';
import type { BudgetWithSpend } from '../types/budgets';
import type {
  CdnOverviewResponse,
  RoutingOverviewResponse,
} from '../types/loadBalancing';
import type { PanelError } from '../types/metrics';
import type { QueueListResponse } from '../types/queues';
import type { RedisListResponse } from '../types/redis';
import type { TimeWindow } from '../types/timeWindow';
import {
  detectQueueAgeing,
  detectQueueBacklog,
  detectRedisConnections,
  detectRedisGuardrail,
} from './capacityDetectors';
import type {
  Health,
  ProjectCost,
  ProjectOverview,
  ResourceHealth,
} from './overviewTypes';
import {
  detectBudgetForecast,
  detectCdnHitRatio,
  detectMissingBackends,
} from './platformDetectors';
import type { Problem } from './problemTypes';
import { healthOf, rankProblems } from './rankProblems';
import { detectServiceProblems } from './serviceDetectors';
import { serviceKindOf } from './serviceKind';
import type { ProblemThresholds } from './thresholds';

/** What one project's overview is built from; null = that read failed (its error is in `errors`). */
export interface ProjectOverviewInput {
  projectId: string;
  displayName: string;
  window: TimeWindow;
  services: ServiceListResponse | null;
  /** 429 responses per second by `region/service`, when measured. */
  throttled?: Map<string, number> | null;
  /** Container starts per hour by `region/service`, when measured. */
  coldStarts?: Map<string, number> | null;
  routing: RoutingOverviewResponse | null;
  queues: QueueListResponse | null;
  redis: RedisListResponse | null;
  cdn: CdnOverviewResponse | null;
  /** Budgets covering the project (null when budgets failed or none is configured). */
  budgets: BudgetWithSpend[] | null;
  errors: PanelError[];
}

/**
 * Sources whose failure means a kind's list is not known (as opposed to a figure missing): the
 * list calls of each area, as prefixed by the backend ("routing.urlMaps", "cdn.backendBuckets").
 */
const LIST_SOURCES: Record<
  'services' | 'routes' | 'queues' | 'redis' | 'cdn',
  string[]
> = {
  services: ['services'],
  routes: ['routing', 'routing.urlMaps'],
  queues: ['queues'],
  redis: ['redis'],
  cdn: ['cdn', 'cdn.backendServices', 'cdn.backendBuckets'],
};

/** The failures of a kind's list reads, or null when they all answered. */
function listFailure(
  kind: keyof typeof LIST_SOURCES,
  errors: PanelError[],
): PanelError[] | null {
  const failed = errors.filter(e => LIST_SOURCES[kind].includes(e.source));
  return failed.length > 0 ? failed : null;
}

/** A kind's count and health; `unknown` with the real reason (the read's own error) when its list failed. */
function group(
  count: number | null,
  problems: Problem[],
  failed: PanelError[] | null = null,
): ResourceHealth {
  const withProblems = new Set(problems.map(p => p.resource)).size;
  if (count === null || failed) {
    const reason =
      failed?.map(e => e.message).join('; ') ?? 'the list could not be read';
    return { count: null, withProblems, health: 'unknown', error: reason };
  }
  return { count, withProblems, health: healthOf(problems) };
}

function worst(healths: Health[]): Health {
  const order: Health[] = ['critical', 'warning', 'unknown', 'info', 'ok'];
  return order.find(h => healths.includes(h)) ?? 'ok';
}

/** Request-weighted hit ratio of CDN-enabled backends with figures. */
function cdnHitRatio(cdn: CdnOverviewResponse): number | null {
  let hits = 0;
  let total = 0;
  for (const b of cdn.backends) {
    if (!b.enableCdn || b.hitRatio === null || !b.requestsPerSecond) continue;
    hits += b.hitRatio * b.requestsPerSecond;
    total += b.requestsPerSecond;
  }
  return total > 0 ? hits / total : null;
}

function costOf(budgets: BudgetWithSpend[] | null): ProjectCost | null {
  const monthly = (budgets ?? []).filter(b => b.period === 'MONTH');
  if (monthly.length === 0) return null;
  const sum = (f: (b: BudgetWithSpend) => number | null) =>
    monthly.reduce<number | null>(
      (acc, b) => (f(b) === null ? acc : (acc ?? 0) + f(b)!),
      null,
    );
  // Budgets overlapping in scope would double-count spend: the project's spend is the largest actual, not the sum.
  const max = (f: (b: BudgetWithSpend) => number | null) =>
    monthly.reduce<number | null>(
      (acc, b) => (f(b) === null ? acc : Math.max(acc ?? 0, f(b)!)),
      null,
    );
  return {
    monthToDate: max(b => b.spend.actual),
    forecast: max(b => b.spend.forecast),
    budget: sum(b => b.amount),
    currency: monthly[0]!.currency,
  };
}

/**
 * One project's counts, health and problems from the pages' own batched reads (services, routing,
 * queues, Redis, CDN, budgets). Pure: the backend fetches, this decides.
 */
export function buildProjectOverview(
  input: ProjectOverviewInput,
  t: ProblemThresholds,
): ProjectOverview {
  const { projectId, window } = input;
  const targetOf = new Map<string, string[]>();
  for (const q of input.queues?.queues ?? [])
    for (const w of q.targets ?? [])
      targetOf.set(w.service, [...(targetOf.get(w.service) ?? []), q.name]);
  const services = (input.services?.services ?? []).flatMap(s =>
    detectServiceProblems(
      {
        projectId,
        region: s.region,
        name: s.name,
        scaling: s.scaling,
        summary: s.summary,
        window,
        kind: serviceKindOf({
          labels: s.labels,
          timeoutSeconds: s.timeoutSeconds,
          targetOf: targetOf.get(s.name),
        }),
        labels: s.labels,
        throttled429PerSecond: input.throttled
          ? input.throttled.get(`${s.region}/${s.name}`) ?? 0
          : null,
        coldStartsPerHour: input.coldStarts
          ? input.coldStarts.get(`${s.region}/${s.name}`) ?? 0
          : null,
      },
      t,
    ),
  );
  const routing = input.routing;
  const known = routing
    ? {
        backendServices: routing.backendServices.map(b => b.name),
        backendBuckets: routing.backendBuckets.map(b => b.name),
      }
    : null;
  const routes =
    routing && known
      ? routing.urlMaps.flatMap(m => detectMissingBackends(projectId, m, known))
      : [];
  const routesFailed = listFailure('routes', input.errors);
  const rules =
    routing && !routesFailed
      ? routing.urlMaps.reduce(
          (n, m) =>
            n +
            (m.spec.hostRules ?? []).length +
            (m.spec.pathMatchers ?? []).reduce(
              (k, pm) =>
                k + (pm.pathRules ?? []).length + (pm.routeRules ?? []).length,
              0,
            ),
          0,
        )
      : null;
  const queues = (input.queues?.queues ?? []).flatMap(q => {
    const depth =
      input.queues!.series[`${q.region}/${q.name}`]?.find(
        s => s.key === 'depth',
      )?.points ?? [];
    const h = {
      projectId,
      region: q.region,
      name: q.name,
      state: q.state,
      depth,
      window,
    };
    return [detectQueueBacklog(h, t), detectQueueAgeing(h, t)].filter(
      (p): p is Problem => p !== null,
    );
  });
  const redis = (input.redis?.instances ?? []).flatMap(r => {
    const h = {
      projectId,
      region: r.region,
      name: r.name,
      summary: r.summary,
      budget: r.budget,
      window,
    };
    return [detectRedisConnections(h, t), detectRedisGuardrail(h)].filter(
      (p): p is Problem => p !== null,
    );
  });
  const cdn = (input.cdn?.backends ?? []).flatMap(
    b => detectCdnHitRatio(projectId, b, window, t) ?? [],
  );
  const budgets = (input.budgets ?? []).flatMap(
    b => detectBudgetForecast(projectId, b, t) ?? [],
  );

  const overview: Omit<ProjectOverview, 'health'> = {
    projectId,
    displayName: input.displayName,
    services: group(
      input.services?.services.length ?? null,
      services,
      listFailure('services', input.errors),
    ),
    routes: {
      ...group(routing?.urlMaps.length ?? null, routes, routesFailed),
      rules,
    },
    queues: group(
      input.queues?.queues.length ?? null,
      queues,
      listFailure('queues', input.errors),
    ),
    redis: group(
      input.redis?.instances.length ?? null,
      redis,
      listFailure('redis', input.errors),
    ),
    cdn: {
      ...group(
        input.cdn ? input.cdn.backends.filter(b => b.enableCdn).length : null,
        cdn,
        listFailure('cdn', input.errors),
      ),
      hitRatio: input.cdn ? cdnHitRatio(input.cdn) : null,
    },
    cost: costOf(input.budgets),
    problems: rankProblems([
      ...services,
      ...routes,
      ...queues,
      ...redis,
      ...cdn,
      ...budgets,
    ]),
    errors: input.errors,
  };
  const budgetHealth = healthOf(budgets);
  return {
    ...overview,
    health: worst([
      overview.services.health,
      overview.routes.health,
      overview.queues.health,
      overview.redis.health,
      overview.cdn.health,
      budgetHealth,
    ]),
  };
}
