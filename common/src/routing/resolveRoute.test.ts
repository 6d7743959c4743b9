import { describe, expect, it } from 'vitest';
import {
  GRYYD_BACKENDS,
  GRYYD_TOPOLOGY,
  gryydWebUrlMap,
} from './gryydWebUrlMap.fixture';
import { resolveRoute } from './resolveRoute';
import type { UrlMapSpec } from './urlMapTypes';

const target = (map: UrlMapSpec, url: string) => {
  const o = resolveRoute(map, url).outcome;
  if (o.kind === 'backend') return o.backend?.name ?? o.service;
  if (o.kind === 'redirect') return `${o.statusCode} ${o.location}`;
  return 'none';
};

describe('resolveRoute on the gryyd-web URL map', () => {
  const map = gryydWebUrlMap();

  it.each([
    ['https://gryyd.ai/x', '301 https://www.gryyd.ai/x'],
    ['http://gryyd.ai/x?a=1', '301 https://www.gryyd.ai/x?a=1'],
    ['https://gryyd.ai', '301 https://www.gryyd.ai/'],
    ['https://www.gryyd.ai/api/generation/jobs', 'gryd-worker-be-service'],
    ['https://www.gryyd.ai/api/users', 'gryd-be-service'],
    ['https://www.gryyd.ai/admin', 'gryd-be-service'],
    ['https://www.gryyd.ai/admin/users', 'gryd-be-service'],
    ['https://www.gryyd.ai/images/a.png', 'gryd-storage-service'],
    ['https://www.gryyd.ai/references/r/1.jpg', 'gryd-storage-service'],
    ['https://www.gryyd.ai/about', 'gryd-fe-service'],
    ['https://www.gryyd.ai/', 'gryd-fe-service'],
    ['https://www.gryyd.ai/api', 'gryd-fe-service'],
    ['https://www.gryyd.ai/administrator', 'gryd-fe-service'],
    ['https://other.example/api/x', 'gryd-fe-service'],
    ['https://WWW.GRYYD.AI/admin', 'gryd-be-service'],
    ['https://www.gryyd.ai:443/admin', 'gryd-be-service'],
  ])('%s → %s', (url, expected) => {
    expect(target(map, url)).toBe(expected);
  });

  it('explains the decision and follows the backend to Cloud Run', () => {
    const d = resolveRoute(
      map,
      'https://www.gryyd.ai/api/generation/jobs?id=7',
      GRYYD_TOPOLOGY,
    );
    expect(d.hostRule).toEqual({
      index: 1,
      hosts: ['www.gryyd.ai'],
      pattern: 'www.gryyd.ai',
    });
    expect(d.pathMatcher).toBe('path-matcher-2');
    expect(d.rule).toEqual({
      kind: 'pathRule',
      index: 0,
      path: '/api/generation/*',
    });
    expect(d.matchedUrlPathRule).toBe('/api/generation/*');
    expect(d.url.query).toBe('id=7');
    expect(d.outcome).toMatchObject({
      kind: 'backend',
      service: GRYYD_BACKENDS.worker,
      exists: true,
      cloudRun: [
        {
          neg: 'gryd-worker-neg',
          service: 'gryd-worker',
          region: 'asia-northeast3',
        },
      ],
    });
    expect(d.steps.join('\n')).toContain('longest matching path wins');
    expect(d.steps.at(-1)).toContain('Cloud Run gryd-worker');
  });

  it('reports the redirect with its compute code and the default as UNMATCHED', () => {
    const d = resolveRoute(map, {
      scheme: 'http',
      host: 'gryyd.ai',
      path: '/x',
      query: '',
    });
    expect(d.rule).toEqual({ kind: 'pathMatcherDefault' });
    expect(d.matchedUrlPathRule).toBe('UNMATCHED');
    expect(d.outcome).toEqual({
      kind: 'redirect',
      location: 'https://www.gryyd.ai/x',
      statusCode: 301,
      responseCode: 'MOVED_PERMANENTLY_DEFAULT',
    });
  });

  it('uses the URL map default when no host rule matches', () => {
    const d = resolveRoute(map, 'https://unknown.example/');
    expect(d.hostRule).toBeNull();
    expect(d.pathMatcher).toBeNull();
    expect(d.rule).toEqual({ kind: 'urlMapDefault' });
  });

  it('flags a backend the topology does not know', () => {
    const m = gryydWebUrlMap();
    m.pathMatchers![1]!.pathRules!.push({
      paths: ['/ghost/*'],
      service: 'global/backendServices/ghost',
    });
    const o = resolveRoute(
      m,
      'https://www.gryyd.ai/ghost/1',
      GRYYD_TOPOLOGY,
    ).outcome;
    expect(o).toMatchObject({
      kind: 'backend',
      exists: false,
      backend: { kind: 'backendService', name: 'ghost' },
    });
  });
});

