/**
 * urlMaps insert, update (PUT, full replace), patch (JSON merge patch) and validate. Every write is
 * checked against the UrlMap proto, compute's rules (urlMapRules.ts) and the map's own `tests[]`
 * (run with the shared resolver from common, the one the portal uses); update and patch need the
 * current fingerprint (missing or stale → 412 conditionNotMet). An accepted write is committed at
 * once and answered with a global operation.
 */
import {
  describeTestFailure,
  runUrlMapTests,
  type UrlMapSpec,
} from '@gcp-serverless/common';
import {
  checkMessageJson,
  isPlainObject,
  normalizeMessageJson,
} from '../protoJson';
import { invalidArgument } from '../googleError';
import { computeOf, type ComputeContext } from './computeContext';
import {
  computeAlreadyExists,
  computeInvalid,
  computeNotFound,
  conditionNotMet,
} from './computeErrors';
import { computeTypes, withoutOutputOnly } from './computeProtos';
import {
  computeTimestamp,
  fingerprintOf,
  globalPath,
  nextResourceId,
  selfLink,
} from './computeResourceKit';
import { recordComputeChange } from './computeState';
import type { ComputeJson, SandboxComputeState } from './computeTypes';
import { jsonMergePatch } from './jsonMergePatch';
import { canonicalUrlMapRefs } from './urlMapRefs';
import { urlMapViolations } from './urlMapRules';

/** A write: which map (absent for insert) and the request body. */
export interface UrlMapWrite {
  projectId: string;
  urlMap?: string;
  body: unknown;
}

/** Proto check of a UrlMap body, then its canonical JSON without output-only fields. */
function decodeUrlMap(body: unknown): ComputeJson {
  if (!isPlainObject(body))
    throw invalidArgument('The request body must be a UrlMap', [
      { field: 'resource', description: 'required' },
    ]);
  const protoViolations = checkMessageJson(
    computeTypes().urlMap,
    body,
    'resource',
  );
  if (protoViolations.length)
    throw invalidArgument(protoViolations[0]!.description, protoViolations);
  return withoutOutputOnly(
    normalizeMessageJson(computeTypes().urlMap, body) as ComputeJson,
  );
}

/** Rules and tests of a complete map; throws 400 naming every problem. */
function checkWhole(
  candidate: ComputeJson,
  projectId: string,
  compute: SandboxComputeState,
): void {
  const violations = urlMapViolations(candidate, projectId, compute);
  if (violations.length) throw computeInvalid(violations);
  const failures = runUrlMapTests(candidate as UrlMapSpec);
  if (failures.length) {
    throw computeInvalid(
      failures.map(f => ({
        field: 'resource.tests',
        description: `Test failure: ${describeTestFailure(f)}`,
      })),
    );
  }
}

function requireFingerprint(
  sent: unknown,
  current: ComputeJson,
  path: string,
): void {
  if (typeof sent !== 'string' || sent !== current['fingerprint'])
    throw conditionNotMet(path, sent, current['fingerprint']);
}

/** Stores `candidate` as the map `name` and starts the operation. */
function commit(
  ctx: ComputeContext,
  projectId: string,
  compute: SandboxComputeState,
  candidate: ComputeJson,
  operationType: string,
): ComputeJson {
  const name = candidate['name'] as string;
  const path = globalPath(projectId, 'urlMaps', name);
  const now = ctx.clock.now();
  const previous = compute.urlMaps.get(name);
  const stored: ComputeJson = {
    kind: 'compute#urlMap',
    id: previous?.['id'] ?? nextResourceId(compute),
    creationTimestamp: previous?.['creationTimestamp'] ?? computeTimestamp(now),
    ...canonicalUrlMapRefs(candidate, projectId),
    selfLink: selfLink(path),
  };
  stored['fingerprint'] = fingerprintOf(stored, BigInt(compute.history.length));
  compute.urlMaps.set(name, stored);
  recordComputeChange(compute, now);
  return ctx.operations.start({
    projectId,
    operationType,
    targetLink: selfLink(path),
    targetId: stored['id'] as string,
    now,
  });
}

/** `POST …/global/urlMaps`: creates a map; a taken name → 409 alreadyExists. */
export function insertUrlMap(
  ctx: ComputeContext,
  write: UrlMapWrite,
): ComputeJson {
  const compute = computeOf(ctx, write.projectId);
  const candidate = decodeUrlMap(write.body);
  delete candidate['fingerprint'];
  const name = candidate['name'];
  if (typeof name === 'string' && compute.urlMaps.has(name))
    throw computeAlreadyExists(globalPath(write.projectId, 'urlMaps', name));
  checkWhole(candidate, write.projectId, compute);
  return commit(ctx, write.projectId, compute, candidate, 'insert');
}

function requireMap(
  compute: SandboxComputeState,
  projectId: string,
  name: string,
): ComputeJson {
  const current = compute.urlMaps.get(name);
  if (!current) throw computeNotFound(globalPath(projectId, 'urlMaps', name));
  return current;
}

