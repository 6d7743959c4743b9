import { describe, expect, it } from 'vitest';
import type { CloudRunServiceWithSummary } from '../types/cloudRun';
import type { QueueListResponse } from '../types/queues';
import type { RoutingOverviewResponse } from '../types/loadBalancing';
import {
  countBySeverity,
  describeCounts,
  filterProblems,
  groupProblems,
} from './problemGroups';
import type { Problem } from './problemTypes';
import {
  buildProjectOverview,
  type ProjectOverviewInput,
} from './projectOverview';
import { rankProblems } from './rankProblems';
import {
  detectServiceProblems,
  type ServiceHealthInput,
} from './serviceDetectors';
import { serviceKindOf } from './serviceKind';
import {
  DEFAULT_PROBLEM_THRESHOLDS as T,
  thresholdLabelKey,
  thresholdsForResource,
} from './thresholds';

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

describe('what kind of service a problem judges', () => {
  it('a label wins, then being a queue target, then a timeout of 15 min or more', () => {
    expect(
      serviceKindOf({
        labels: { 'gcp-serverless-kind': 'websocket' },
        timeoutSeconds: 60,
      }),
    ).toEqual({
      kind: 'long-lived',
      reason: 'label gcp-serverless-kind=websocket',
    });
    expect(
      serviceKindOf({
        labels: { 'tasks-queue-target': 'generation' },
        timeoutSeconds: 3600,
      }).kind,
    ).toBe('queue-worker');
    expect(serviceKindOf({ timeoutSeconds: 3600, targetOf: ['jobs'] })).toEqual(
      { kind: 'queue-worker', reason: 'target of queue jobs' },
    );
    expect(serviceKindOf({ timeoutSeconds: 900 })).toEqual({
      kind: 'long-lived',
      reason: 'timeout 900 s ≥ 15 min',
    });
    expect(serviceKindOf({ timeoutSeconds: 300 }).kind).toBe('request');
    expect(
      serviceKindOf({
        labels: { 'gcp-serverless-kind': 'request' },
        timeoutSeconds: 3600,
      }).kind,
    ).toBe('request');
  });

  it('a WebSocket service with sessions of 21 minutes raises no latency alarm, but its 429s and 5xx still count', () => {
    const chat = service(
      {
        name: 'chatservice',
        kind: serviceKindOf({ timeoutSeconds: 3600 }),
        throttled429PerSecond: 0,
      },
      { latencyP95Ms: 1_287_526 },
    );
    expect(detectServiceProblems(chat, T)).toEqual([]);
    const refusing = detectServiceProblems(
      {
        ...chat,
        throttled429PerSecond: 3,
        summary: { ...chat.summary, errorRatio5xx: 0.3 },
      },
      T,
    );
    expect(refusing.map(p => p.code)).toEqual([
      'SERVICE_THROTTLED_429',
      'SERVICE_5XX_RATIO',
    ]);
    expect(refusing[0]!.title).toBe(
      'chatservice refuses connections with 429 (3 /s)',
    );
    expect(refusing[0]!.evidence.values.serviceKind).toBe(
      'long-lived (timeout 3600 s ≥ 15 min)',
    );
  });

  it('a long-lived service at its max is at its connection capacity (max × concurrency)', () => {
    const [p] = detectServiceProblems(
      service(
        {
          name: 'chat',
          kind: { kind: 'long-lived', reason: 'r' },
          scaling: { minInstances: 1, maxInstances: 10, concurrency: 250 },
        },
        { instances: 10 },
      ),
      T,
    );
    expect(p).toMatchObject({
      code: 'SERVICE_AT_MAX_INSTANCES',
      title: 'chat is at its connection capacity (10 of 10 instances × 250)',
      evidence: { values: { connectionCapacity: 2500 } },
    });
  });

  it('a queue worker’s long jobs are not latency, nor are its cold starts', () => {
    const worker = service(
      {
        name: 'worker',
        kind: { kind: 'queue-worker', reason: 'target of queue q' },
        coldStartsPerHour: 40,
      },
      { latencyP95Ms: 90_000 },
    );
    expect(detectServiceProblems(worker, T)).toEqual([]);
  });

  it('a request service names its latency in the one duration format', () => {
    const [p] = detectServiceProblems(
      service({}, { latencyP95Ms: 1_320_000 }),
      T,
    );
    expect(p!.title).toBe('api p95 latency 22 min');
  });
});

