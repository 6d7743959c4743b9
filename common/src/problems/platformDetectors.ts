import { missingTargetsOf } from './missingTargets';
import type { BudgetWithSpend } from '../types/budgets';
import type { CdnBackend } from '../types/loadBalancing';
import type { TimeWindow } from '../types/timeWindow';
import type { KnownBackends } from '../routing/urlMapFindings';
import type { UrlMapSpec } from '../routing/urlMapTypes';
import { int, pct, round3 } from './format';
import type { Problem } from './problemTypes';
import type { ProblemThresholds } from './thresholds';

/** Static = what a CDN should serve from cache: a bucket, or a backend cached as static content or all content. */
function isStatic(b: CdnBackend): boolean {
  return (
    b.kind === 'backendBuckets' ||
    b.policy.cacheMode === 'CACHE_ALL_STATIC' ||
    b.policy.cacheMode === 'FORCE_CACHE_ALL'
  );
}

/** A CDN-enabled static backend with a hit ratio below the threshold: the origin serves what the edge should. */
export function detectCdnHitRatio(
  projectId: string,
  b: CdnBackend,
  window: TimeWindow,
  t: ProblemThresholds,
): Problem | null {
  if (
    !b.enableCdn ||
    !isStatic(b) ||
    b.hitRatio === null ||
    b.hitRatio >= t.cdnHitRatio
  )
    return null;
  if ((b.requestsPerSecond ?? 0) < t.minRequestsPerSecond) return null;
  const ttl = b.policy.defaultTtl ?? 3600;
  const suggestedTtl = Math.min(86_400, Math.max(3600, ttl * 4));
  return {
    projectId,
    resourceKind: 'cdn',
    resource: b.name,
    code: 'CDN_LOW_HIT_RATIO',
    severity: 'warning',
    title: `CDN hit ratio of ${b.name} is ${pct(b.hitRatio)}`,
    explanation:
      `Only ${pct(b.hitRatio)} of cacheable requests to ${
        b.name
      } were served from Cloud CDN (threshold ${pct(t.cdnHitRatio)}); ` +
      'the rest went to the origin, slower and billed as cache fill. A longer default TTL keeps static content cached longer.',
    evidence: {
      metric:
        'loadbalancing.googleapis.com/https/request_count by cache_result',
      window,
      values: {
        hitRatio: round3(b.hitRatio),
        requestsPerSecond: round3(b.requestsPerSecond ?? 0),
        threshold: t.cdnHitRatio,
        defaultTtl: b.policy.defaultTtl,
      },
    },
    link: {
      page: 'cdn',
      projectId,
      resource: `${b.kind}/${b.name}`,
      suggested: { defaultTtl: suggestedTtl },
      label: `Raise the default TTL to ${int(suggestedTtl)} s`,
    },
  };
}

/** A budget whose forecast for the period is above its amount (× the threshold ratio). */
export function detectBudgetForecast(
  projectId: string,
  b: BudgetWithSpend,
  t: ProblemThresholds,
): Problem | null {
  const { forecast, actual } = b.spend;
  if (
    b.amount === null ||
    b.amount <= 0 ||
    forecast === null ||
    forecast <= b.amount * t.budgetForecastRatio
  )
    return null;
  const over = actual !== null && actual > b.amount;
  return {
    projectId,
    resourceKind: 'budget',
    resource: b.budgetId,
    code: 'BUDGET_FORECAST_OVER',
    severity: over ? 'critical' : 'warning',
    title: `Budget ${b.displayName}: forecast ${int(forecast)} of ${int(
      b.amount,
    )} ${b.currency}`,
    explanation: over
      ? `Spend this period (${int(actual!)} ${
          b.currency
        }) is already above the budget of ${int(b.amount)} ${b.currency}.`
      : `At the current run rate the period ends at ${int(forecast)} ${
          b.currency
        }, ${pct(forecast / b.amount - 1)} above the budget. ` +
        'Look at the costs page for the services that grew, or raise the budget if the growth is expected.',
    evidence: {
      metric:
        b.spend.source === 'billing-export'
          ? 'billing export (forecast to period end)'
          : 'estimated cost (forecast to period end)',
      window: `period from ${b.spend.periodStart}`,
      values: {
        actual,
        forecast: round3(forecast),
        amount: b.amount,
        currency: b.currency,
      },
    },
    link: {
      page: 'budgets',
      projectId,
      resource: b.budgetId,
      label: 'Review the budget',
    },
  };
}

/** Rules of a URL map pointing at a backend that does not exist: those requests fail at the load balancer. */
export function detectMissingBackends(
  projectId: string,
  urlMap: { name: string; spec: UrlMapSpec },
  known: KnownBackends,
): Problem[] {
  return missingTargetsOf(urlMap.spec, known).map(m => ({
    projectId,
    resourceKind: 'urlMap' as const,
    resource: urlMap.name,
    code: 'ROUTE_MISSING_BACKEND' as const,
    severity: 'critical' as const,
    title: `URL map ${urlMap.name} routes ${m.where} to missing ${m.target}`,
    explanation:
      `The rule ${m.where} names ${m.target}, which does not exist in the project, so its requests cannot be served. ` +
      'Point the rule at an existing backend in the routing editor, or create the backend.',
    evidence: {
      metric: 'URL map and backends (compute)',
      window: 'now',
      values: { rule: m.where, target: m.target },
    },
    link: {
      page: 'routing',
      projectId,
      resource: urlMap.name,
      label: 'Fix the route',
    },
  }));
}
