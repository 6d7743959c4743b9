/**
 * Memorystore for Redis v1 update rules (docs/google-apis.md §5): the update mask is required and may name
 * only displayName, labels, memorySizeGb, redisConfig(s) and replicaCount; memory 1..300 GB; only the
 * documented redis configs may be set (`maxclients` is fixed by Google). Field paths are snake_case
 * as in Google's field violations; the message texts are the sandbox's own (unverified).
 */
import type { FieldViolation } from '../googleError';
import { toCamelCase } from '../protoJson';

/** Mask paths UpdateInstance accepts, by their camelCase JSON key. `redis_config` is the documented spelling. */
const UPDATABLE: Record<string, string> = {
  displayName: 'displayName',
  labels: 'labels',
  memorySizeGb: 'memorySizeGb',
  redisConfig: 'redisConfigs',
  redisConfigs: 'redisConfigs',
  replicaCount: 'replicaCount',
};

/** Redis configs Memorystore lets users set (docs/google-apis.md §5). */
export const SETTABLE_REDIS_CONFIGS = [
  'maxmemory-policy',
  'notify-keyspace-events',
  'activedefrag',
  'lfu-decay-time',
  'lfu-log-factor',
  'maxmemory-gb',
  'stream-node-max-bytes',
  'stream-node-max-entries',
] as const;

const MAXMEMORY_POLICIES = [
  'volatile-lru',
  'allkeys-lru',
  'volatile-lfu',
  'allkeys-lfu',
  'volatile-random',
  'allkeys-random',
  'volatile-ttl',
  'noeviction',
];

export const MIN_MEMORY_GB = 1;
export const MAX_MEMORY_GB = 300;

/**
 * The Instance JSON keys the mask names, or violations (field `update_mask`). A map path may name one
 * key (`labels.env`); it then resolves to the whole map key for merging.
 */
export function resolveRedisMask(
  raw: string | null,
): { keys: string[] } | { violations: FieldViolation[] } {
  const paths = (raw ?? '')
    .split(',')
    .map(p => p.trim())
    .filter(Boolean);
  if (paths.length === 0) {
    return {
      violations: [
        {
          field: 'update_mask',
          description: 'update_mask is required: name the fields to update',
        },
      ],
    };
  }
  const keys = new Set<string>();
  const violations: FieldViolation[] = [];
  for (const path of paths) {
    const key = UPDATABLE[toCamelCase(path.split('.')[0]!)];
    if (!key) {
      violations.push({
        field: 'update_mask',
        description: `Invalid update_mask path "${path}": only display_name, labels, memory_size_gb, redis_config and replica_count can be updated`,
      });
    } else keys.add(key);
  }
  return violations.length ? { violations } : { keys: [...keys] };
}

/** Every rule the merged instance breaks. */
export function instanceViolations(
  instance: Record<string, unknown>,
): FieldViolation[] {
  const out: FieldViolation[] = [];
  const memory = instance['memorySizeGb'];
  if (
    typeof memory !== 'number' ||
    !Number.isInteger(memory) ||
    memory < MIN_MEMORY_GB ||
    memory > MAX_MEMORY_GB
  ) {
    out.push({
      field: 'instance.memory_size_gb',
      description: `memory_size_gb must be an integer from ${MIN_MEMORY_GB} to ${MAX_MEMORY_GB}, got ${String(
        memory,
      )}`,
    });
  }
  const configs = (instance['redisConfigs'] ?? {}) as Record<string, string>;
  for (const [key, value] of Object.entries(configs)) {
    const field = `instance.redis_configs.${key}`;
    if (!(SETTABLE_REDIS_CONFIGS as readonly string[]).includes(key)) {
      out.push({
        field,
        description: `redis config "${key}" cannot be set on Memorystore`,
      });
    } else if (
      key === 'maxmemory-policy' &&
      !MAXMEMORY_POLICIES.includes(value)
    ) {
      out.push({
        field,
        description: `maxmemory-policy must be one of ${MAXMEMORY_POLICIES.join(
          ', ',
        )}, got "${value}"`,
      });
    } else if (
      key === 'maxmemory-gb' &&
      typeof memory === 'number' &&
      !(Number(value) > 0 && Number(value) <= memory)
    ) {
      out.push({
        field,
        description: `maxmemory-gb must be a number above 0 and at most memory_size_gb (${memory}), got "${value}"`,
      });
    }
  }
  const replicas = instance['replicaCount'];
  const tier = instance['tier'];
  if (typeof replicas === 'number' && tier === 'BASIC' && replicas !== 0) {
    out.push({
      field: 'instance.replica_count',
      description: 'replica_count must be 0 for a BASIC tier instance',
    });
  } else if (
    typeof replicas === 'number' &&
    tier === 'STANDARD_HA' &&
    (replicas < 1 || replicas > 5)
  ) {
    out.push({
      field: 'instance.replica_count',
      description: `replica_count must be from 1 to 5 for STANDARD_HA, got ${replicas}`,
    });
  }
  return out;
}
