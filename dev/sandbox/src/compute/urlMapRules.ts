/**
 * The rules compute enforces on a whole UrlMap before it accepts a write or loads it in `validate`
 * (docs/google-apis.md §2): exactly one default action at each level, valid host patterns and paths, unique
 * hosts, path matcher names, paths and route rule priorities, path matchers that exist, targets that
 * exist in the project, and at most 100 tests. Field paths are rooted at `resource`, as compute names
 * them (`resource.pathMatchers[0].pathRules[2].paths[0]`).
 */
import type { FieldViolation } from '../googleError';
import { isPlainObject } from '../protoJson';
import type { ComputeCollections, ComputeJson } from './computeTypes';
import { RESOURCE_NAME } from './computeResourceKit';
import {
  hostPatternProblem,
  parseComputeRef,
  pathProblem,
  redirectViolations,
} from './urlMapPatterns';

/** Most tests a URL map may carry. */
export const MAX_URL_MAP_TESTS = 100;

type Json = Record<string, unknown>;
const arrayOf = (value: unknown): Json[] =>
  Array.isArray(value) ? value.filter(isPlainObject) : [];

/** Checks a reference to a backend service or bucket of `projectId` that must exist. */
function targetViolations(
  ref: unknown,
  field: string,
  projectId: string,
  existing: ComputeCollections,
): FieldViolation[] {
  const parsed = parseComputeRef(ref);
  if (!parsed)
    return [
      {
        field,
        description: `'${String(
          ref,
        )}' is not a backend service or backend bucket reference`,
      },
    ];
  if (parsed.projectId && parsed.projectId !== projectId) {
    return [
      {
        field,
        description: `'${String(
          ref,
        )}' belongs to another project; the sandbox keeps targets in the URL map's project`,
      },
    ];
  }
  const collection =
    parsed.collection === 'backendBuckets'
      ? existing.backendBuckets
      : existing.backendServices;
  return collection.has(parsed.name)
    ? []
    : [
        {
          field,
          description: `The resource 'projects/${projectId}/global/${parsed.collection}/${parsed.name}' was not found`,
        },
      ];
}

/** The route action's weighted backends (a target too), checked like `service`. */
function routeActionViolations(
  action: unknown,
  field: string,
  projectId: string,
  existing: ComputeCollections,
): FieldViolation[] {
  if (!isPlainObject(action))
    return [{ field, description: 'must be an object' }];
  return arrayOf(action['weightedBackendServices']).flatMap((w, i) =>
    targetViolations(
      w['backendService'],
      `${field}.weightedBackendServices[${i}].backendService`,
      projectId,
      existing,
    ),
  );
}

/**
 * Exactly one of `service` / `urlRedirect` / `routeAction` (with the level's key names), then each
 * one's own checks. `required` false allows none (never the case in compute's URL maps today).
 */
function actionViolations(
  holder: Json,
  keys: readonly [service: string, redirect: string, routeAction: string],
  field: string,
  projectId: string,
  existing: ComputeCollections,
): FieldViolation[] {
  const [serviceKey, redirectKey, actionKey] = keys;
  const set = keys.filter(k => holder[k] != null);
  if (set.length !== 1) {
    return [
      {
        field: `${field}${field ? '.' : ''}${set[1] ?? serviceKey}`,
        description: `exactly one of ${keys.join(', ')} must be set, found ${
          set.length
        }`,
      },
    ];
  }
  const at = (k: string) => (field ? `${field}.${k}` : k);
  if (holder[serviceKey] != null)
    return targetViolations(
      holder[serviceKey],
      at(serviceKey),
      projectId,
      existing,
    );
  if (holder[redirectKey] != null)
    return redirectViolations(holder[redirectKey], at(redirectKey));
  return routeActionViolations(
    holder[actionKey],
    at(actionKey),
    projectId,
    existing,
  );
}

