/**
 * backendServices.patch and backendBuckets.patch: JSON merge patch, checked against the proto and
 * the CDN rules, committed at once and answered with a global operation. A backend service needs its
 * current fingerprint (missing or stale → 412 conditionNotMet); a BackendBucket has no fingerprint
 * in compute v1, so bucket patches are last-write-wins, as in Google Cloud.
 */
import type protobuf from 'protobufjs';
import type { FieldViolation } from '../googleError';
import { invalidArgument } from '../googleError';
import {
  checkMessageJson,
  isPlainObject,
  normalizeMessageJson,
} from '../protoJson';
import { cdnPolicyViolations, mergedCdnPolicy } from './cdnPolicyRules';
import { computeOf, type ComputeContext } from './computeContext';
import {
  computeInvalid,
  computeNotFound,
  conditionNotMet,
} from './computeErrors';
import { computeTypes, withoutOutputOnly } from './computeProtos';
import { fingerprintOf, globalPath, selfLink } from './computeResourceKit';
import { recordComputeChange } from './computeState';
import type { ComputeJson, SandboxComputeState } from './computeTypes';
import { jsonMergePatch } from './jsonMergePatch';
import { negKeyOfGroup } from './negReads';

const PROTOCOLS = [
  'HTTP',
  'HTTPS',
  'HTTP2',
  'TCP',
  'SSL',
  'UDP',
  'GRPC',
  'H2C',
  'UNSPECIFIED',
];
const SCHEMES = [
  'EXTERNAL',
  'EXTERNAL_MANAGED',
  'INTERNAL',
  'INTERNAL_MANAGED',
  'INTERNAL_SELF_MANAGED',
  'INVALID_LOAD_BALANCING_SCHEME',
];

/** A PATCH of one backend resource. */
export interface BackendPatch {
  projectId: string;
  name: string;
  body: unknown;
}

function decode(type: protobuf.Type, body: unknown, what: string): ComputeJson {
  if (!isPlainObject(body))
    throw invalidArgument(`The request body must be a ${what}`, [
      { field: 'resource', description: 'required' },
    ]);
  const violations = checkMessageJson(type, body, 'resource');
  if (violations.length)
    throw invalidArgument(violations[0]!.description, violations);
  return withoutOutputOnly(normalizeMessageJson(type, body) as ComputeJson);
}

/** Applies the merge patch, normalising the CDN policy and keeping the name. */
function merge(
  current: ComputeJson,
  patch: ComputeJson,
  name: string,
): ComputeJson {
  if (patch['name'] !== undefined && patch['name'] !== name)
    throw computeInvalid([
      { field: 'resource.name', description: 'the name cannot be changed' },
    ]);
  const merged = jsonMergePatch(current, patch) as ComputeJson;
  if (isPlainObject(merged['cdnPolicy'])) {
    merged['cdnPolicy'] = mergedCdnPolicy(
      merged['cdnPolicy'],
      isPlainObject(patch['cdnPolicy']) ? patch['cdnPolicy'] : undefined,
    );
  }
  return merged;
}

function commit(
  ctx: ComputeContext,
  projectId: string,
  compute: SandboxComputeState,
  collection: 'backendServices' | 'backendBuckets',
  merged: ComputeJson,
): ComputeJson {
  const now = ctx.clock.now();
  const name = merged['name'] as string;
  const path = globalPath(projectId, collection, name);
  const stored: ComputeJson = { ...merged, selfLink: selfLink(path) };
  if (collection === 'backendServices')
    stored['fingerprint'] = fingerprintOf(
      stored,
      BigInt(compute.history.length),
    );
  compute[collection].set(name, stored);
  recordComputeChange(compute, now);
  return ctx.operations.start({
    projectId,
    operationType: 'patch',
    targetLink: selfLink(path),
    targetId: String(stored['id']),
    now,
  });
}

function backendServiceViolations(
  service: ComputeJson,
  compute: SandboxComputeState,
): FieldViolation[] {
  const out = cdnPolicyViolations(service['cdnPolicy'], 'resource.cdnPolicy');
  const timeout = service['timeoutSec'];
  if (
    timeout != null &&
    (typeof timeout !== 'number' || timeout < 1 || timeout > 86_400)
  ) {
    out.push({
      field: 'resource.timeoutSec',
      description: 'timeoutSec must be 1..86400 seconds',
    });
  }
  if (
    service['protocol'] != null &&
    !PROTOCOLS.includes(String(service['protocol']))
  ) {
    out.push({
      field: 'resource.protocol',
      description: `'${String(
        service['protocol'],
      )}' is not one of ${PROTOCOLS.join(', ')}`,
    });
  }
  if (
    service['loadBalancingScheme'] != null &&
    !SCHEMES.includes(String(service['loadBalancingScheme']))
  ) {
    out.push({
      field: 'resource.loadBalancingScheme',
      description: `'${String(
        service['loadBalancingScheme'],
      )}' is not one of ${SCHEMES.join(', ')}`,
    });
  }
  const backends = Array.isArray(service['backends'])
    ? (service['backends'] as unknown[])
    : [];
  backends.forEach((backend, i) => {
    const group = isPlainObject(backend) ? backend['group'] : undefined;
    const key = negKeyOfGroup(group);
    if (!key || !compute.networkEndpointGroups.has(key)) {
      out.push({
        field: `resource.backends[${i}].group`,
        description: `The resource '${String(group ?? '')}' was not found`,
      });
    }
  });
  return out;
}

/** `PATCH …/global/backendServices/{name}`. */
export function patchBackendService(
  ctx: ComputeContext,
  request: BackendPatch,
): ComputeJson {
  const compute = computeOf(ctx, request.projectId);
  const path = globalPath(request.projectId, 'backendServices', request.name);
  const current = compute.backendServices.get(request.name);
  if (!current) throw computeNotFound(path);
  const patch = decode(
    computeTypes().backendService,
    request.body,
    'BackendService',
  );
  if (patch['fingerprint'] !== current['fingerprint'])
    throw conditionNotMet(path, patch['fingerprint'], current['fingerprint']);
  delete patch['fingerprint'];
  const merged = merge(current, patch, request.name);
  const violations = backendServiceViolations(merged, compute);
  if (violations.length) throw computeInvalid(violations);
  return commit(ctx, request.projectId, compute, 'backendServices', merged);
}

/** `PATCH …/global/backendBuckets/{name}` (no fingerprint in the resource). */
export function patchBackendBucket(
  ctx: ComputeContext,
  request: BackendPatch,
): ComputeJson {
  const compute = computeOf(ctx, request.projectId);
  const current = compute.backendBuckets.get(request.name);
  if (!current)
    throw computeNotFound(
      globalPath(request.projectId, 'backendBuckets', request.name),
    );
  const patch = decode(
    computeTypes().backendBucket,
    request.body,
    'BackendBucket',
  );
  const merged = merge(current, patch, request.name);
  const violations = cdnPolicyViolations(
    merged['cdnPolicy'],
    'resource.cdnPolicy',
  );
  if (typeof merged['bucketName'] !== 'string' || merged['bucketName'] === '') {
    violations.push({
      field: 'resource.bucketName',
      description: 'bucketName is required',
    });
  }
  if (violations.length) throw computeInvalid(violations);
  return commit(ctx, request.projectId, compute, 'backendBuckets', merged);
}
