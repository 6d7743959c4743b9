import { describe, expect, it } from 'vitest';
import { GRYYD_BACKENDS, gryydWebUrlMap } from './gryydWebUrlMap.fixture';
import { describeTestFailure, runUrlMapTests } from './urlMapTests';
import { parseRequestUrl } from './requestUrl';

describe('runUrlMapTests', () => {
  it('passes the gryyd-web table', () => {
    const map = gryydWebUrlMap();
    expect(
      runUrlMapTests(map, [
        {
          host: 'gryyd.ai',
          path: '/x',
          expectedOutputUrl: 'https://www.gryyd.ai/x',
          expectedRedirectResponseCode: 301,
        },
        {
          host: 'www.gryyd.ai',
          path: '/api/generation/jobs',
          service: GRYYD_BACKENDS.worker,
        },
        {
          host: 'www.gryyd.ai',
          path: '/admin',
          service: 'projects/gryyd-web/global/backendServices/gryd-be-service',
        },
        {
          host: 'www.gryyd.ai',
          path: '/images/a.png',
          service: 'global/backendServices/gryd-storage-service',
        },
        {
          host: 'www.gryyd.ai',
          path: '/about',
          service: GRYYD_BACKENDS.fe,
          expectedOutputUrl: 'http://www.gryyd.ai/about',
        },
      ]),
    ).toEqual([]);
  });

  it('reports what was expected and what happens', () => {
    const failures = runUrlMapTests(gryydWebUrlMap(), [
      { host: 'www.gryyd.ai', path: '/admin', service: GRYYD_BACKENDS.fe },
      { host: 'gryyd.ai', path: '/x', expectedRedirectResponseCode: 302 },
    ]);
    expect(failures).toEqual([
      {
        host: 'www.gryyd.ai',
        path: '/admin',
        expectedService: GRYYD_BACKENDS.fe,
        actualService: GRYYD_BACKENDS.be,
      },
      {
        host: 'gryyd.ai',
        path: '/x',
        expectedRedirectResponseCode: 302,
        actualRedirectResponseCode: 301,
      },
    ]);
    expect(describeTestFailure(failures[1]!)).toBe(
      'test gryyd.ai/x: expected redirect 302, got 301',
    );
  });
});

describe('parseRequestUrl', () => {
  it.each([
    [
      'https://www.gryyd.ai/api/v2/users?x=1#frag',
      {
        scheme: 'https',
        host: 'www.gryyd.ai',
        path: '/api/v2/users',
        query: 'x=1',
      },
    ],
    ['gryyd.ai/x', { scheme: 'http', host: 'gryyd.ai', path: '/x', query: '' }],
    [
      'HTTP://Example.COM',
      { scheme: 'http', host: 'example.com', path: '/', query: '' },
    ],
    [
      'https://h/a/../b',
      { scheme: 'https', host: 'h', path: '/a/../b', query: '' },
    ],
  ])('%s', (input, expected) => {
    expect(parseRequestUrl(input)).toEqual(expected);
  });
});
