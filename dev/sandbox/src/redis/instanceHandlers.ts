/**
 * Memorystore for Redis v1 reads: ListInstances (one region, or every region with `locations/-`) and
 * GetInstance. (UpdateInstance is in updateInstance.ts.)
 */
import { pageOf } from '../listPaging';
import {
  requireInstance,
  requireRedisProject,
  type RedisContext,
} from './redisContext';

/** Memorystore's default and maximum page size are unstated; the sandbox uses 100 and 1000 (unverified). */
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

/** `GET /v1/projects/P/locations/L/instances`: `{ instances, nextPageToken?, unreachable: [] }`, sorted by name. */
export function listInstances(
  ctx: RedisContext,
  projectId: string,
  location: string,
  query: URLSearchParams,
): Record<string, unknown> {
  ctx.operations.settle();
  const project = requireRedisProject(ctx.world, projectId);
  const all = [...(project.backing?.redisInstances.values() ?? [])]
    .filter(i => location === '-' || i.location === location)
    .sort((a, b) =>
      String(a.resource['name']).localeCompare(String(b.resource['name'])),
    );
  const page = pageOf(
    all,
    `projects/${projectId}/locations/${location}`,
    query,
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
  );
  const body: Record<string, unknown> = {
    instances: page.items.map(i => structuredClone(i.resource)),
  };
  if (page.nextPageToken) body['nextPageToken'] = page.nextPageToken;
  // Regions that could not be reached for `locations/-`: none in the sandbox.
  body['unreachable'] = [];
  return body;
}

/** `GET /v1/projects/P/locations/L/instances/I`. */
export function getInstance(
  ctx: RedisContext,
  projectId: string,
  location: string,
  instanceId: string,
): Record<string, unknown> {
  ctx.operations.settle();
  return structuredClone(
    requireInstance(ctx.world, projectId, location, instanceId).resource,
  );
}
