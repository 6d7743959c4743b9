import { describe, expect, it } from 'vitest';
import type { CdnBackend } from '../types/loadBalancing';
import type { BudgetWithSpend } from '../types/budgets';
import {
  detectBudgetForecast,
  detectCdnHitRatio,
  detectMissingBackends,
} from './platformDetectors';
import {
  detectQueueAgeing,
  detectQueueBacklog,
  detectRedisConnections,
  detectRedisGuardrail,
  type QueueHealthInput,
  type RedisHealthInput,
} from './capacityDetectors';
import {
  detectColdStarts,
  detectErrorRatio,
  detectLatency,
  detectServiceAtMax,
  type ServiceHealthInput,
} from './serviceDetectors';
import {
  DEFAULT_PROBLEM_THRESHOLDS as T,
  resolveProblemThresholds,
} from './thresholds';
import { healthOf, rankProblems } from './rankProblems';

const service = (
  over: Partial<ServiceHealthInput> = {},
  summary: Partial<ServiceHealthInput['summary']> = {},
): ServiceHealthInput => ({
  projectId: 'p',
  region: 'r',
  name: 'api',
  window: '1h',
  scaling: { minInstances: 0, maxInstances: 10, concurrency: 80 },
  summary: {
    instances: 3,
    requestsPerSecond: 20,
    errorRatio5xx: 0.01,
    latencyP95Ms: 300,
    ...summary,
  },
  ...over,
});
const depth = (...values: number[]) =>
  values.map((value, i) => ({
    time: new Date(i * 60_000).toISOString(),
    value,
  }));
const queue = (
  values: number[],
  over: Partial<QueueHealthInput> = {},
): QueueHealthInput => ({
  projectId: 'p',
  region: 'r',
  name: 'q',
  state: 'RUNNING',
  depth: depth(...values),
  window: '1h',
  ...over,
});
const redis = (over: Partial<RedisHealthInput> = {}): RedisHealthInput => ({
  projectId: 'p',
  region: 'r',
  name: 'cache',
  window: '1h',
  budget: null,
  summary: {
    connectedClients: 1000,
    peakConnectedClients: 1200,
    memoryUsageRatio: 0.3,
    rejectedConnections: 0,
  },
  ...over,
});

describe('service detectors', () => {
  it('a healthy service raises nothing', () => {
    const s = service({ throttled429PerSecond: 0, coldStartsPerHour: 1 });
    expect([
      detectServiceAtMax(s, T),
      detectErrorRatio(s, T),
      detectLatency(s, T),
      detectColdStarts(s, T),
    ]).toEqual([null, null, null, null]);
  });
  it('at max instances suggests a higher max in the scaling form', () => {
    const p = detectServiceAtMax(service({}, { instances: 10 }), T)!;
    expect(p).toMatchObject({
      code: 'SERVICE_AT_MAX_INSTANCES',
      severity: 'warning',
      link: {
        page: 'scaling',
        resource: 'api',
        suggested: { maxInstances: 15 },
      },
    });
    expect(p.evidence.values).toMatchObject({
      instances: 10,
      maxInstances: 10,
    });
  });
  it('429s are critical even below max instances', () => {
    expect(
      detectServiceAtMax(service({ throttled429PerSecond: 2 }), T),
    ).toMatchObject({ code: 'SERVICE_THROTTLED_429', severity: 'critical' });
  });
  it('5xx ratio: quiet at the threshold, warning above, critical from the critical threshold', () => {
    expect(
      detectErrorRatio(service({}, { errorRatio5xx: 0.05 }), T),
    ).toBeNull();
    expect(
      detectErrorRatio(service({}, { errorRatio5xx: 0.08 }), T),
    ).toMatchObject({ severity: 'warning', link: { page: 'service' } });
    expect(
      detectErrorRatio(service({}, { errorRatio5xx: 0.3 }), T)?.severity,
    ).toBe('critical');
    expect(
      detectErrorRatio(
        service({}, { errorRatio5xx: 0.08 }),
        resolveProblemThresholds({ errorRatio5xx: 0.1 }),
      ),
    ).toBeNull();
  });
  it('p95 latency needs traffic', () => {
    expect(detectLatency(service({}, { latencyP95Ms: 2500 }), T)?.code).toBe(
      'SERVICE_P95_LATENCY',
    );
    expect(
      detectLatency(
        service({}, { latencyP95Ms: 2500, requestsPerSecond: 0.1 }),
        T,
      ),
    ).toBeNull();
  });
  it('cold starts only count with min instances 0', () => {
    expect(
      detectColdStarts(service({ coldStartsPerHour: 30 }), T),
    ).toMatchObject({ link: { suggested: { minInstances: 1 } } });
    expect(
      detectColdStarts(
        service({
          coldStartsPerHour: 30,
          scaling: { minInstances: 1, maxInstances: 10, concurrency: 80 },
        }),
        T,
      ),
    ).toBeNull();
  });
});

