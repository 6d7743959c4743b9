/**
 * Memorystore for Redis API v1 (instances list/get/patch, operations get) as the official
 * `@google-cloud/redis` CloudRedisClient calls it with `fallback: true` (observed):
 * `GET /v1/projects/P/locations/-/instances?$alt=json;enum-encoding=int`, `GET …/instances/I`,
 * `PATCH …/instances/I?updateMask=memory_size_gb,redis_configs` with the Instance (no name, enums as
 * numbers, `labels: {}` always included) and `GET /v1/projects/P/locations/L/operations/ID` polled by
 * `op.promise()`.
 */
import type {
  SandboxApi,
  SandboxApiDeps,
  SandboxRequest,
  SandboxRoute,
} from '../api';
import { GoogleApiError, notFound } from '../googleError';
import { decodePath } from '../listPaging';
import { getInstance, listInstances } from './instanceHandlers';
import { instanceMessageType, type RedisContext } from './redisContext';
import { RedisOperationStore } from './redisOperations';
import { updateInstance } from './updateInstance';

const SEGMENT = '([^/]+)';
const INSTANCES = new RegExp(
  `^/v1/projects/${SEGMENT}/locations/${SEGMENT}/instances$`,
);
const INSTANCE = new RegExp(
  `^/v1/projects/${SEGMENT}/locations/${SEGMENT}/instances/${SEGMENT}$`,
);
const OPERATION = new RegExp(
  `^/v1/projects/${SEGMENT}/locations/${SEGMENT}/operations/${SEGMENT}$`,
);

/** The Redis API with its operation store, which `reset` must clear. */
export interface RedisApi extends SandboxApi {
  operations: RedisOperationStore;
}

/**
 * The Memorystore API of the sandbox; method keys `redis.instances.list|get|patch`,
 * `redis.operations.get`.
 * @param operationDelayMs real milliseconds until an update operation is done (0 = done at once).
 */
export function createRedisApi(
  deps: SandboxApiDeps,
  operationDelayMs = 300,
): RedisApi {
  const operations = new RedisOperationStore(operationDelayMs, () =>
    deps.clock.now(),
  );
  const ctx: RedisContext = {
    ...deps,
    operations,
    instanceType: instanceMessageType(),
  };
  const route = (method: string, handle: () => unknown): SandboxRoute => ({
    method,
    handle: () => ({ status: 200, body: handle() }),
  });

  function match(request: SandboxRequest): SandboxRoute | null {
    const path = decodePath(request.path);
    if (path === undefined || !path.startsWith('/v1/projects/')) return null;
    let m = INSTANCES.exec(path);
    if (m && request.method === 'GET')
      return route('redis.instances.list', () =>
        listInstances(ctx, m![1]!, m![2]!, request.query),
      );
    m = INSTANCE.exec(path);
    if (m && request.method === 'GET')
      return route('redis.instances.get', () =>
        getInstance(ctx, m![1]!, m![2]!, m![3]!),
      );
    if (m && request.method === 'PATCH') {
      return route('redis.instances.patch', () =>
        updateInstance(ctx, {
          projectId: m![1]!,
          location: m![2]!,
          instanceId: m![3]!,
          body: request.body,
          updateMask:
            request.query.get('updateMask') ?? request.query.get('update_mask'),
        }),
      );
    }
    m = OPERATION.exec(path);
    if (m && request.method === 'GET') {
      return route('redis.operations.get', () => {
        const name = `projects/${m![1]}/locations/${m![2]}/operations/${m![3]}`;
        const op = operations.get(name);
        if (!op) throw notFound(`Operation '${name}' was not found`);
        return op;
      });
    }
    if (INSTANCES.test(path) || INSTANCE.test(path)) {
      return route('redis.unimplemented', () => {
        throw new GoogleApiError(
          501,
          'UNIMPLEMENTED',
          `The sandbox does not emulate ${request.method} ${request.path}`,
        );
      });
    }
    return null;
  }

  return { name: 'redis', match, operations };
}
