/**
 * UpdateQueue (`PATCH /v2/projects/P/locations/L/queues/Q?updateMask=…`), as docs/google-apis.md §4
 * describes it: the body is a Queue (its name is in the URL), an empty mask replaces every field,
 * a missing queue is created, output-only fields (state, purgeTime, rateLimits.maxBurstSize) are
 * ignored, and Cloud Tasks' limits give 400 INVALID_ARGUMENT naming the field.
 */
import { backingOf } from '../backing';
import { invalidArgument } from '../googleError';
import {
  checkMessageJson,
  isPlainObject,
  normalizeMessageJson,
} from '../protoJson';
import {
  applyMask,
  maskViolations,
  parseUpdateMask,
  replaceMutable,
} from '../run/updateMask';
import { queueKey, recordQueueChange } from './queueHandlers';
import { completeQueue } from './queueResource';
import { queueViolations } from './queueRules';
import type { QueueStateName, SandboxQueue } from './queueTypes';
import {
  findQueue,
  queueName,
  requireTasksProject,
  type TasksContext,
} from './tasksContext';

type Json = Record<string, unknown>;

/** Queue ids: letters, digits and hyphens, at most 100 characters (Cloud Tasks naming rule). */
const QUEUE_ID = /^[A-Za-z0-9-]{1,100}$/;

/** The decoded request. */
export interface UpdateQueueInput {
  projectId: string;
  location: string;
  queueId: string;
  body: unknown;
  /** Raw `updateMask` query value (snake_case or camelCase paths, comma separated). */
  updateMask: string | null;
}

export function updateQueue(ctx: TasksContext, input: UpdateQueueInput): Json {
  const project = requireTasksProject(ctx.world, input.projectId);
  // A Queue with only a name leaves nothing for the body (the name travels in the URL): the client
  // then sends the JSON string "" (observed with @google-cloud/tasks 6.3), read as an empty Queue.
  const body = input.body === undefined || input.body === '' ? {} : input.body;
  if (!isPlainObject(body))
    throw invalidArgument('The request body must be a Queue', [
      { field: 'queue', description: 'required' },
    ]);
  const protoViolations = checkMessageJson(ctx.queueType, body, 'queue');
  if (protoViolations.length)
    throw invalidArgument(protoViolations[0]!.description, protoViolations);
  const mask = parseUpdateMask(input.updateMask);
  const badMask = mask ? maskViolations(ctx.queueType, mask) : [];
  if (badMask.length) throw invalidArgument(badMask[0]!.description, badMask);

  const name = queueName(input.projectId, input.location, input.queueId);
  let queue = findQueue(project, input.location, input.queueId);
  if (!queue && !QUEUE_ID.test(input.queueId)) {
    throw invalidArgument(
      `Invalid queue id "${input.queueId}": letters, digits and hyphens, at most 100`,
      [{ field: 'queue.name', description: 'invalid queue id' }],
    );
  }
  const current: Json = queue?.resource ?? { name, state: 'RUNNING' };
  const patch = normalizeMessageJson(ctx.queueType, body) as Json;
  delete patch['name'];
  const merged = mask
    ? applyMask(ctx.queueType, current, patch, mask)
    : replaceMutable(ctx.queueType, current, patch);
  merged['name'] = name;
  const violations = queueViolations(merged);
  if (violations.length)
    throw invalidArgument(
      violations.map(v => v.description).join('; '),
      violations,
    );

  const completed = completeQueue(
    merged,
    (current['state'] as QueueStateName | undefined) ?? 'RUNNING',
    current['purgeTime'] as string | undefined,
  );
  const now = ctx.clock.now();
  if (!queue) {
    const created: SandboxQueue = {
      projectId: input.projectId,
      location: input.location,
      queueId: input.queueId,
      resource: completed,
      history: [],
    };
    backingOf(project).queues.set(queueKey(created), created);
    queue = created;
  }
  recordQueueChange(queue, completed, now);
  return structuredClone(completed);
}