describe('queue and Redis detectors', () => {
  it('backlog: fires when depth grows past the threshold and is still growing', () => {
    expect(detectQueueBacklog(queue([10, 80, 300]), T)).toMatchObject({
      code: 'QUEUE_BACKLOG_GROWING',
      severity: 'critical',
      evidence: { values: { growth: 290 } },
    });
    expect(detectQueueBacklog(queue([10, 400, 300]), T)).toBeNull(); // draining again
    expect(detectQueueBacklog(queue([10, 50, 90]), T)).toBeNull();
    expect(
      detectQueueBacklog(queue([0, 500, 900], { state: 'PAUSED' }), T)
        ?.severity,
    ).toBe('warning');
  });
  it('oldest task ageing', () => {
    expect(
      detectQueueAgeing(queue([1, 1], { oldestTaskAgeSeconds: 1200 }), T)?.code,
    ).toBe('QUEUE_OLDEST_TASK_AGEING');
    expect(
      detectQueueAgeing(queue([1, 1], { oldestTaskAgeSeconds: 30 }), T),
    ).toBeNull();
  });
  it('Redis: rejected connections are critical, near the limit a warning', () => {
    expect(detectRedisConnections(redis(), T)).toBeNull();
    expect(
      detectRedisConnections(
        redis({
          summary: {
            connectedClients: 60_000,
            peakConnectedClients: 64_000,
            memoryUsageRatio: 0.5,
            rejectedConnections: 0,
          },
        }),
        T,
      )?.code,
    ).toBe('REDIS_NEAR_CONNECTION_LIMIT');
    expect(
      detectRedisConnections(
        redis({
          summary: {
            connectedClients: 65_000,
            peakConnectedClients: 65_000,
            memoryUsageRatio: 0.5,
            rejectedConnections: 12,
          },
        }),
        T,
      ),
    ).toMatchObject({
      code: 'REDIS_REJECTING_CONNECTIONS',
      severity: 'critical',
    });
  });
  it('guardrail: links the largest share to the scaling form with a max that fits', () => {
    const budget = {
      instance: 'cache',
      limit: 65_000,
      worstCase: 82_000,
      exceedsLimit: true,
      terms: [
        {
          service: 'history',
          maxInstances: 1000,
          connectionsPerInstance: 80,
          connectionsSource: 'label' as const,
          connections: 80_000,
        },
        {
          service: 'chat',
          maxInstances: 1000,
          connectionsPerInstance: 2,
          connectionsSource: 'metrics' as const,
          connections: 2000,
        },
      ],
    };
    // (65,000 − 2,000) ÷ 80 = 787
    expect(detectRedisGuardrail(redis({ budget }))).toMatchObject({
      code: 'REDIS_GUARDRAIL_EXCEEDED',
      link: {
        page: 'scaling',
        resource: 'history',
        suggested: { maxInstances: 787 },
      },
    });
    expect(
      detectRedisGuardrail(
        redis({
          budget: { ...budget, worstCase: 60_000, exceedsLimit: false },
        }),
      ),
    ).toBeNull();
  });
});

describe('CDN, budget and routing detectors', () => {
  const cdn = (over: Partial<CdnBackend>): CdnBackend => ({
    kind: 'backendBuckets',
    name: 'assets',
    enableCdn: true,
    fingerprint: 'f',
    origin: 'bucket',
    consoleUrl: '',
    policy: {
      enableCdn: true,
      cacheMode: 'CACHE_ALL_STATIC',
      defaultTtl: 600,
      maxTtl: 86_400,
      clientTtl: 600,
      negativeCaching: false,
      serveWhileStale: null,
    } as CdnBackend['policy'],
    hitRatio: 0.9,
    requestsPerSecond: 50,
    ...over,
  });
  it('low hit ratio on a static backend suggests a longer TTL; dynamic backends are quiet', () => {
    expect(detectCdnHitRatio('p', cdn({}), '1h', T)).toBeNull();
    expect(
      detectCdnHitRatio('p', cdn({ hitRatio: 0.2 }), '1h', T),
    ).toMatchObject({
      code: 'CDN_LOW_HIT_RATIO',
      link: { page: 'cdn', suggested: { defaultTtl: 3600 } },
    });
    expect(
      detectCdnHitRatio(
        'p',
        cdn({
          hitRatio: 0.2,
          kind: 'backendServices',
          policy: { ...cdn({}).policy, cacheMode: 'USE_ORIGIN_HEADERS' },
        }),
        '1h',
        T,
      ),
    ).toBeNull();
  });
  it('budget forecast above the amount', () => {
    const b = {
      budgetId: 'b1',
      displayName: 'web',
      amount: 100,
      currency: 'USD',
      spend: {
        actual: 40,
        forecast: 130,
        periodStart: '2026-11-01',
        source: 'estimate',
      },
    } as BudgetWithSpend;
    expect(detectBudgetForecast('p', b, T)).toMatchObject({
      code: 'BUDGET_FORECAST_OVER',
      severity: 'warning',
    });
    expect(
      detectBudgetForecast(
        'p',
        { ...b, spend: { ...b.spend, forecast: 90 } },
        T,
      ),
    ).toBeNull();
  });
  it('a route to a backend that does not exist', () => {
    const spec = {
      defaultService: 'global/backendServices/fe',
      pathMatchers: [
        {
          name: 'm',
          defaultService: 'global/backendServices/fe',
          pathRules: [
            { paths: ['/api/*'], service: 'global/backendServices/gone' },
          ],
        },
      ],
    };
    const found = detectMissingBackends(
      'p',
      { name: 'lb', spec },
      { backendServices: ['fe'], backendBuckets: [] },
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      code: 'ROUTE_MISSING_BACKEND',
      severity: 'critical',
      evidence: {
        values: { rule: 'm: /api/*', target: 'backend service gone' },
      },
    });
    expect(
      detectMissingBackends(
        'p',
        { name: 'lb', spec },
        { backendServices: ['fe', 'gone'], backendBuckets: [] },
      ),
    ).toEqual([]);
  });
  it('ranks worst first and derives health', () => {
    const a = detectErrorRatio(service({}, { errorRatio5xx: 0.08 }), T)!;
    const b = detectErrorRatio(
      service({ name: 'b' }, { errorRatio5xx: 0.5 }),
      T,
    )!;
    expect(rankProblems([a, b]).map(p => p.resource)).toEqual(['b', 'api']);
    expect(healthOf([a, b])).toBe('critical');
    expect(healthOf([])).toBe('ok');
  });
});
