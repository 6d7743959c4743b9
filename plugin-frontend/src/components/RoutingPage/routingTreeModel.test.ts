import { describe, expect, it } from 'vitest';
import type { UrlMapSpec } from '@gcp-serverless/common';
import { buildRoutingTree } from './routingTreeModel';

const bs = (n: string) => `projects/p/global/backendServices/${n}`;
const spec: UrlMapSpec = {
  name: 'map',
  defaultService: bs('fe'),
  hostRules: [
    { hosts: ['a.io'], pathMatcher: 'pm' },
    { hosts: ['b.io'], pathMatcher: 'ghost' },
  ],
  pathMatchers: [
    {
      name: 'pm',
      defaultService: bs('fe'),
      pathRules: [{ paths: ['/api/*', '/admin'], service: bs('be') }],
    },
  ],
};
const topology = {
  backendServices: [
    {
      name: 'be',
      cloudRun: [{ neg: 'be-neg', region: 'r1', service: 'be-run' }],
    },
    { name: 'fe', cloudRun: [] },
  ],
  backendBuckets: [],
};

describe('buildRoutingTree', () => {
  it('sums a rule’s paths that reached its target and follows backends to Cloud Run', () => {
    const tree = buildRoutingTree(spec, topology, [
      {
        urlMap: 'map',
        matchedUrlPathRule: '/api/*',
        backendTarget: 'be',
        requestsPerSecond: 3,
        errorRatio5xx: 0.1,
      },
      {
        urlMap: 'map',
        matchedUrlPathRule: '/admin',
        backendTarget: 'be',
        requestsPerSecond: 1,
        errorRatio5xx: 0,
      },
      {
        urlMap: 'other',
        matchedUrlPathRule: '/api/*',
        backendTarget: 'be',
        requestsPerSecond: 100,
        errorRatio5xx: 1,
      },
      {
        urlMap: 'map',
        matchedUrlPathRule: 'UNMATCHED',
        backendTarget: 'fe',
        requestsPerSecond: 5,
        errorRatio5xx: 0,
      },
    ]);
    const [api, def] = tree.hosts[0]!.rules;
    expect(api).toMatchObject({
      label: '/api/*, /admin',
      target: 'be',
      cloudRun: [{ service: 'be-run', region: 'r1' }],
    });
    expect(api!.figures!.requestsPerSecond).toBe(4);
    expect(api!.figures!.errorRatio5xx).toBeCloseTo(0.075);
    expect(def).toMatchObject({
      label: 'default',
      target: 'fe',
      figures: { requestsPerSecond: 5, errorRatio5xx: 0 },
    });
    expect(tree.hosts[1]!.rules).toEqual([
      {
        label: 'default',
        target: 'path matcher ghost is missing',
        cloudRun: [],
        figures: null,
      },
    ]);
    expect(tree.defaultRule.target).toBe('fe');
  });

  it('shows no figures without traffic data', () => {
    expect(
      buildRoutingTree(spec, topology, null).hosts[0]!.rules[0]!.figures,
    ).toBeNull();
  });
});
