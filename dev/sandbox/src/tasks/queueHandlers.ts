/**
 * Cloud Tasks v2 queue methods: list, get, pause, resume, purge. (UpdateQueue is in updateQueue.ts.)
 * Every change of state or purge appends a QueueVersion, so the queue model sees it from then on.
 */
import { backingKey } from '../backing';
import { invalidArgument } from '../googleError';
import { pageOf } from '../listPaging';
import {
  queueName,
  requireQueue,
  requireTasksProject,
  type TasksContext,
} from './tasksContext';
import { settingsFromQueue } from './queueResource';
import type { QueueStateName, SandboxQueue } from './queueTypes';

/** Cloud Tasks' documented default page size is unstated; the sandbox uses 100 and caps at 1000 (unverified). */
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

/** `filter` of ListQueues: the API supports filtering on state only (`state: PAUSED`). */
const STATE_FILTER = /^\s*state\s*[:=]\s*"?(RUNNING|PAUSED|DISABLED)"?\s*$/;

/** `GET /v2/projects/P/locations/L/queues`: `{ queues, nextPageToken? }`, sorted by name. */
export function listQueues(
  ctx: TasksContext,
  projectId: string,
  location: string,
  query: URLSearchParams,
): Record<string, unknown> {
  const project = requireTasksProject(ctx.world, projectId);
  const filter = query.get('filter') ?? '';
  const state =
    filter.trim() === '' ? undefined : STATE_FILTER.exec(filter)?.[1];
  if (filter.trim() !== '' && !state) {
    throw invalidArgument(
      `Invalid filter "${filter}": only "state: RUNNING|PAUSED|DISABLED" is supported`,
      [{ field: 'filter', description: 'unsupported filter' }],
    );
  }
  const all = [...(project.backing?.queues.values() ?? [])]
    .filter(
      q => q.location === location && (!state || q.resource['state'] === state),
    )
    .sort((a, b) => a.queueId.localeCompare(b.queueId));
  const page = pageOf(
    all,
    `projects/${projectId}/locations/${location}`,
    query,
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
  );
  const body: Record<string, unknown> = {
    queues: page.items.map(q => structuredClone(q.resource)),
  };
  if (page.nextPageToken) body['nextPageToken'] = page.nextPageToken;
  return body;
}

/** `GET /v2/projects/P/locations/L/queues/Q`. */
export function getQueue(
  ctx: TasksContext,
  projectId: string,
  location: string,
  queueId: string,
): Record<string, unknown> {
  return structuredClone(
    requireQueue(ctx.world, projectId, location, queueId).resource,
  );
}

/** Records the queue's resource as changed now, and its settings in the history. */
export function recordQueueChange(
  queue: SandboxQueue,
  resource: Record<string, unknown>,
  now: number,
  purge = false,
): void {
  queue.resource = resource;
  queue.history.push({
    effectiveFrom: now,
    settings: settingsFromQueue(resource),
    ...(purge ? { purge: true } : {}),
  });
}

/**
 * `POST …/queues/Q:pause` and `:resume`: sets the state and answers the Queue. Pausing a paused
 * queue (or resuming a running one) succeeds and changes nothing. A DISABLED queue stays disabled
 * (the real API then answers FAILED_PRECONDITION; the sandbox never disables queues itself).
 */
export function setQueueState(
  ctx: TasksContext,
  projectId: string,
  location: string,
  queueId: string,
  state: QueueStateName,
): Record<string, unknown> {
  const queue = requireQueue(ctx.world, projectId, location, queueId);
  if (queue.resource['state'] !== state)
    recordQueueChange(queue, { ...queue.resource, state }, ctx.clock.now());
  return structuredClone(queue.resource);
}

/**
 * `POST …/queues/Q:purge`: deletes every task created before now; answers the Queue with `purgeTime`.
 * Purging takes effect in the queue model from the first minute starting at or after now.
 */
export function purgeQueue(
  ctx: TasksContext,
  projectId: string,
  location: string,
  queueId: string,
): Record<string, unknown> {
  const queue = requireQueue(ctx.world, projectId, location, queueId);
  const now = ctx.clock.now();
  recordQueueChange(
    queue,
    { ...queue.resource, purgeTime: new Date(now).toISOString() },
    now,
    true,
  );
  return structuredClone(queue.resource);
}

/** Map key of a queue in its project's backing services. */
export const queueKey = (queue: Pick<SandboxQueue, 'location' | 'queueId'>) =>
  backingKey(queue.location, queue.queueId);

/** Full resource name of a sandbox queue. */
export const nameOf = (queue: SandboxQueue) =>
  queueName(queue.projectId, queue.location, queue.queueId);
