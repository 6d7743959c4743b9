import { describe, expect, it } from 'vitest';
import { GRYYD_BACKENDS, gryydWebUrlMap } from './gryydWebUrlMap.fixture';
import { diffUrlMaps } from './urlMapDiff';
import { urlMapFindings } from './urlMapFindings';

const known = {
  backendServices: [
    'gryd-fe-service',
    'gryd-be-service',
    'gryd-worker-be-service',
    'gryd-storage-service',
  ],
  backendBuckets: [],
};
const codes = (f: { code: string }[]) => f.map(x => x.code);

describe('urlMapFindings', () => {
  it('finds nothing for an unchanged map', () => {
    expect(urlMapFindings(gryydWebUrlMap(), gryydWebUrlMap(), known)).toEqual(
      [],
    );
  });

  it('shows sample URLs whose destination changes when /api/v2/* goes to the worker', () => {
    const proposed = gryydWebUrlMap();
    proposed.pathMatchers![1]!.pathRules!.push({
      paths: ['/api/v2/*'],
      service: GRYYD_BACKENDS.worker,
    });
    const findings = urlMapFindings(gryydWebUrlMap(), proposed, known);
    expect(codes(findings)).toEqual(['DESTINATION_CHANGED']);
    expect(findings[0]!.samples).toContainEqual({
      url: 'https://www.gryyd.ai/api/v2/sample',
      before: 'gryd-be-service',
      after: 'gryd-worker-be-service',
    });
    expect(
      findings[0]!.samples!.every(s =>
        s.url.startsWith('https://www.gryyd.ai/api/v2/'),
      ),
    ).toBe(true);
  });

  it('says nothing changes destination when a new rule repeats what the default did', () => {
    const proposed = gryydWebUrlMap();
    proposed.pathMatchers![1]!.pathRules!.push({
      paths: ['/about'],
      service: GRYYD_BACKENDS.fe,
    });
    expect(urlMapFindings(gryydWebUrlMap(), proposed, known)).toEqual([]);
  });

  it('groups changed redirects and reports removed rules', () => {
    const proposed = gryydWebUrlMap();
    proposed.pathMatchers![0]!.defaultUrlRedirect = {
      hostRedirect: 'www.gryyd.ai',
      httpsRedirect: true,
      redirectResponseCode: 'FOUND',
    };
    proposed.pathMatchers![1]!.pathRules!.splice(0, 1);
    const findings = urlMapFindings(gryydWebUrlMap(), proposed, known);
    expect(findings.map(f => f.message.split(' e.g.')[0])).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'would go to redirect 302 https://www.gryyd.ai/ instead of redirect 301 https://www.gryyd.ai/',
        ),
        expect.stringContaining(
          'would go to gryd-be-service instead of gryd-worker-be-service',
        ),
      ]),
    );
  });

  it('flags duplicate paths, unreachable rules, unused matchers and missing targets', () => {
    const proposed = gryydWebUrlMap();
    proposed.pathMatchers![1]!.pathRules!.push({
      paths: ['/admin'],
      service: 'global/backendServices/ghost-service',
    });
    proposed.pathMatchers!.push({
      name: 'orphan',
      defaultService: 'global/backendBuckets/nope',
    });
    proposed.hostRules!.push({ hosts: ['gryyd.ai'], pathMatcher: 'orphan' });
    const findings = urlMapFindings(gryydWebUrlMap(), proposed, known);
    expect(codes(findings)).toEqual([
      'UNREACHABLE_RULE',
      'DUPLICATE_PATH',
      'UNREACHABLE_RULE',
      'MISSING_TARGET',
      'MISSING_TARGET',
    ]);
    expect(findings[1]).toMatchObject({
      path: 'pathMatchers.1.pathRules.3',
      message: expect.stringContaining(
        'Path /admin appears in path rules 2 and 4 of path-matcher-2',
      ),
    });
    expect(findings[3]!.message).toBe(
      'Backend service ghost-service (at pathMatchers.1.pathRules.3) does not exist in the project.',
    );
    expect(findings[4]!.message).toContain('Backend bucket nope');
  });

  it('finds route rules shadowed by an earlier prefix', () => {
    const map = {
      defaultService: GRYYD_BACKENDS.fe,
      hostRules: [{ hosts: ['*'], pathMatcher: 'm' }],
      pathMatchers: [
        {
          name: 'm',
          defaultService: GRYYD_BACKENDS.fe,
          routeRules: [
            {
              priority: 20,
              matchRules: [{ prefixMatch: '/api/v1/' }],
              service: GRYYD_BACKENDS.worker,
            },
            {
              priority: 10,
              matchRules: [{ prefixMatch: '/api/' }],
              service: GRYYD_BACKENDS.be,
            },
          ],
        },
      ],
    };
    const findings = urlMapFindings(map, map);
    expect(findings).toEqual([
      expect.objectContaining({
        code: 'UNREACHABLE_RULE',
        path: 'pathMatchers.0.routeRules.0',
      }),
    ]);
  });
});

describe('diffUrlMaps', () => {
  it('lists added, changed and removed routing lines', () => {
    const proposed = gryydWebUrlMap();
    proposed.pathMatchers![1]!.pathRules!.push({
      paths: ['/api/v2/*'],
      service: GRYYD_BACKENDS.be,
    });
    proposed.pathMatchers![1]!.pathRules![2]!.paths = ['/images/*'];
    proposed.pathMatchers![1]!.defaultService = GRYYD_BACKENDS.be;
    const diff = diffUrlMaps(gryydWebUrlMap(), proposed);
    expect(diff).toContainEqual({
      field: 'matcher:path-matcher-2:path:/api/v2/*',
      label: 'path-matcher-2: /api/v2/*',
      before: null,
      after: 'gryd-be-service',
    });
    expect(diff).toContainEqual({
      field: 'matcher:path-matcher-2',
      label: 'path-matcher-2: default',
      before: 'gryd-fe-service',
      after: 'gryd-be-service',
    });
    expect(diff).toContainEqual({
      field: 'matcher:path-matcher-2:path:/assets/*',
      label: 'path-matcher-2: /assets/*',
      before: 'gryd-storage-service',
      after: null,
    });
    expect(diff).toHaveLength(6);
    expect(diffUrlMaps(gryydWebUrlMap(), gryydWebUrlMap())).toEqual([]);
  });

  it('describes redirects readably', () => {
    const proposed = gryydWebUrlMap();
    proposed.pathMatchers![0]!.defaultUrlRedirect!.redirectResponseCode =
      'PERMANENT_REDIRECT';
    expect(diffUrlMaps(gryydWebUrlMap(), proposed)).toEqual([
      {
        field: 'matcher:path-matcher-3',
        label: 'path-matcher-3: default',
        before: 'redirect 301 to https://www.gryyd.ai',
        after: 'redirect 308 to https://www.gryyd.ai',
      },
    ]);
  });
});
