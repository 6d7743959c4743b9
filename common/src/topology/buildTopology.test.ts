import { describe, expect, it } from 'vitest';
import type { QueueListResponse } from '../types/queues';
import type { RedisListResponse } from '../types/redis';
import type { RoutingOverviewResponse } from '../types/loadBalancing';
import type { Problem } from '../problems/problemTypes';
import { buildTopology } from './buildTopology';

const routing = {
  urlMaps: [
    {
      name: 'lb',
      spec: {
        defaultService: 'global/backendServices/fe',
        hostRules: [{ hosts: ['www.example.com'], pathMatcher: 'm' }],
        pathMatchers: [
          {
            name: 'm',
            defaultService: 'global/backendServices/fe',
            pathRules: [
              { paths: ['/api/*'], service: 'global/backendServices/be' },
              { paths: ['/old/*'], service: 'global/backendServices/gone' },
            ],
          },
        ],
      },
    },
  ],
  backendServices: [
    { name: 'fe', enableCdn: false },
    { name: 'be', enableCdn: false },
  ],
  backendBuckets: [],
  topology: {
    backendServices: [
      {
        name: 'fe',
        cloudRun: [{ neg: 'fe-neg', region: 'r', service: 'fe-run' }],
      },
      {
        name: 'be',
        cloudRun: [{ neg: 'be-neg', region: 'r', service: 'be-run' }],
      },
    ],
    backendBuckets: [],
  },
} as unknown as RoutingOverviewResponse;
const queues = {
  queues: [
    {
      name: 'jobs',
      region: 'r',
      state: 'RUNNING',
      producers: [{ service: 'be-run', via: 'env' }],
      targets: [{ service: 'worker', via: 'label' }],
    },
  ],
} as unknown as QueueListResponse;
const redis = {
  instances: [
    {
      name: 'cache',
      region: 'r',
      tier: 'BASIC',
      memorySizeGb: 1,
      services: [{ service: 'be-run', via: 'env' }],
    },
  ],
} as unknown as RedisListResponse;
const problem = (over: Partial<Problem>): Problem => ({
  code: 'SERVICE_5XX_RATIO',
  severity: 'critical',
  projectId: 'p',
  resourceKind: 'service',
  resource: 'be-run',
  title: '',
  explanation: '',
  evidence: { metric: '', window: '1h', values: {} },
  link: { page: 'service', projectId: 'p', label: '' },
  ...over,
});

describe('buildTopology', () => {
  const problems = [
    problem({}),
    problem({
      code: 'REDIS_GUARDRAIL_EXCEEDED',
      severity: 'warning',
      resourceKind: 'redis',
      resource: 'cache',
    }),
    problem({
      code: 'ROUTE_MISSING_BACKEND',
      resourceKind: 'urlMap',
      resource: 'lb',
      evidence: {
        metric: '',
        window: 'now',
        values: { target: 'backend service gone' },
      },
    }),
  ];
  const { nodes, edges } = buildTopology({
    projectId: 'p',
    region: 'r',
    routing,
    queues,
    redis,
    services: [{ name: 'idle', region: 'r' }],
    problems,
  });
  const node = (id: string) => nodes.find(n => n.id === id)!;
  const has = (from: string, to: string) =>
    edges.some(e => e.from === from && e.to === to);

  it('follows host → rule → backend → Cloud Run → queue / Redis', () => {
    expect(has('host:www.example.com', 'rule:lb/m/0')).toBe(true);
    expect(has('rule:lb/m/0', 'backend:be')).toBe(true);
    expect(has('backend:be', 'service:be-run')).toBe(true);
    expect(has('service:be-run', 'queue:jobs')).toBe(true);
    expect(has('queue:jobs', 'service:worker')).toBe(true);
    expect(has('service:be-run', 'redis:cache')).toBe(true);
    expect(has('host:lb/*', 'rule:lb/default')).toBe(true);
    expect(node('service:idle')).toBeTruthy();
  });

  it('colours nodes by their problems and links them to their pages', () => {
    expect(node('service:be-run')).toMatchObject({
      health: 'critical',
      problems: ['SERVICE_5XX_RATIO'],
      link: { page: 'service', region: 'r', resource: 'be-run' },
    });
    expect(node('redis:cache')).toMatchObject({
      health: 'warning',
      link: { page: 'redis' },
    });
    expect(node('backend:gone')).toMatchObject({
      health: 'critical',
      detail: 'does not exist',
    });
    expect(node('service:fe-run').health).toBe('ok');
    expect(node('queue:jobs').health).toBe('ok');
  });
});
