/**
 * What the Cloud Tasks handlers share, and lookups that answer Google's errors for missing projects
 * and queues.
 */
import type protobuf from 'protobufjs';
import { backingKey } from '../backing';
import { notFound } from '../googleError';
import { loadClientProtoRoot, messageType } from '../protoJson';
import type { SandboxClock, SandboxProject, SandboxWorld } from '../world';
import type { SandboxQueue } from './queueTypes';

export interface TasksContext {
  world: SandboxWorld;
  clock: SandboxClock;
  /** `google.cloud.tasks.v2.Queue` from the protos shipped in `@google-cloud/tasks`. */
  queueType: protobuf.Type;
}

/** The Queue message type of the installed `@google-cloud/tasks` client. */
export function queueMessageType(): protobuf.Type {
  return messageType(
    loadClientProtoRoot('@google-cloud/tasks'),
    'google.cloud.tasks.v2.Queue',
  );
}

/** The project, or 404 as for Cloud Run (Google may answer 403 for projects the caller cannot see). */
export function requireTasksProject(
  world: SandboxWorld,
  projectId: string,
): SandboxProject {
  const project = world.projects.get(projectId);
  if (!project)
    throw notFound(`Project '${projectId}' not found or permission denied.`);
  return project;
}

/** `projects/P/locations/L/queues/Q`. */
export const queueName = (
  projectId: string,
  location: string,
  queueId: string,
) => `projects/${projectId}/locations/${location}/queues/${queueId}`;

/** The queue if it exists. */
export function findQueue(
  project: SandboxProject,
  location: string,
  queueId: string,
): SandboxQueue | undefined {
  return project.backing?.queues.get(backingKey(location, queueId));
}

/**
 * The queue, or 404 with the message Cloud Tasks gives for a missing queue (text as commonly seen
 * from the real API, unverified against a primary source).
 */
export function requireQueue(
  world: SandboxWorld,
  projectId: string,
  location: string,
  queueId: string,
): SandboxQueue {
  const queue = findQueue(
    requireTasksProject(world, projectId),
    location,
    queueId,
  );
  if (!queue) {
    throw notFound(
      `Queue does not exist. If you just created the queue, wait at least a minute for the queue to initialize. ` +
        `(${queueName(projectId, location, queueId)})`,
    );
  }
  return queue;
}
