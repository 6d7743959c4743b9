import { describe, expect, it } from 'vitest';
import { buildGryydWebCompute } from './scenarios/gryydWebCompute';
import {
  hostPatternProblem,
  pathProblem,
  redirectViolations,
} from './urlMapPatterns';
import { MAX_URL_MAP_TESTS, urlMapViolations } from './urlMapRules';

const compute = buildGryydWebCompute(Date.UTC(2024, 0, 1));
const base = () =>
  structuredClone(compute.urlMaps.get('gryyd-web-url-map')!) as Record<
    string,
    any
  >;
const fields = (map: Record<string, unknown>) =>
  urlMapViolations(map, 'gryyd-web', compute).map(v => v.field);

describe('path and host patterns', () => {
  it('accepts paths that start with / and end with /* at most', () => {
    for (const path of ['/', '/api/*', '/admin', '/a/b/c', '/*'])
      expect(pathProblem(path)).toBeNull();
  });

  it('rejects a missing slash, inner or trailing * not after /, ? and #', () => {
    expect(pathProblem('api/*')).toMatch(/start with/);
    expect(pathProblem('/api/*/v2')).toMatch(/only allowed at the end/);
    expect(pathProblem('/api*')).toMatch(/only allowed at the end/);
    expect(pathProblem('/a?b')).toMatch(/'\?' or '#'/);
    expect(pathProblem('/a#b')).toMatch(/'\?' or '#'/);
    expect(pathProblem('')).not.toBeNull();
  });

  it('accepts host names and leading wildcards followed by . or -', () => {
    for (const host of [
      '*',
      'gryyd.ai',
      'www.gryyd.ai',
      '*.gryyd.ai',
      '*-staging.gryyd.ai',
      'example.com:8080',
    ])
      expect(hostPatternProblem(host)).toBeNull();
  });

  it('rejects wildcards elsewhere and bad host names', () => {
    expect(hostPatternProblem('www.*.ai')).toMatch(/first character/);
    expect(hostPatternProblem('*gryyd.ai')).toMatch(/followed by/);
    expect(hostPatternProblem('gryyd_ai')).toMatch(/not a valid/);
    expect(hostPatternProblem('')).not.toBeNull();
  });

  it('checks redirects: one of path/prefix, valid code and host', () => {
    expect(
      redirectViolations(
        {
          hostRedirect: 'www.gryyd.ai',
          httpsRedirect: true,
          redirectResponseCode: 'FOUND',
        },
        'r',
      ),
    ).toEqual([]);
    expect(
      redirectViolations({ pathRedirect: '/a', prefixRedirect: '/b' }, 'r').map(
        v => v.field,
      ),
    ).toEqual(['r.prefixRedirect']);
    expect(
      redirectViolations({ redirectResponseCode: '301' }, 'r').map(
        v => v.field,
      ),
    ).toEqual(['r.redirectResponseCode']);
    expect(
      redirectViolations({ hostRedirect: '*.gryyd.ai' }, 'r').map(v => v.field),
    ).toEqual(['r.hostRedirect']);
  });
});

describe('urlMapViolations', () => {
  it('accepts the gryyd-web map as built', () => {
    expect(fields(base())).toEqual([]);
  });

  it('needs exactly one default action at the top and in each path matcher', () => {
    const map = base();
    map.defaultUrlRedirect = { httpsRedirect: true };
    expect(fields(map)).toEqual(['resource.defaultUrlRedirect']);
    const none = base();
    delete none.pathMatchers[1].defaultService;
    expect(fields(none)).toEqual(['resource.pathMatchers[1].defaultService']);
  });

  it('names the path rule with an invalid or duplicate path', () => {
    const map = base();
    map.pathMatchers[1].pathRules[0].paths = ['/api/generation/*', '/x*'];
    map.pathMatchers[1].pathRules[2].paths.push('/admin');
    expect(fields(map)).toEqual([
      'resource.pathMatchers[1].pathRules[0].paths[1]',
      'resource.pathMatchers[1].pathRules[2].paths[5]',
    ]);
  });

  it('needs one action per path rule and targets that exist', () => {
    const map = base();
    map.pathMatchers[1].pathRules[0].urlRedirect = { pathRedirect: '/x' };
    map.pathMatchers[1].pathRules[1].service =
      'projects/gryyd-web/global/backendServices/gone';
    map.pathMatchers[1].pathRules[2].service = 'global/backendBuckets/nope';
    const problems = urlMapViolations(map, 'gryyd-web', compute);
    expect(problems.map(v => v.field)).toEqual([
      'resource.pathMatchers[1].pathRules[0].urlRedirect',
      'resource.pathMatchers[1].pathRules[1].service',
      'resource.pathMatchers[1].pathRules[2].service',
    ]);
    expect(problems[1]!.description).toContain(
      "'projects/gryyd-web/global/backendServices/gone' was not found",
    );
  });

  it('rejects duplicate hosts, unknown path matchers and bad host patterns', () => {
    const map = base();
    map.hostRules.push({
      hosts: ['WWW.gryyd.ai', 'a.*.ai'],
      pathMatcher: 'path-matcher-9',
    });
    expect(fields(map)).toEqual([
      'resource.hostRules[2].hosts[0]',
      'resource.hostRules[2].hosts[1]',
      'resource.hostRules[2].pathMatcher',
    ]);
  });

  it('needs unique route rule priorities and one match kind per match rule; no pathRules next to routeRules', () => {
    const map = base();
    const be = map.pathMatchers[1].pathRules[1].service;
    map.pathMatchers[1].routeRules = [
      { priority: 10, matchRules: [{ prefixMatch: '/v1/' }], service: be },
      {
        priority: 10,
        matchRules: [{ prefixMatch: '/v2/', fullPathMatch: '/v2' }],
        service: be,
      },
      { priority: -1, matchRules: [{ fullPathMatch: 'v3' }], service: be },
    ];
    expect(fields(map)).toEqual([
      'resource.pathMatchers[1].routeRules',
      'resource.pathMatchers[1].routeRules[1].priority',
      'resource.pathMatchers[1].routeRules[1].matchRules[0]',
      'resource.pathMatchers[1].routeRules[2].priority',
      'resource.pathMatchers[1].routeRules[2].matchRules[0].fullPathMatch',
    ]);
  });

  it(`allows at most ${MAX_URL_MAP_TESTS} tests, each with a host, a path and one expectation`, () => {
    const map = base();
    map.tests = Array.from({ length: MAX_URL_MAP_TESTS + 1 }, () => ({
      host: 'www.gryyd.ai',
      path: '/',
      service: map.defaultService,
    }));
    expect(fields(map)).toEqual(['resource.tests']);
    const bad = base();
    bad.tests = [{ host: '', path: 'x' }];
    expect(fields(bad)).toEqual([
      'resource.tests[0].host',
      'resource.tests[0].path',
      'resource.tests[0]',
    ]);
  });
});