describe('thresholds per service by label', () => {
  it('label keys are the threshold in kebab case; `_` is the decimal point', () => {
    expect(thresholdLabelKey('latencyP95Ms')).toBe(
      'gcp-serverless-latency-p95-ms',
    );
    expect(thresholdLabelKey('errorRatio5xx')).toBe(
      'gcp-serverless-error-ratio5xx',
    );
    const { thresholds, fromLabels } = thresholdsForResource(T, {
      'gcp-serverless-latency-p95-ms': '8000',
      'gcp-serverless-error-ratio5xx': '0_2',
      'gcp-serverless-cdn-hit-ratio': 'high',
    });
    expect(thresholds).toMatchObject({
      latencyP95Ms: 8000,
      errorRatio5xx: 0.2,
      cdnHitRatio: T.cdnHitRatio,
    });
    expect(fromLabels).toEqual(['errorRatio5xx', 'latencyP95Ms']);
  });

  it('a service’s label overrides the global threshold for it alone', () => {
    const slow = service(
      { labels: { 'gcp-serverless-latency-p95-ms': '5000' } },
      { latencyP95Ms: 3000 },
    );
    expect(detectServiceProblems(slow, T)).toEqual([]);
    expect(
      detectServiceProblems({ ...slow, labels: {} }, T).map(p => p.code),
    ).toEqual(['SERVICE_P95_LATENCY']);
    const strict = detectServiceProblems(
      service({ labels: { 'gcp-serverless-latency-p95-ms': '200' } }),
      T,
    );
    expect(strict[0]!.evidence.values).toMatchObject({
      threshold: 200,
      thresholdsFromLabels: 'latencyP95Ms',
    });
  });
});

