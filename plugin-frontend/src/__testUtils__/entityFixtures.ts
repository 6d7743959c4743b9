import type {
  BudgetListResponse,
  BudgetWithSpend,
  QueueListResponse,
  QueueWithSummary,
  RedisInstanceWithSummary,
  RedisListResponse,
  RoutingOverviewResponse,
} from '@gcp-serverless/common';

/**
 * Project-wide lists for the entity tab test: each holds the entity's resource and one it does not
 * own, so a test can tell "filtered" from "everything shown".
 */
const retryConfig = {
  maxAttempts: 10,
  maxRetryDurationSeconds: 0,
  minBackoffSeconds: 5,
  maxBackoffSeconds: 600,
  maxDoublings: 5,
};

function queue(name: string): QueueWithSummary {
  return {
    projectId: 'gryyd-web',
    region: 'asia-northeast3',
    name,
    resourceName: `projects/gryyd-web/locations/asia-northeast3/queues/${name}`,
    state: 'RUNNING',
    rateLimits: {
      maxDispatchesPerSecond: 5,
      maxConcurrentDispatches: 1000,
      maxBurstSize: 10,
    },
    retryConfig,
    purgeTime: null,
    consoleUrl: 'https://console.cloud.google.com/cloudtasks',
    summary: { depth: 4, dispatchesPerSecond: 0.1, failedAttemptsPerSecond: 0 },
    targets: [],
    producers: [],
  };
}

/** Queues `generation` (annotated) and `emails` (not). */
export function entityQueueList(): QueueListResponse {
  return {
    projectId: 'gryyd-web',
    window: '1h',
    asOf: '2026-03-03T12:00:00Z',
    stepSeconds: 60,
    queues: [queue('generation'), queue('emails')],
    series: {},
    errors: [],
  };
}

function redis(name: string): RedisInstanceWithSummary {
  return {
    projectId: 'gryyd-web',
    region: 'asia-northeast3',
    name,
    resourceName: `projects/gryyd-web/locations/asia-northeast3/instances/${name}`,
    displayName: name,
    tier: 'BASIC',
    state: 'READY',
    memorySizeGb: 1,
    redisVersion: 'REDIS_7_0',
    host: '10.0.0.3',
    port: 6379,
    replicaCount: 0,
    redisConfigs: {},
    labels: {},
    consoleUrl: 'https://console.cloud.google.com/memorystore',
    summary: {
      connectedClients: 10,
      peakConnectedClients: 20,
      memoryUsageRatio: 0.1,
      rejectedConnections: 0,
    },
    services: [],
    budget: null,
  };
}

/** Redis `gryd-cache` (annotated) and `other-cache` (not). */
export function entityRedisList(): RedisListResponse {
  return {
    projectId: 'gryyd-web',
    window: '1h',
    asOf: '2026-03-03T12:00:00Z',
    stepSeconds: 60,
    instances: [redis('gryd-cache'), redis('other-cache')],
    series: {},
    errors: [],
  };
}

const bs = (n: string) =>
  `https://www.googleapis.com/compute/v1/projects/gryyd-web/global/backendServices/${n}`;
const backendService = (name: string, run: string) => ({
  name,
  selfLink: '',
  description: '',
  protocol: 'HTTPS',
  loadBalancingScheme: 'EXTERNAL_MANAGED',
  timeoutSec: 30,
  enableCdn: false,
  cdnPolicy: null,
  fingerprint: 'f',
  backends: [
    {
      group: '',
      neg: `${run}-neg`,
      region: 'asia-northeast3',
      cloudRunService: run,
      negType: 'SERVERLESS',
    },
  ],
  consoleUrl: '',
});

/** URL map `gryyd-lb` with hosts www.gryyd.ai (annotated) and admin.other.ai (not), plus a second map. */
export function entityRouting(): RoutingOverviewResponse {
  const map = (name: string) => ({
    name,
    selfLink: '',
    description: '',
    fingerprint: 'fp-1',
    creationTimestamp: null,
    consoleUrl: 'https://console',
    spec: {
      name,
      defaultService: bs('gryd-be-service'),
      hostRules: [
        { hosts: ['www.gryyd.ai'], pathMatcher: 'pm-www' },
        { hosts: ['admin.other.ai'], pathMatcher: 'pm-admin' },
      ],
      pathMatchers: [
        {
          name: 'pm-www',
          defaultService: bs('gryd-be-service'),
          pathRules: [{ paths: ['/api/*'], service: bs('gryd-be-service') }],
        },
        { name: 'pm-admin', defaultService: bs('admin-service') },
      ],
    },
  });
  return {
    projectId: 'gryyd-web',
    window: '1h',
    asOf: '2026-03-03T12:00:00Z',
    urlMaps: [map('other-lb'), map('gryyd-lb')],
    backendServices: [
      backendService('gryd-be-service', 'gryd-be'),
      backendService('admin-service', 'admin'),
    ],
    backendBuckets: [],
    topology: {
      backendServices: [
        {
          name: 'gryd-be-service',
          cloudRun: [
            {
              neg: 'gryd-be-neg',
              region: 'asia-northeast3',
              service: 'gryd-be',
            },
          ],
        },
        {
          name: 'admin-service',
          cloudRun: [
            { neg: 'admin-neg', region: 'asia-northeast3', service: 'admin' },
          ],
        },
      ],
      backendBuckets: [],
    },
    traffic: [],
    errors: [],
  } as RoutingOverviewResponse;
}

function budget(budgetId: string, displayName: string): BudgetWithSpend {
  return {
    name: `billingAccounts/012345-6789AB-CDEF01/budgets/${budgetId}`,
    budgetId,
    billingAccount: '012345-6789AB-CDEF01',
    displayName,
    amount: 1500,
    currency: 'USD',
    period: 'MONTH',
    projects: ['gryyd-web'],
    services: [],
    thresholds: [{ percent: 0.5, spendBasis: 'CURRENT_SPEND' }],
    creditTypesTreatment: 'INCLUDE_ALL_CREDITS',
    etag: '"e1"',
    consoleUrl: 'https://console.cloud.google.com/billing',
    spend: {
      actual: 100,
      forecast: 300,
      periodStart: '2026-03-01',
      source: 'billing-export',
    },
  };
}

/** Budgets `b-gryd` "gryd monthly" (annotated) and `b-other` "other monthly" (not). */
export function entityBudgets(): BudgetListResponse {
  return {
    status: 'configured',
    billingAccount: '012345-6789AB-CDEF01',
    budgets: [
      budget('b-gryd', 'gryd monthly'),
      budget('b-other', 'other monthly'),
    ],
    errors: [],
  };
}
