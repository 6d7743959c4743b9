import { describe, expect, it } from 'vitest';
import { zodFieldErrors } from './fieldErrors';
import { urlMapApplyRequestSchema, urlMapEditSchema } from './urlMapEdit';
import { hostPatternProblem, pathProblem } from './urlMapRules';

const be = 'global/backendServices/gryd-be-service';
const base = () => ({
  defaultService: 'global/backendServices/gryd-fe-service',
  hostRules: [{ hosts: ['www.gryyd.ai'], pathMatcher: 'pm' }],
  pathMatchers: [
    {
      name: 'pm',
      defaultService: be,
      pathRules: [{ paths: ['/api/*'], service: be }],
    },
  ],
});
const errorsOf = (input: unknown) => {
  const r = urlMapEditSchema.safeParse(input);
  return r.success ? [] : zodFieldErrors(r.error, ['change']);
};

describe('urlMapEditSchema', () => {
  it('accepts a valid edit and defaults the arrays', () => {
    const parsed = urlMapEditSchema.parse({ defaultService: be });
    expect(parsed).toEqual({
      defaultService: be,
      hostRules: [],
      pathMatchers: [],
    });
    expect(errorsOf(base())).toEqual([]);
  });

  it.each([
    ['/api*', '"*" is only allowed at the end, right after "/"'],
    ['/a/*/b', '"*" is only allowed at the end'],
    ['api/*', 'must start with "/"'],
    ['/a?b', 'must not contain "?" or "#"'],
  ])('names the rule of the invalid path %s', (path, message) => {
    const edit = base();
    edit.pathMatchers[0]!.pathRules.push({ paths: ['/ok', path], service: be });
    const errors = errorsOf(edit);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('change.pathMatchers.0.pathRules.1.paths.1');
    expect(errors[0]!.message).toContain(message);
  });

  it('requires exactly one action per level', () => {
    const edit = base() as any;
    edit.pathMatchers[0].pathRules[0].urlRedirect = { hostRedirect: 'x.io' };
    delete edit.defaultService;
    expect(errorsOf(edit)).toEqual([
      {
        path: 'change.pathMatchers.0.pathRules.0.service',
        message: 'path rule /api/*: set a backend or a redirect, not both',
      },
      {
        path: 'change.defaultService',
        message: 'the URL map: set a backend or a redirect',
      },
    ]);
  });

  it('refuses host rules to missing matchers, duplicate matcher names and bad hosts', () => {
    const edit = base();
    edit.hostRules.push({ hosts: ['a*.io'], pathMatcher: 'ghost' });
    edit.pathMatchers.push({ ...edit.pathMatchers[0]! });
    const paths = errorsOf(edit).map(e => e.path);
    expect(paths).toEqual([
      'change.hostRules.1.hosts.0',
      'change.pathMatchers.1.name',
      'change.hostRules.1.pathMatcher',
    ]);
  });

  it('refuses pathRedirect with prefixRedirect and unknown redirect codes', () => {
    const edit = {
      defaultUrlRedirect: {
        pathRedirect: '/a',
        prefixRedirect: '/b',
        redirectResponseCode: 'MOVED',
      },
    };
    expect(errorsOf(edit).map(e => e.path)).toEqual([
      'change.defaultUrlRedirect.redirectResponseCode',
    ]);
    const edit2 = {
      defaultUrlRedirect: { pathRedirect: '/a', prefixRedirect: '/b' },
    };
    expect(errorsOf(edit2)).toEqual([
      {
        path: 'change.defaultUrlRedirect.prefixRedirect',
        message: 'set either pathRedirect or prefixRedirect, not both',
      },
    ]);
  });

  it('refuses backend references that are not backends', () => {
    expect(errorsOf({ defaultService: 'gryd-fe' })[0]!.message).toContain(
      'must reference a backend service or backend bucket',
    );
  });

  it('apply needs the etag (the map fingerprint), and still takes it under its older name', () => {
    const r = urlMapApplyRequestSchema.safeParse({ change: base() });
    expect(r.success ? [] : zodFieldErrors(r.error)).toEqual([
      { path: 'etag', message: 'etag is required: preview the change first' },
    ]);
    expect(
      urlMapApplyRequestSchema.parse({ change: base(), fingerprint: 'f1' }),
    ).toMatchObject({ etag: 'f1', acknowledgedWarnings: [] });
    expect(
      urlMapApplyRequestSchema.parse({ change: base(), etag: 'f1' }),
    ).toMatchObject({ etag: 'f1' });
  });
});

describe('path and host rules', () => {
  it.each(['/', '/*', '/a', '/a/', '/a/*', '/api/generation/*'])(
    'path %s is valid',
    p => expect(pathProblem(p)).toBeNull(),
  );
  it.each([
    '*',
    'www.gryyd.ai',
    '*.gryyd.ai',
    '*-api.gryyd.ai',
    'gryyd.ai:8080',
  ])('host %s is valid', h => expect(hostPatternProblem(h)).toBeNull());
  it.each(['*gryyd.ai', 'www.*.ai', 'a*', 'bad_host', 'h:port'])(
    'host %s is invalid',
    h => expect(hostPatternProblem(h)).not.toBeNull(),
  );
});