describe('the project overview', () => {
  const run = (
    name: string,
    over: Partial<CloudRunServiceWithSummary>,
    summary: Partial<CloudRunServiceWithSummary['summary']>,
  ): CloudRunServiceWithSummary => ({
    projectId: 'gryyd-web',
    region: 'r',
    name,
    resourceName: '',
    uri: null,
    etag: '',
    generation: '1',
    timeoutSeconds: 300,
    cpu: '1',
    memory: '512Mi',
    cpuIdle: true,
    ingress: '',
    labels: {},
    latestReadyRevision: null,
    updateTime: null,
    consoleUrl: '',
    scaling: { minInstances: 0, maxInstances: 10, concurrency: 1 },
    summary: {
      instances: 3,
      requestsPerSecond: 5,
      errorRatio5xx: 0,
      latencyP95Ms: 300,
      ...summary,
    },
    ...over,
  });
  const input = (
    over: Partial<ProjectOverviewInput> = {},
  ): ProjectOverviewInput => ({
    projectId: 'gryyd-web',
    displayName: 'gryyd-web',
    window: '1h',
    services: {
      projectId: 'gryyd-web',
      window: '1h',
      asOf: '',
      errors: [],
      services: [
        run(
          'gryd-worker',
          { timeoutSeconds: 3600 },
          { latencyP95Ms: 1_290_862 },
        ),
        run('gryd-be', {}, { latencyP95Ms: 4500 }),
      ],
    },
    throttled: new Map([['r/gryd-worker', 4.7]]),
    coldStarts: null,
    routing: {
      urlMaps: [{ name: 'lb', spec: {} }],
      backendServices: [],
      backendBuckets: [],
      errors: [],
    } as unknown as RoutingOverviewResponse,
    queues: {
      queues: [
        {
          name: 'generation',
          region: 'r',
          state: 'RUNNING',
          targets: [{ service: 'gryd-worker', via: 'env' }],
          producers: [],
        },
      ],
      series: {},
      errors: [],
    } as unknown as QueueListResponse,
    redis: null,
    cdn: null,
    budgets: null,
    errors: [
      {
        source: 'redis',
        message: 'listing Memorystore instances failed: Injected fault (503)',
        status: 503,
      },
    ],
    ...over,
  });

  it('the worker’s 429s come first, its job length raises nothing, latency noise comes after', () => {
    const o = buildProjectOverview(input(), T);
    expect(o.problems.map(p => `${p.code} ${p.resource}`)).toEqual([
      'SERVICE_THROTTLED_429 gryd-worker',
      'SERVICE_P95_LATENCY gryd-be',
    ]);
  });

  it('a failed read is unknown with the real reason, never "0 … OK"', () => {
    const o = buildProjectOverview(
      input({
        routing: {
          urlMaps: [],
          backendServices: [],
          backendBuckets: [],
          errors: [],
        } as unknown as RoutingOverviewResponse,
        errors: [
          {
            source: 'routing.urlMaps',
            message:
              'listing URL maps of gryyd-web failed: Service Unavailable',
            status: 503,
          },
        ],
      }),
      T,
    );
    expect(o.routes).toMatchObject({
      count: null,
      rules: null,
      health: 'unknown',
      error: 'listing URL maps of gryyd-web failed: Service Unavailable',
    });
    expect(buildProjectOverview(input(), T).redis).toMatchObject({
      count: null,
      health: 'unknown',
      error: 'listing Memorystore instances failed: Injected fault (503)',
    });
    expect(buildProjectOverview(input(), T).routes).toMatchObject({
      count: 1,
      health: 'ok',
    });
  });
});

describe('grouping and filtering problems', () => {
  const p = (
    projectId: string,
    code: Problem['code'],
    severity: Problem['severity'],
    resource = 'r',
  ): Problem => ({
    code,
    severity,
    projectId,
    resourceKind: 'service',
    resource,
    title: '',
    explanation: '',
    evidence: { metric: '', window: '1h', values: {} },
    link: { page: 'service', projectId, label: '' },
  });
  const ranked = rankProblems([
    p('scale-fleet', 'SERVICE_P95_LATENCY', 'critical', 'a'),
    p('scale-fleet', 'SERVICE_P95_LATENCY', 'warning', 'b'),
    p('scale-fleet', 'SERVICE_COLD_STARTS', 'info', 'c'),
    p('gryyd-web', 'SERVICE_THROTTLED_429', 'critical', 'gryd-worker'),
    p('scale-fleet', 'SERVICE_THROTTLED_429', 'critical', 'd'),
  ]);

  it('groups by project then kind, in the order of their worst problem, with counts by severity', () => {
    const groups = groupProblems(ranked);
    expect(groups.map(g => g.projectId)).toEqual(['gryyd-web', 'scale-fleet']);
    expect(
      groups[1]!.kinds.map(k => [k.label, describeCounts(k.counts)]),
    ).toEqual([
      ['Refused with 429', '1 critical'],
      ['p95 latency', '1 critical · 1 warning'],
      ['Cold starts', '1 info'],
    ]);
    expect(describeCounts(groups[1]!.counts)).toBe(
      '2 critical · 1 warning · 1 info',
    );
  });

  it('filters by project, severity and kind', () => {
    expect(
      filterProblems(ranked, {
        projectId: 'scale-fleet',
        severity: 'critical',
      }).map(x => x.resource),
    ).toEqual(['d', 'a']);
    expect(
      filterProblems(ranked, { code: 'SERVICE_THROTTLED_429' }).map(
        x => x.resource,
      ),
    ).toEqual(['gryd-worker', 'd']);
    expect(countBySeverity(ranked)).toEqual({
      critical: 3,
      warning: 1,
      info: 1,
    });
  });
});
