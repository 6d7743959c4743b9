/**
 * Compute Engine v1 (global load balancing) as the official `@google-cloud/compute` clients call it
 * with `fallback: true` (UrlMapsClient, BackendServicesClient, BackendBucketsClient,
 * GlobalNetworkEndpointGroupsClient, RegionNetworkEndpointGroupsClient, NetworkEndpointGroupsClient
 * aggregatedList, GlobalOperationsClient): `GET|POST|PUT|PATCH /compute/v1/projects/P/global/…` with
 * `$alt=json;enum-encoding=int` in the query (ignored: compute's enums are strings, sent as names).
 */
import type {
  SandboxApi,
  SandboxApiDeps,
  SandboxRequest,
  SandboxRoute,
} from '../api';
import { GoogleApiError } from '../googleError';
import { patchBackendBucket, patchBackendService } from './backendWrites';
import { computeOf, type ComputeContext } from './computeContext';
import { computeNotFound } from './computeErrors';
import { ComputeOperationStore, MAX_WAIT_MS } from './computeOperations';
import { getGlobal, listGlobal, type GlobalCollection } from './computeReads';
import { aggregatedNegs, getNeg, listNegs } from './negReads';
import {
  insertUrlMap,
  invalidateUrlMapCache,
  patchUrlMap,
  updateUrlMap,
  validateUrlMap,
} from './urlMapWrites';

/** Options of the compute emulation. */
export interface ComputeApiOptions {
  /** Real milliseconds until an operation reports DONE (default 300). */
  operationDelayMs?: number;
}

/** The compute API with its operation store, which `reset` must clear. */
export interface ComputeApi extends SandboxApi {
  operations: ComputeOperationStore;
}

const PREFIX = /^\/compute\/v1\/projects\/([^/]+)\/(.*)$/;
const COLLECTION =
  /^global\/(urlMaps|backendServices|backendBuckets)(?:\/([^/]+))?(?:\/(validate|invalidateCache))?$/;
const NEGS = /^(global|regions\/[^/]+)\/networkEndpointGroups(?:\/([^/]+))?$/;
const OPERATION = /^global\/operations\/([^/]+)(\/wait)?$/;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function decodePath(path: string): string | undefined {
  try {
    return path.split('/').map(decodeURIComponent).join('/');
  } catch {
    return undefined;
  }
}

export function createComputeApi(
  deps: SandboxApiDeps,
  options: ComputeApiOptions = {},
): ComputeApi {
  const operations = new ComputeOperationStore(options.operationDelayMs ?? 300);
  const ctx: ComputeContext = { ...deps, operations };
  const route = (
    method: string,
    handle: () => unknown | Promise<unknown>,
  ): SandboxRoute => ({
    method,
    handle: async () => ({ status: 200, body: await handle() }),
  });
  const unimplemented = (request: SandboxRequest) =>
    route('compute.unimplemented', () => {
      throw new GoogleApiError(
        501,
        'UNIMPLEMENTED',
        `The sandbox does not emulate ${request.method} ${request.path}`,
      );
    });

  function collectionRoute(
    request: SandboxRequest,
    projectId: string,
    collection: GlobalCollection,
    name: string | undefined,
    verb: string | undefined,
  ): SandboxRoute | null {
    const key = `compute.${collection}`;
    const { method, body, query } = request;
    if (!name && method === 'GET')
      return route(`${key}.list`, () =>
        listGlobal(computeOf(ctx, projectId), projectId, collection, query),
      );
    if (!name && method === 'POST' && collection === 'urlMaps')
      return route(`${key}.insert`, () =>
        insertUrlMap(ctx, { projectId, body }),
      );
    if (!name) return null;
    if (verb === 'validate' && method === 'POST' && collection === 'urlMaps') {
      return route(`${key}.validate`, () =>
        validateUrlMap(ctx, projectId, name, body),
      );
    }
    if (
      verb === 'invalidateCache' &&
      method === 'POST' &&
      collection === 'urlMaps'
    ) {
      return route(`${key}.invalidateCache`, () =>
        invalidateUrlMapCache(ctx, projectId, name, body),
      );
    }
    if (verb) return null;
    if (method === 'GET')
      return route(`${key}.get`, () =>
        getGlobal(computeOf(ctx, projectId), projectId, collection, name),
      );
    if (method === 'PATCH') {
      if (collection === 'urlMaps')
        return route(`${key}.patch`, () =>
          patchUrlMap(ctx, { projectId, urlMap: name, body }),
        );
      if (collection === 'backendServices')
        return route(`${key}.patch`, () =>
          patchBackendService(ctx, { projectId, name, body }),
        );
      return route(`${key}.patch`, () =>
        patchBackendBucket(ctx, { projectId, name, body }),
      );
    }
    if (method === 'PUT' && collection === 'urlMaps')
      return route(`${key}.update`, () =>
        updateUrlMap(ctx, { projectId, urlMap: name, body }),
      );
    return null;
  }

  function operationRoute(
    request: SandboxRequest,
    projectId: string,
    name: string,
    wait: boolean,
  ): SandboxRoute | null {
    const read = () => {
      const op = operations.get(projectId, name);
      if (!op)
        throw computeNotFound(
          `projects/${projectId}/global/operations/${name}`,
        );
      return op;
    };
    if (!wait && request.method === 'GET')
      return route('compute.globalOperations.get', read);
    if (wait && request.method === 'POST') {
      // wait blocks until DONE or about two minutes, then answers the operation as it is.
      return route('compute.globalOperations.wait', async () => {
        read();
        await sleep(
          Math.min(operations.remainingMs(projectId, name), MAX_WAIT_MS),
        );
        return read();
      });
    }
    return null;
  }

  function match(request: SandboxRequest): SandboxRoute | null {
    const path = decodePath(request.path);
    const prefix = path === undefined ? null : PREFIX.exec(path);
    if (!prefix) return null;
    const projectId = prefix[1]!;
    const rest = prefix[2]!;
    let m = COLLECTION.exec(rest);
    if (m)
      return (
        collectionRoute(
          request,
          projectId,
          m[1] as GlobalCollection,
          m[2],
          m[3],
        ) ?? unimplemented(request)
      );
    m = NEGS.exec(rest);
    if (m) {
      const scope = m[1]!;
      const name = m[2];
      if (request.method !== 'GET') return unimplemented(request);
      const key =
        scope === 'global'
          ? 'compute.globalNetworkEndpointGroups'
          : 'compute.regionNetworkEndpointGroups';
      return name
        ? route(`${key}.get`, () =>
            getNeg(computeOf(ctx, projectId), projectId, scope, name),
          )
        : route(`${key}.list`, () =>
            listNegs(
              computeOf(ctx, projectId),
              projectId,
              scope,
              request.query,
            ),
          );
    }
    if (
      rest === 'aggregated/networkEndpointGroups' &&
      request.method === 'GET'
    ) {
      return route('compute.networkEndpointGroups.aggregatedList', () =>
        aggregatedNegs(computeOf(ctx, projectId), projectId),
      );
    }
    m = OPERATION.exec(rest);
    if (m)
      return (
        operationRoute(request, projectId, m[1]!, Boolean(m[2])) ??
        unimplemented(request)
      );
    return unimplemented(request);
  }

  return { name: 'compute', match, operations };
}