/** `PUT …/urlMaps/{name}`: replaces every field (absent ones cleared); needs the fingerprint. */
export function updateUrlMap(
  ctx: ComputeContext,
  write: UrlMapWrite,
): ComputeJson {
  const compute = computeOf(ctx, write.projectId);
  const current = requireMap(compute, write.projectId, write.urlMap!);
  const candidate = decodeUrlMap(write.body);
  requireFingerprint(
    candidate['fingerprint'],
    current,
    globalPath(write.projectId, 'urlMaps', write.urlMap!),
  );
  candidate['name'] ??= write.urlMap;
  if (candidate['name'] !== write.urlMap)
    throw computeInvalid([
      { field: 'resource.name', description: 'the name cannot be changed' },
    ]);
  delete candidate['fingerprint'];
  checkWhole(candidate, write.projectId, compute);
  return commit(ctx, write.projectId, compute, candidate, 'update');
}

/** `PATCH …/urlMaps/{name}`: JSON merge patch (arrays replace); needs the fingerprint. */
export function patchUrlMap(
  ctx: ComputeContext,
  write: UrlMapWrite,
): ComputeJson {
  const compute = computeOf(ctx, write.projectId);
  const current = requireMap(compute, write.projectId, write.urlMap!);
  const patch = decodeUrlMap(write.body);
  requireFingerprint(
    patch['fingerprint'],
    current,
    globalPath(write.projectId, 'urlMaps', write.urlMap!),
  );
  delete patch['fingerprint'];
  if (patch['name'] !== undefined && patch['name'] !== write.urlMap) {
    throw computeInvalid([
      { field: 'resource.name', description: 'the name cannot be changed' },
    ]);
  }
  const candidate = withoutOutputOnly(
    jsonMergePatch(current, patch) as ComputeJson,
  );
  delete candidate['fingerprint'];
  checkWhole(candidate, write.projectId, compute);
  return commit(ctx, write.projectId, compute, candidate, 'patch');
}

/**
 * `POST …/urlMaps/{name}/validate` body `{resource, loadBalancingSchemes?}`: loads the given map
 * (not merged with the stored one) and runs its tests; creates nothing. Rule violations are
 * `loadErrors` (tests are not run then), test results `testFailures`.
 */
export function validateUrlMap(
  ctx: ComputeContext,
  projectId: string,
  name: string,
  body: unknown,
): ComputeJson {
  const compute = computeOf(ctx, projectId);
  requireMap(compute, projectId, name);
  if (!isPlainObject(body))
    throw invalidArgument('The request body must be a UrlMapsValidateRequest', [
      { field: 'body', description: 'required' },
    ]);
  const protoViolations = checkMessageJson(
    computeTypes().urlMapsValidateRequest,
    body,
    '',
  );
  if (protoViolations.length)
    throw invalidArgument(protoViolations[0]!.description, protoViolations);
  const resource = isPlainObject(body['resource'])
    ? withoutOutputOnly(
        normalizeMessageJson(
          computeTypes().urlMap,
          body['resource'],
        ) as ComputeJson,
      )
    : {};
  resource['name'] ??= name;
  const loadErrors = urlMapViolations(resource, projectId, compute).map(
    v => `Invalid value for field '${v.field}': ${v.description}`,
  );
  if (loadErrors.length)
    return {
      result: {
        loadSucceeded: false,
        loadErrors,
        testPassed: false,
        testFailures: [],
      },
    };
  const testFailures = runUrlMapTests(resource as UrlMapSpec);
  return {
    result: {
      loadSucceeded: true,
      loadErrors: [],
      testPassed: testFailures.length === 0,
      testFailures,
    },
  };
}

/**
 * `POST …/urlMaps/{name}/invalidateCache` body CacheInvalidationRule `{path, host?}`: accepted and
 * answered with an operation. The traffic model does not drop cached objects for it (unverified
 * effect on hits; a real invalidation refills within a TTL anyway).
 */
export function invalidateUrlMapCache(
  ctx: ComputeContext,
  projectId: string,
  name: string,
  body: unknown,
): ComputeJson {
  const compute = computeOf(ctx, projectId);
  const map = requireMap(compute, projectId, name);
  const path = isPlainObject(body) ? body['path'] : undefined;
  if (
    typeof path !== 'string' ||
    !path.startsWith('/') ||
    (path.includes('*') && !path.endsWith('/*'))
  ) {
    throw computeInvalid([
      {
        field: 'resource.path',
        description: "path must start with '/' and may end with '/*'",
      },
    ]);
  }
  const now = ctx.clock.now();
  return ctx.operations.start({
    projectId,
    operationType: 'invalidateCache',
    targetLink: map['selfLink'] as string,
    targetId: map['id'] as string,
    now,
  });
}
