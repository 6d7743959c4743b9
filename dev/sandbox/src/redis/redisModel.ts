/**
 * The Memorystore model: connected clients, rejected connections and memory usage of an instance in
 * one minute, computed (never stored) from the Cloud Run services wired to it.
 *
 * - Wired services: listed in the instance's `connectionsPerInstance` (what the application does), or
 *   pointing at its host through REDISHOST / REDIS_HOST / REDIS_ADDR / REDIS_URL, or labelled
 *   `redis-instance: <id>`: the same evidence the plugin's wiring detection reads.
 * - Wanted connections = Σ instances of each wired service that minute (traffic model, idle ones
 *   included: a warm container keeps its pool) × its connections per instance (the instance's map,
 *   else the service's `redis-connections-per-instance` label, else 1).
 * - Connected = min(wanted, 65,000); the excess is rejected, counted once per minute (clients retry).
 * - Memory used = data set + 16 KiB of buffers per connected client; usage ratio = used ÷ the memory
 *   size in force that minute, at most 1 (Redis evicts at maxmemory).
 */
import { minuteSample } from '../traffic/SandboxTrafficModel';
import type { SandboxProject, SandboxRunService } from '../world';
import type { SandboxRedisInstance } from './redisTypes';

/** Connected clients one Memorystore node accepts; `maxclients` is fixed by Google (docs/google-apis.md §5). */
export const REDIS_MAX_CLIENTS = 65_000;
/** Connections per container of a wired service nothing says more about (the plugin assumes 1 as well). */
export const DEFAULT_CONNECTIONS_PER_INSTANCE = 1;
/** Client buffers per connection, GiB (16 KiB: query and output buffers of an idle pub/sub client; a sandbox choice). */
const CLIENT_BUFFER_GIB = 16 / 1024 / 1024;
const REDIS_ENV = ['REDISHOST', 'REDIS_HOST', 'REDIS_ADDR', 'REDIS_URL'];

/** A wired service's share of a minute. */
export interface RedisClientShare {
  service: string;
  instances: number;
  connectionsPerInstance: number;
}

/** What an instance saw in one minute. */
export interface RedisMinute {
  minuteStartMs: number;
  /** Connections the clients wanted. */
  wanted: number;
  connectedClients: number;
  /** Connection attempts refused in the minute because maxclients was reached. */
  rejectedConnections: number;
  memorySizeGb: number;
  /** 0..1. */
  memoryUsageRatio: number;
  shares: RedisClientShare[];
}

function hostOf(name: string, value: string): string {
  if (name === 'REDIS_URL')
    return /^rediss?:\/\/(?:[^@/]*@)?([^:/?]+)/.exec(value.trim())?.[1] ?? '';
  if (name === 'REDIS_ADDR') return value.trim().split(':')[0] ?? '';
  return value.trim();
}

function pointsAt(
  service: SandboxRunService,
  instance: SandboxRedisInstance,
): boolean {
  const labels = (service.resource['labels'] ?? {}) as Record<string, string>;
  if (labels['redis-instance'] === instance.instanceId) return true;
  const containers =
    (
      service.resource['template'] as
        | {
            containers?: Array<{
              env?: Array<{ name?: string; value?: string }>;
            }>;
          }
        | undefined
    )?.containers ?? [];
  const host = instance.resource['host'];
  return containers.some(c =>
    (c.env ?? []).some(
      e =>
        REDIS_ENV.includes(e.name ?? '') &&
        typeof e.value === 'string' &&
        hostOf(e.name!, e.value) === host,
    ),
  );
}

/** The services of `project` wired to `instance` and their connections per container. */
export function wiredServices(
  project: SandboxProject,
  instance: SandboxRedisInstance,
): Array<{ service: SandboxRunService; connectionsPerInstance: number }> {
  const wired = [];
  for (const service of project.services.values()) {
    const declared = instance.connectionsPerInstance[service.name];
    if (declared === undefined && !pointsAt(service, instance)) continue;
    const label = Number(
      ((service.resource['labels'] ?? {}) as Record<string, string>)[
        'redis-connections-per-instance'
      ],
    );
    const connectionsPerInstance =
      declared ??
      (Number.isInteger(label) && label > 0
        ? label
        : DEFAULT_CONNECTIONS_PER_INSTANCE);
    wired.push({ service, connectionsPerInstance });
  }
  return wired;
}

/** The memory size in force at `epochMs`, GB. */
export function memorySizeAt(
  instance: SandboxRedisInstance,
  epochMs: number,
): number {
  let size = instance.history[0]!.memorySizeGb;
  for (const version of instance.history) {
    if (version.effectiveFrom <= epochMs) size = version.memorySizeGb;
    else break;
  }
  return size;
}

/** What the instance saw in the minute starting at `minuteStartMs` (floored to the minute). */
export function redisMinute(
  project: SandboxProject,
  instance: SandboxRedisInstance,
  minuteStartMs: number,
): RedisMinute {
  const start = Math.floor(minuteStartMs / 60_000) * 60_000;
  const memorySizeGb = memorySizeAt(instance, start);
  if (start < instance.history[0]!.effectiveFrom) {
    return {
      minuteStartMs: start,
      wanted: 0,
      connectedClients: 0,
      rejectedConnections: 0,
      memorySizeGb,
      memoryUsageRatio: 0,
      shares: [],
    };
  }
  const shares = wiredServices(project, instance).map(
    ({ service, connectionsPerInstance }) => ({
      service: service.name,
      instances: minuteSample(project, service, start).instances,
      connectionsPerInstance,
    }),
  );
  const wanted = shares.reduce(
    (sum, s) => sum + s.instances * s.connectionsPerInstance,
    0,
  );
  const connectedClients = Math.min(wanted, REDIS_MAX_CLIENTS);
  const used = instance.dataGiB + connectedClients * CLIENT_BUFFER_GIB;
  return {
    minuteStartMs: start,
    wanted,
    connectedClients,
    rejectedConnections: wanted - connectedClients,
    memorySizeGb,
    memoryUsageRatio: Math.min(1, used / memorySizeGb),
    shares,
  };
}
