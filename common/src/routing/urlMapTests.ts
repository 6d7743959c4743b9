import { backendRefKey } from './backendRef';
import { parseRequestUrl } from './requestUrl';
import { resolveRoute } from './resolveRoute';
import type { UrlMapSpec, UrlMapTestSpec } from './urlMapTypes';

/** compute's `TestFailure`: what a URL map test expected and what the map does. */
export interface UrlMapTestFailure {
  host: string;
  path: string;
  expectedService?: string;
  actualService?: string;
  expectedOutputUrl?: string;
  actualOutputUrl?: string;
  expectedRedirectResponseCode?: number;
  actualRedirectResponseCode?: number;
}

/**
 * Runs a URL map's `tests[]` against its own rules, as `urlMaps.validate` and every write do.
 * Test requests are plain http (compute sends `http://host/path`); a backend test compares the
 * backend by kind and name, whatever the reference form. For a backend the output URL is the
 * request itself (no urlRewrite is modelled; the scheme is not compared, unverified).
 */
export function runUrlMapTests(
  urlMap: UrlMapSpec,
  tests: readonly UrlMapTestSpec[] = urlMap.tests ?? [],
): UrlMapTestFailure[] {
  const failures: UrlMapTestFailure[] = [];
  for (const test of tests) {
    const host = test.host ?? '';
    const path = test.path ?? '/';
    const decision = resolveRoute(urlMap, `http://${host}${path}`);
    const outcome = decision.outcome;
    const failure: UrlMapTestFailure = { host, path };
    let failed = false;
    if (test.service) {
      const actual = outcome.kind === 'backend' ? outcome.service : undefined;
      if (backendRefKey(actual) !== backendRefKey(test.service)) {
        failed = true;
        failure.expectedService = test.service;
        if (actual) failure.actualService = actual;
      }
    }
    if (typeof test.expectedRedirectResponseCode === 'number') {
      const actual =
        outcome.kind === 'redirect' ? outcome.statusCode : undefined;
      if (actual !== test.expectedRedirectResponseCode) {
        failed = true;
        failure.expectedRedirectResponseCode =
          test.expectedRedirectResponseCode;
        if (actual !== undefined) failure.actualRedirectResponseCode = actual;
      }
    }
    if (test.expectedOutputUrl) {
      const actual =
        outcome.kind === 'redirect'
          ? outcome.location
          : `http://${host}${path}`;
      const same =
        outcome.kind === 'redirect'
          ? actual === test.expectedOutputUrl
          : sameIgnoringScheme(actual, test.expectedOutputUrl);
      if (!same) {
        failed = true;
        failure.expectedOutputUrl = test.expectedOutputUrl;
        failure.actualOutputUrl = actual;
      }
    }
    if (failed) failures.push(failure);
  }
  return failures;
}

function sameIgnoringScheme(a: string, b: string): boolean {
  const x = parseRequestUrl(a);
  const y = parseRequestUrl(b);
  return x.host === y.host && x.path === y.path && x.query === y.query;
}

/** One line per failure, for error messages ("test www.gryyd.ai/admin: expected … got …"). */
export function describeTestFailure(f: UrlMapTestFailure): string {
  const parts: string[] = [];
  if (f.expectedService)
    parts.push(
      `expected service ${f.expectedService}, got ${
        f.actualService ?? 'no service'
      }`,
    );
  if (f.expectedRedirectResponseCode)
    parts.push(
      `expected redirect ${f.expectedRedirectResponseCode}, got ${
        f.actualRedirectResponseCode ?? 'none'
      }`,
    );
  if (f.expectedOutputUrl)
    parts.push(
      `expected URL ${f.expectedOutputUrl}, got ${f.actualOutputUrl ?? 'none'}`,
    );
  return `test ${f.host}${f.path}: ${parts.join('; ')}`;
}
