import type { WiringEvidence } from '../types/queues';

/**
 * How the portal knows which Cloud Run service talks to which Redis instance or queue (documented in
 * docs/queues-and-redis.md). Three sources, all of them optional:
 *
 * 1. Environment variables of the service's first container: `REDISHOST` / `REDIS_HOST` (host),
 *    `REDIS_URL` (`redis://[user:pass@]host:port/db`), `REDIS_ADDR` (`host:port`) matching the
 *    instance's host or read endpoint; any variable whose name contains `QUEUE` whose value is a queue
 *    id or full queue name marks the service as a PRODUCER of that queue.
 * 2. Labels of the service: `redis-instance=<instance id>`, `tasks-queue-target=<queue id>` (the
 *    service is the worker the queue dispatches to), `redis-connections-per-instance=<n>`.
 * 3. The plugin config (`capacity.wiring`), for what neither env nor labels say.
 *
 * Cloud Tasks v2 queues carry no target (each task has its own URL), so the worker of a queue is
 * known only from a label or the config.
 */

/** Env var names that can point at a Redis endpoint. */
export const REDIS_ENV_NAMES = [
  'REDISHOST',
  'REDIS_HOST',
  'REDIS_URL',
  'REDIS_ADDR',
] as const;
/** Label naming the Redis instance a service uses. */
export const REDIS_INSTANCE_LABEL = 'redis-instance';
/** Label overriding the connections one container holds to Redis. */
export const REDIS_CONNECTIONS_LABEL = 'redis-connections-per-instance';
/** Label naming the queue whose tasks this service runs. */
export const QUEUE_TARGET_LABEL = 'tasks-queue-target';

/** One configured wiring (plugin config `capacity.wiring[]`). */
export interface WiringOverride {
  projectId: string;
  /** Short Cloud Run service name. */
  service: string;
  redisInstances?: string[];
  /** Connections per container to Redis (beats labels and metrics). */
  redisConnectionsPerInstance?: number;
  /** Queues whose tasks this service runs. */
  queueTargets?: string[];
  /** Queues this service enqueues into. */
  queueProducers?: string[];
}

/** What wiring detection needs to know of a Cloud Run service. */
export interface WiringService {
  projectId: string;
  name: string;
  labels: Record<string, string>;
  /** Wiring-relevant env vars (see {@link pickWiringEnv}). */
  wiringEnv?: Record<string, string>;
}

/** True for env var names that wiring detection reads. */
export function isWiringEnvName(name: string): boolean {
  return (
    (REDIS_ENV_NAMES as readonly string[]).includes(name) ||
    name.toUpperCase().includes('QUEUE')
  );
}

/**
 * The env vars wiring detection needs, from a container's `env` list; credentials in a Redis URL are
 * dropped so nothing secret reaches logs or the browser. Values from Secret Manager are skipped.
 */
export function pickWiringEnv(
  env:
    | readonly { name?: string | null; value?: string | null }[]
    | null
    | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of env ?? []) {
    if (!e.name || typeof e.value !== 'string' || !isWiringEnvName(e.name))
      continue;
    out[e.name] =
      e.name === 'REDIS_URL' ? e.value.replace(/\/\/[^@/]*@/, '//') : e.value;
  }
  return out;
}

/** The host a Redis env var points at, or null (`redis://h:6379/0`, `h:6379`, `h`). */
export function redisHostOf(name: string, value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  if (name === 'REDIS_URL') {
    const m = /^rediss?:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/?]+)/.exec(v);
    return m ? m[1]!.replace(/^\[|\]$/g, '') : null;
  }
  if (name === 'REDIS_ADDR') return v.split(':')[0] || null;
  return v;
}

/** Services wired to a Redis instance, with why. `hosts` are the instance's host and read endpoint. */
export function servicesWiredToRedis(
  instance: { projectId: string; name: string; hosts: readonly string[] },
  services: readonly WiringService[],
  overrides: readonly WiringOverride[] = [],
): WiringEvidence[] {
  const found: WiringEvidence[] = [];
  for (const s of services) {
    if (s.projectId !== instance.projectId) continue;
    const override = overrides.find(
      o => o.projectId === s.projectId && o.service === s.name,
    );
    if (override?.redisInstances?.includes(instance.name)) {
      found.push({ service: s.name, via: 'config' });
      continue;
    }
    if (s.labels[REDIS_INSTANCE_LABEL] === instance.name) {
      found.push({
        service: s.name,
        via: `label ${REDIS_INSTANCE_LABEL}=${instance.name}`,
      });
      continue;
    }
    const env = Object.entries(s.wiringEnv ?? {}).find(
      ([name, value]) =>
        (REDIS_ENV_NAMES as readonly string[]).includes(name) &&
        instance.hosts.includes(redisHostOf(name, value) ?? ''),
    );
    if (env)
      found.push({
        service: s.name,
        via: `env ${env[0]}=${redisHostOf(env[0], env[1])}`,
      });
  }
  return found;
}

const queueIdOf = (value: string) => value.trim().split('/').pop() ?? '';

/** Targets (workers) and producers of a queue, with why. */
export function servicesWiredToQueue(
  queue: { projectId: string; name: string },
  services: readonly WiringService[],
  overrides: readonly WiringOverride[] = [],
): { targets: WiringEvidence[]; producers: WiringEvidence[] } {
  const targets: WiringEvidence[] = [];
  const producers: WiringEvidence[] = [];
  for (const s of services) {
    if (s.projectId !== queue.projectId) continue;
    const override = overrides.find(
      o => o.projectId === s.projectId && o.service === s.name,
    );
    if (override?.queueTargets?.includes(queue.name))
      targets.push({ service: s.name, via: 'config' });
    else if (s.labels[QUEUE_TARGET_LABEL] === queue.name)
      targets.push({
        service: s.name,
        via: `label ${QUEUE_TARGET_LABEL}=${queue.name}`,
      });

    if (override?.queueProducers?.includes(queue.name))
      producers.push({ service: s.name, via: 'config' });
    else {
      const env = Object.entries(s.wiringEnv ?? {}).find(
        ([name, value]) =>
          name.toUpperCase().includes('QUEUE') &&
          queueIdOf(value) === queue.name,
      );
      if (env)
        producers.push({ service: s.name, via: `env ${env[0]}=${env[1]}` });
    }
  }
  return { targets, producers };
}
