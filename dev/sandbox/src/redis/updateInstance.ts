/**
 * UpdateInstance (`PATCH /v1/projects/P/locations/L/instances/I?updateMask=…`): checks the body
 * against the Instance proto, requires a mask of updatable fields, applies Memorystore's limits and
 * answers a long-running operation. The instance is UPDATING until the operation completes; the new
 * memory size counts in the Redis model from the commit on.
 */
import { failedPrecondition, invalidArgument } from '../googleError';
import {
  checkMessageJson,
  isPlainObject,
  normalizeMessageJson,
} from '../protoJson';
import { requireInstance, type RedisContext } from './redisContext';
import type { RedisOperationJson } from './redisOperations';
import { instanceViolations, resolveRedisMask } from './redisRules';

type Json = Record<string, unknown>;

/** The decoded request. */
export interface UpdateInstanceInput {
  projectId: string;
  location: string;
  instanceId: string;
  body: unknown;
  /** Raw `updateMask` query value. */
  updateMask: string | null;
}

/** Fields that are maps: a masked map absent from the body is cleared to `{}` rather than deleted. */
const MAP_KEYS = new Set(['labels', 'redisConfigs']);

export function updateInstance(
  ctx: RedisContext,
  input: UpdateInstanceInput,
): RedisOperationJson {
  ctx.operations.settle();
  const instance = requireInstance(
    ctx.world,
    input.projectId,
    input.location,
    input.instanceId,
  );
  // As with Cloud Tasks, a body with nothing but the name arrives as the JSON string "".
  const body = input.body === undefined || input.body === '' ? {} : input.body;
  if (!isPlainObject(body))
    throw invalidArgument('The request body must be an Instance', [
      { field: 'instance', description: 'required' },
    ]);
  const protoViolations = checkMessageJson(ctx.instanceType, body, 'instance');
  if (protoViolations.length)
    throw invalidArgument(protoViolations[0]!.description, protoViolations);
  const mask = resolveRedisMask(input.updateMask);
  if ('violations' in mask)
    throw invalidArgument(mask.violations[0]!.description, mask.violations);
  const current = instance.resource;
  if (current['state'] !== 'READY') {
    // Memorystore refuses a second update while one is running (exact code and text unverified).
    throw failedPrecondition(
      `Instance ${String(current['name'])} is ${String(
        current['state'],
      )}: another operation is in progress.`,
    );
  }

  const patch = normalizeMessageJson(ctx.instanceType, body, {
    dropOutputOnly: true,
  }) as Json;
  const merged: Json = structuredClone(current);
  for (const key of mask.keys) {
    if (patch[key] !== undefined) merged[key] = structuredClone(patch[key]);
    else if (MAP_KEYS.has(key)) merged[key] = {};
    else delete merged[key];
  }
  const violations = instanceViolations(merged);
  if (violations.length)
    throw invalidArgument(
      violations.map(v => v.description).join('; '),
      violations,
    );

  const now = ctx.clock.now();
  const updating: Json = { ...merged, state: 'UPDATING' };
  instance.resource = updating;
  if (merged['memorySizeGb'] !== current['memorySizeGb']) {
    instance.history.push({
      effectiveFrom: now,
      memorySizeGb: merged['memorySizeGb'] as number,
    });
  }
  const parent = `projects/${input.projectId}/locations/${input.location}`;
  return ctx.operations.start(parent, String(current['name']), 'update', () => {
    instance.resource = { ...instance.resource, state: 'READY' };
    return structuredClone(instance.resource);
  });
}
