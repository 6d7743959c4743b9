/**
 * list and get of URL maps, backend services and backend buckets (global collections). Backend
 * services and buckets carry compute's output-only `usedBy`: the URL maps that reference them,
 * derived at read time from the current URL maps.
 */
import { isPlainObject } from '../protoJson';
import { computeNotFound } from './computeErrors';
import { globalPath, listPage } from './computeResourceKit';
import type { ComputeJson, SandboxComputeState } from './computeTypes';
import { parseComputeRef } from './urlMapPatterns';

/** Global collections that answer list and get the same way. */
export type GlobalCollection = 'urlMaps' | 'backendServices' | 'backendBuckets';

const LIST_KINDS: Record<GlobalCollection, string> = {
  urlMaps: 'compute#urlMapList',
  backendServices: 'compute#backendServiceList',
  backendBuckets: 'compute#backendBucketList',
};

/** Every backend reference string inside a URL map (defaults, rules, weighted backends; not tests). */
function referencesOf(value: unknown, out: Set<string>, key = ''): Set<string> {
  if (key === 'tests') return out;
  if (Array.isArray(value)) value.forEach(v => referencesOf(v, out));
  else if (isPlainObject(value))
    for (const [k, v] of Object.entries(value)) referencesOf(v, out, k);
  else if (
    typeof value === 'string' &&
    (key === 'service' || key === 'defaultService' || key === 'backendService')
  ) {
    const ref = parseComputeRef(value);
    if (ref) out.add(`${ref.collection}/${ref.name}`);
  }
  return out;
}

/** The resource as served: a copy, with `usedBy` for backends that a URL map references. */
function served(
  compute: SandboxComputeState,
  collection: GlobalCollection,
  resource: ComputeJson,
): ComputeJson {
  const copy = structuredClone(resource);
  if (collection === 'urlMaps') return copy;
  const key = `${collection}/${String(resource['name'])}`;
  const usedBy = [...compute.urlMaps.values()]
    .filter(map => referencesOf(map, new Set()).has(key))
    .map(map => ({ reference: String(map['selfLink']) }));
  if (usedBy.length) copy['usedBy'] = usedBy;
  return copy;
}

/** `GET …/global/{collection}` with compute's paging (computeResourceKit.listPage). */
export function listGlobal(
  compute: SandboxComputeState,
  projectId: string,
  collection: GlobalCollection,
  query: URLSearchParams,
): ComputeJson {
  const resources = [...compute[collection].values()].map(r =>
    served(compute, collection, r),
  );
  return listPage(
    LIST_KINDS[collection],
    `projects/${projectId}/global/${collection}`,
    resources,
    query,
  );
}

/** `GET …/global/{collection}/{name}`, or 404 notFound. */
export function getGlobal(
  compute: SandboxComputeState,
  projectId: string,
  collection: GlobalCollection,
  name: string,
): ComputeJson {
  const resource = compute[collection].get(name);
  if (!resource) throw computeNotFound(globalPath(projectId, collection, name));
  return served(compute, collection, resource);
}
