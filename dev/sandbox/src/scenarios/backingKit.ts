/**
 * Adds Cloud Tasks queues and Memorystore instances to a scenario project, and the demand coupling
 * that makes a queue's dispatches the demand of its target service.
 */
import { backingKey, backingOf } from '../backing';
import type { SandboxRedisInstance } from '../redis/redisTypes';
import { QueueDemandSource } from '../tasks/queueDemandSource';
import type { SandboxQueue } from '../tasks/queueTypes';
import type { SandboxProject } from '../world';

/** Puts the queues and instances into `project` (and a QueueDemandSource when there are queues); returns it. */
export function withBacking(
  project: SandboxProject,
  resources: {
    queues?: SandboxQueue[];
    redisInstances?: SandboxRedisInstance[];
  },
): SandboxProject {
  const backing = backingOf(project);
  for (const queue of resources.queues ?? [])
    backing.queues.set(backingKey(queue.location, queue.queueId), queue);
  for (const instance of resources.redisInstances ?? [])
    backing.redisInstances.set(
      backingKey(instance.location, instance.instanceId),
      instance,
    );
  if (resources.queues?.length)
    project.demandSources = [
      ...(project.demandSources ?? []),
      new QueueDemandSource(project),
    ];
  return project;
}