function pathMatcherViolations(
  matcher: Json,
  field: string,
  projectId: string,
  existing: ComputeCollections,
): FieldViolation[] {
  const out = actionViolations(
    matcher,
    ['defaultService', 'defaultUrlRedirect', 'defaultRouteAction'],
    field,
    projectId,
    existing,
  );
  const pathRules = arrayOf(matcher['pathRules']);
  const routeRules = arrayOf(matcher['routeRules']);
  if (pathRules.length && routeRules.length) {
    out.push({
      field: `${field}.routeRules`,
      description:
        'a path matcher has either pathRules or routeRules, not both',
    });
  }
  const seenPaths = new Map<string, string>();
  pathRules.forEach((rule, r) => {
    const ruleField = `${field}.pathRules[${r}]`;
    const paths = Array.isArray(rule['paths'])
      ? (rule['paths'] as unknown[])
      : [];
    if (!paths.length)
      out.push({
        field: `${ruleField}.paths`,
        description: 'a path rule needs at least one path',
      });
    paths.forEach((path, p) => {
      const problem = pathProblem(path);
      if (problem)
        out.push({ field: `${ruleField}.paths[${p}]`, description: problem });
      else if (seenPaths.has(path as string)) {
        out.push({
          field: `${ruleField}.paths[${p}]`,
          description: `duplicate path '${String(
            path,
          )}' (also in ${seenPaths.get(path as string)})`,
        });
      } else seenPaths.set(path as string, ruleField);
    });
    out.push(
      ...actionViolations(
        rule,
        ['service', 'urlRedirect', 'routeAction'],
        ruleField,
        projectId,
        existing,
      ),
    );
  });
  const priorities = new Map<number, number>();
  routeRules.forEach((rule, r) => {
    const ruleField = `${field}.routeRules[${r}]`;
    const priority = rule['priority'];
    if (
      typeof priority !== 'number' ||
      !Number.isInteger(priority) ||
      priority < 0 ||
      priority > 2_147_483_647
    ) {
      out.push({
        field: `${ruleField}.priority`,
        description: 'priority must be an integer 0..2147483647',
      });
    } else if (priorities.has(priority)) {
      out.push({
        field: `${ruleField}.priority`,
        description: `priority ${priority} is used by routeRules[${priorities.get(
          priority,
        )}] too; priorities must be unique`,
      });
    } else priorities.set(priority, r);
    arrayOf(rule['matchRules']).forEach((match, m) => {
      const kinds = [
        'prefixMatch',
        'fullPathMatch',
        'regexMatch',
        'pathTemplateMatch',
      ].filter(k => match[k] != null);
      if (kinds.length !== 1) {
        out.push({
          field: `${ruleField}.matchRules[${m}]`,
          description: `exactly one of prefixMatch, fullPathMatch, regexMatch, pathTemplateMatch must be set, found ${kinds.length}`,
        });
      }
      for (const key of ['prefixMatch', 'fullPathMatch'] as const) {
        const value = match[key];
        if (
          value != null &&
          (typeof value !== 'string' ||
            !value.startsWith('/') ||
            /[?#]/.test(value))
        ) {
          out.push({
            field: `${ruleField}.matchRules[${m}].${key}`,
            description: `${key} '${String(
              value,
            )}' must start with '/' and contain no '?' or '#'`,
          });
        }
      }
    });
    out.push(
      ...actionViolations(
        rule,
        ['service', 'urlRedirect', 'routeAction'],
        ruleField,
        projectId,
        existing,
      ),
    );
  });
  return out;
}

/** Every violation of `urlMap` (a complete resource) in `projectId` with the `existing` backends. */
export function urlMapViolations(
  urlMap: ComputeJson,
  projectId: string,
  existing: ComputeCollections,
): FieldViolation[] {
  const out: FieldViolation[] = [];
  const name = urlMap['name'];
  if (typeof name !== 'string' || !RESOURCE_NAME.test(name)) {
    out.push({
      field: 'resource.name',
      description: `'${String(
        name ?? '',
      )}' must match [a-z]([-a-z0-9]*[a-z0-9])? and be at most 63 characters`,
    });
  }
  out.push(
    ...actionViolations(
      urlMap,
      ['defaultService', 'defaultUrlRedirect', 'defaultRouteAction'],
      'resource',
      projectId,
      existing,
    ),
  );
  const matchers = arrayOf(urlMap['pathMatchers']);
  const matcherNames = new Set<string>();
  matchers.forEach((matcher, i) => {
    const field = `resource.pathMatchers[${i}]`;
    const matcherName = matcher['name'];
    if (typeof matcherName !== 'string' || !RESOURCE_NAME.test(matcherName)) {
      out.push({
        field: `${field}.name`,
        description: `path matcher name '${String(
          matcherName ?? '',
        )}' must match [a-z]([-a-z0-9]*[a-z0-9])?`,
      });
    } else if (matcherNames.has(matcherName)) {
      out.push({
        field: `${field}.name`,
        description: `duplicate path matcher name '${matcherName}'`,
      });
    } else matcherNames.add(matcherName);
    out.push(...pathMatcherViolations(matcher, field, projectId, existing));
  });
  const seenHosts = new Map<string, number>();
  arrayOf(urlMap['hostRules']).forEach((rule, i) => {
    const field = `resource.hostRules[${i}]`;
    const hosts = Array.isArray(rule['hosts'])
      ? (rule['hosts'] as unknown[])
      : [];
    if (!hosts.length)
      out.push({
        field: `${field}.hosts`,
        description: 'a host rule needs at least one host',
      });
    hosts.forEach((host, h) => {
      const problem = hostPatternProblem(host);
      const key = String(host).toLowerCase();
      if (problem)
        out.push({ field: `${field}.hosts[${h}]`, description: problem });
      else if (seenHosts.has(key))
        out.push({
          field: `${field}.hosts[${h}]`,
          description: `host '${String(
            host,
          )}' is already in hostRules[${seenHosts.get(key)}]`,
        });
      else seenHosts.set(key, i);
    });
    const matcher = rule['pathMatcher'];
    if (
      typeof matcher !== 'string' ||
      !matchers.some(m => m['name'] === matcher)
    ) {
      out.push({
        field: `${field}.pathMatcher`,
        description: `path matcher '${String(
          matcher ?? '',
        )}' does not exist in pathMatchers`,
      });
    }
  });
  const tests = arrayOf(urlMap['tests']);
  if (tests.length > MAX_URL_MAP_TESTS)
    out.push({
      field: 'resource.tests',
      description: `at most ${MAX_URL_MAP_TESTS} tests, found ${tests.length}`,
    });
  tests.forEach((test, i) => {
    const field = `resource.tests[${i}]`;
    if (typeof test['host'] !== 'string' || test['host'] === '')
      out.push({ field: `${field}.host`, description: 'a test needs a host' });
    if (typeof test['path'] !== 'string' || !test['path'].startsWith('/'))
      out.push({
        field: `${field}.path`,
        description: "a test path must start with '/'",
      });
    const expectations = ['service', 'expectedOutputUrl'].filter(
      k => test[k] != null,
    );
    if (expectations.length !== 1)
      out.push({
        field,
        description:
          'a test expects exactly one of service or expectedOutputUrl',
      });
    if (test['service'] != null)
      out.push(
        ...targetViolations(
          test['service'],
          `${field}.service`,
          projectId,
          existing,
        ),
      );
  });
  return out;
}
