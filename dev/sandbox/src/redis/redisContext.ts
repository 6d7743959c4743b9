/**
 * What the Memorystore for Redis handlers share, and lookups that answer Google's errors for missing
 * projects and instances.
 */
import type protobuf from 'protobufjs';
import { backingKey } from '../backing';
import { notFound } from '../googleError';
import { loadClientProtoRoot, messageType } from '../protoJson';
import type { SandboxClock, SandboxProject, SandboxWorld } from '../world';
import type { RedisOperationStore } from './redisOperations';
import type { SandboxRedisInstance } from './redisTypes';

export interface RedisContext {
  world: SandboxWorld;
  clock: SandboxClock;
  operations: RedisOperationStore;
  /** `google.cloud.redis.v1.Instance` from the protos shipped in `@google-cloud/redis`. */
  instanceType: protobuf.Type;
}

/** The Instance message type of the installed `@google-cloud/redis` client. */
export function instanceMessageType(): protobuf.Type {
  return messageType(
    loadClientProtoRoot('@google-cloud/redis'),
    'google.cloud.redis.v1.Instance',
  );
}

/** The project, or 404 as for Cloud Run (Google may answer 403 for projects the caller cannot see). */
export function requireRedisProject(
  world: SandboxWorld,
  projectId: string,
): SandboxProject {
  const project = world.projects.get(projectId);
  if (!project)
    throw notFound(`Project '${projectId}' not found or permission denied.`);
  return project;
}

/** `projects/P/locations/L/instances/I`. */
export const instanceName = (
  projectId: string,
  location: string,
  instanceId: string,
) => `projects/${projectId}/locations/${location}/instances/${instanceId}`;

/** The instance, or 404 NOT_FOUND naming it (Google's wording for Redis is unverified). */
export function requireInstance(
  world: SandboxWorld,
  projectId: string,
  location: string,
  instanceId: string,
): SandboxRedisInstance {
  const instance = requireRedisProject(
    world,
    projectId,
  ).backing?.redisInstances.get(backingKey(location, instanceId));
  if (!instance)
    throw notFound(
      `Resource '${instanceName(
        projectId,
        location,
        instanceId,
      )}' was not found`,
    );
  return instance;
}
