/**
 * The managed services a sandbox project runs besides Cloud Run (issue 4): Cloud Tasks queues and
 * Memorystore for Redis instances. Kept in one optional field of SandboxProject so projects without
 * them (scale-fleet) stay plain.
 */
import type { SandboxRedisInstance } from './redis/redisTypes';
import type { SandboxQueue } from './tasks/queueTypes';

/** Cloud Tasks queues and Redis instances of one project. */
export interface BackingServices {
  /** Queues keyed by `location/queueId`. */
  queues: Map<string, SandboxQueue>;
  /** Redis instances keyed by `location/instanceId`. */
  redisInstances: Map<string, SandboxRedisInstance>;
}

/** The key of a queue or instance in its map: `location/id`. */
export function backingKey(location: string, id: string): string {
  return `${location}/${id}`;
}

/** The backing services of a project, created empty on first write. */
export function backingOf(project: {
  backing?: BackingServices;
}): BackingServices {
  project.backing ??= { queues: new Map(), redisInstances: new Map() };
  return project.backing;
}