describe('resolveRoute: path rules', () => {
  const withPaths = (...rules: [string[], string][]): UrlMapSpec => ({
    defaultService: 'global/backendServices/default',
    hostRules: [{ hosts: ['*'], pathMatcher: 'm' }],
    pathMatchers: [
      {
        name: 'm',
        defaultService: 'global/backendServices/m-default',
        pathRules: rules.map(([paths, s]) => ({
          paths,
          service: `global/backendServices/${s}`,
        })),
      },
    ],
  });

  it('picks the longest path regardless of order', () => {
    const map = withPaths([['/a/*'], 'short'], [['/a/b/*'], 'long']);
    expect(target(map, 'http://h/a/b/c')).toBe('long');
    expect(target(map, 'http://h/a/c')).toBe('short');
    const reversed = withPaths([['/a/b/*'], 'long'], [['/a/*'], 'short']);
    expect(target(reversed, 'http://h/a/b/c')).toBe('long');
  });

  it('lets an exact path beat a wildcard of the same prefix', () => {
    const map = withPaths([['/a/*'], 'wild'], [['/a/'], 'exact']);
    expect(target(map, 'http://h/a/')).toBe('exact');
    expect(target(map, 'http://h/a/x')).toBe('wild');
  });

  it('does not let /a/* match /a, and ignores the query', () => {
    const map = withPaths([['/a/*'], 'wild']);
    expect(target(map, 'http://h/a')).toBe('m-default');
    expect(target(map, 'http://h/a?/a/x')).toBe('m-default');
    expect(target(map, 'http://h/a/?x=1')).toBe('wild');
  });

  it('matches paths case-sensitively and /* matches everything', () => {
    expect(target(withPaths([['/A/*'], 'upper']), 'http://h/a/x')).toBe(
      'm-default',
    );
    expect(target(withPaths([['/*'], 'all']), 'http://h/anything/at/all')).toBe(
      'all',
    );
  });
});

describe('resolveRoute: host patterns', () => {
  const map: UrlMapSpec = {
    defaultService: 'global/backendServices/default',
    hostRules: [
      { hosts: ['*'], pathMatcher: 'any' },
      { hosts: ['*.example.com'], pathMatcher: 'sub' },
      { hosts: ['*-api.example.com'], pathMatcher: 'dash' },
      { hosts: ['shop.example.com'], pathMatcher: 'exact' },
    ],
    pathMatchers: ['any', 'sub', 'dash', 'exact'].map(name => ({
      name,
      defaultService: `global/backendServices/${name}`,
    })),
  };

  it.each([
    ['http://shop.example.com/', 'exact'],
    ['http://a.example.com/', 'sub'],
    ['http://eu-api.example.com/', 'dash'],
    ['http://example.com/', 'any'],
    ['http://other.org/', 'any'],
  ])('%s → %s', (url, expected) => {
    expect(target(map, url)).toBe(expected);
  });

  it('a wildcard needs at least one character before the suffix', () => {
    const m: UrlMapSpec = {
      ...map,
      hostRules: [{ hosts: ['*.example.com'], pathMatcher: 'sub' }],
    };
    expect(target(m, 'http://a.b.example.com/')).toBe('sub');
    expect(target(m, 'http://example.com/')).toBe('default');
  });

  it('says so when a host rule points at a missing path matcher', () => {
    const m: UrlMapSpec = {
      hostRules: [{ hosts: ['x.io'], pathMatcher: 'nope' }],
      pathMatchers: [],
    };
    expect(resolveRoute(m, 'http://x.io/').outcome).toEqual({
      kind: 'none',
      reason: 'path matcher nope does not exist',
    });
  });
});
