import { describe, expect, it } from 'vitest';
import type { UrlMapEdit } from '@gcp-serverless/common';
import {
  errorsByField,
  fieldErrorProps,
  locateUrlMapError,
} from './urlMapFieldErrors';

const edit = {
  defaultService: 'gryd-fe-service',
  hostRules: [{ hosts: ['www.gryyd.ai'], pathMatcher: 'path-matcher-2' }],
  pathMatchers: [
    { name: 'path-matcher-3', pathRules: [], routeRules: [] },
    {
      name: 'path-matcher-2',
      defaultService: 'gryd-fe-service',
      pathRules: [
        { paths: ['/api/*'], service: 'gryd-be-service' },
        { paths: ['/ok', 'images/*'], service: 'gryd-storage-service' },
      ],
      routeRules: [],
    },
  ],
} as unknown as UrlMapEdit;

describe('locateUrlMapError', () => {
  it('puts a bad path on its rule’s paths field and names the rule in words', () => {
    const located = locateUrlMapError(
      {
        path: 'change.pathMatchers.1.pathRules.1.paths.1',
        message: 'Path "images/*" must start with "/"',
      },
      edit,
    );
    expect(located).toEqual({
      key: 'pathMatchers.1.pathRules.1.paths',
      where: 'path-matcher-2, path rule 2 (/ok, images/*)',
      message: 'Path "images/*" must start with "/"',
    });
    expect(fieldErrorProps(errorsByField([located]), located.key)).toEqual({
      error: true,
      helperText: 'Path "images/*" must start with "/"',
    });
    expect(fieldErrorProps(errorsByField([located]), 'defaultService')).toEqual(
      {},
    );
  });

  it('places host rule, matcher name, defaults and map-level errors', () => {
    const keyOf = (path: string) =>
      locateUrlMapError({ path, message: 'm' }, edit).key;
    expect(keyOf('hostRules.0.hosts.0')).toBe('hostRules.0.hosts');
    expect(keyOf('change.hostRules.0.pathMatcher')).toBe(
      'hostRules.0.pathMatcher',
    );
    expect(keyOf('change.pathMatchers.0.name')).toBe('pathMatchers.0.name');
    expect(keyOf('change.pathMatchers.1.defaultService')).toBe(
      'pathMatchers.1.defaultService',
    );
    expect(keyOf('change.pathMatchers.1.pathRules.0.service')).toBe(
      'pathMatchers.1.pathRules.0.service',
    );
    expect(keyOf('change.defaultUrlRedirect.pathRedirect')).toBe(
      'defaultUrlRedirect',
    );
    expect(keyOf('change')).toBe('');
  });
});
