/**
 * list and get of URL maps, backend services and backend buckets (global collections).
 */
import { computeNotFound } from './computeErrors';
import { globalPath, listPage } from './computeResourceKit';
import type { ComputeJson, SandboxComputeState } from './computeTypes';

/** Global collections that answer list and get the same way. */
export type GlobalCollection = 'urlMaps' | 'backendServices' | 'backendBuckets';

const LIST_KINDS: Record<GlobalCollection, string> = {
  urlMaps: 'compute#urlMapList',
  backendServices: 'compute#backendServiceList',
  backendBuckets: 'compute#backendBucketList',
};

/** `GET …/global/{collection}` with compute's paging (computeResourceKit.listPage). */
export function listGlobal(compute: SandboxComputeState, projectId: string, collection: GlobalCollection, query: URLSearchParams): ComputeJson {
  return listPage(LIST_KINDS[collection], `projects/${projectId}/global/${collection}`, [...compute[collection].values()], query);
}

/** `GET …/global/{collection}/{name}`, or 404 notFound. */
export function getGlobal(compute: SandboxComputeState, projectId: string, collection: GlobalCollection, name: string): ComputeJson {
  const resource = compute[collection].get(name);
  if (!resource) throw computeNotFound(globalPath(projectId, collection, name));
  return structuredClone(resource);
}
