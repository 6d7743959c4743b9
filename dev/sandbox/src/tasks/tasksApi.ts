/**
 * Cloud Tasks API v2 (queues list/get/patch/pause/resume/purge) as the official
 * `@google-cloud/tasks` CloudTasksClient calls it with `fallback: true` (observed):
 * `GET /v2/projects/P/locations/L/queues?pageSize=…&$alt=json;enum-encoding=int`,
 * `GET …/queues/Q`, `PATCH …/queues/Q?updateMask=rate_limits.max_dispatches_per_second,…` with the
 * Queue (no name, state as a number) as body, `POST …/queues/Q:pause|:resume|:purge` with body `{}`.
 */
import type {
  SandboxApi,
  SandboxApiDeps,
  SandboxRequest,
  SandboxRoute,
} from '../api';
import { GoogleApiError } from '../googleError';
import { decodePath } from '../listPaging';
import {
  getQueue,
  listQueues,
  purgeQueue,
  setQueueState,
} from './queueHandlers';
import { queueMessageType, type TasksContext } from './tasksContext';
import { updateQueue } from './updateQueue';

const SEGMENT = '([^/:]+)';
const QUEUES = new RegExp(
  `^/v2/projects/${SEGMENT}/locations/${SEGMENT}/queues$`,
);
const QUEUE = new RegExp(
  `^/v2/projects/${SEGMENT}/locations/${SEGMENT}/queues/${SEGMENT}$`,
);
const QUEUE_ACTION = new RegExp(
  `^/v2/projects/${SEGMENT}/locations/${SEGMENT}/queues/${SEGMENT}:(pause|resume|purge)$`,
);

/** The Cloud Tasks API of the sandbox; method keys `tasks.queues.list|get|patch|pause|resume|purge`. */
export function createTasksApi(deps: SandboxApiDeps): SandboxApi {
  const ctx: TasksContext = { ...deps, queueType: queueMessageType() };
  const route = (method: string, handle: () => unknown): SandboxRoute => ({
    method,
    handle: () => ({ status: 200, body: handle() }),
  });

  function match(request: SandboxRequest): SandboxRoute | null {
    const path = decodePath(request.path);
    if (
      path === undefined ||
      !path.startsWith('/v2/projects/') ||
      !path.includes('/queues')
    )
      return null;
    let m = QUEUES.exec(path);
    if (m && request.method === 'GET')
      return route('tasks.queues.list', () =>
        listQueues(ctx, m![1]!, m![2]!, request.query),
      );
    m = QUEUE.exec(path);
    if (m && request.method === 'GET')
      return route('tasks.queues.get', () =>
        getQueue(ctx, m![1]!, m![2]!, m![3]!),
      );
    if (m && request.method === 'PATCH') {
      return route('tasks.queues.patch', () =>
        updateQueue(ctx, {
          projectId: m![1]!,
          location: m![2]!,
          queueId: m![3]!,
          body: request.body,
          updateMask:
            request.query.get('updateMask') ?? request.query.get('update_mask'),
        }),
      );
    }
    m = QUEUE_ACTION.exec(path);
    if (m && request.method === 'POST') {
      const [, projectId, location, queueId, action] = m as unknown as [
        string,
        string,
        string,
        string,
        string,
      ];
      if (action === 'purge')
        return route('tasks.queues.purge', () =>
          purgeQueue(ctx, projectId, location, queueId),
        );
      const state = action === 'pause' ? 'PAUSED' : 'RUNNING';
      return route(`tasks.queues.${action}`, () =>
        setQueueState(ctx, projectId, location, queueId, state),
      );
    }
    if (QUEUES.test(path) || QUEUE.test(path) || QUEUE_ACTION.test(path)) {
      return route('tasks.unimplemented', () => {
        throw new GoogleApiError(
          501,
          'UNIMPLEMENTED',
          `The sandbox does not emulate ${request.method} ${request.path}`,
        );
      });
    }
    return null;
  }

  return { name: 'tasks', match };
}
