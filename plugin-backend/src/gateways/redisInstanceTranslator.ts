import type { RedisInstance, RedisSettings } from '@gcp-serverless/common';
import { enumName, protoNumber } from './protoValues';

/** The parts of a Memorystore for Redis v1 Instance the portal reads (protobuf object or JSON). */
export interface RawRedisInstance {
  name?: string | null;
  displayName?: string | null;
  labels?: Record<string, string> | null;
  locationId?: string | null;
  redisVersion?: string | null;
  host?: string | null;
  port?: unknown;
  state?: unknown;
  redisConfigs?: Record<string, string> | null;
  tier?: unknown;
  memorySizeGb?: unknown;
  replicaCount?: unknown;
}

const TIER_NAMES: Record<number, string> = {
  0: 'TIER_UNSPECIFIED',
  1: 'BASIC',
  3: 'STANDARD_HA',
};
const STATE_NAMES: Record<number, string> = {
  0: 'STATE_UNSPECIFIED',
  1: 'CREATING',
  2: 'READY',
  3: 'UPDATING',
  4: 'DELETING',
  5: 'REPAIRING',
  6: 'MAINTENANCE',
  8: 'IMPORTING',
  9: 'FAILING_OVER',
};

/** Translates a Redis v1 Instance (also the raw protobuf result of `op.promise()`) into the domain type. */
export function toRedisInstance(raw: RawRedisInstance): RedisInstance {
  const name = raw.name ?? '';
  const [, projectId = '', , region = '', , shortName = ''] = name.split('/');
  return {
    projectId,
    region,
    name: shortName,
    resourceName: name,
    displayName: raw.displayName || shortName,
    tier: enumName(raw.tier, TIER_NAMES, 'TIER_UNSPECIFIED'),
    state: enumName(raw.state, STATE_NAMES, 'STATE_UNSPECIFIED'),
    memorySizeGb: protoNumber(raw.memorySizeGb),
    redisVersion: raw.redisVersion ?? '',
    host: raw.host ?? '',
    port: protoNumber(raw.port, 6379),
    replicaCount: protoNumber(raw.replicaCount),
    redisConfigs: { ...(raw.redisConfigs ?? {}) },
    labels: { ...(raw.labels ?? {}) },
    consoleUrl: `https://console.cloud.google.com/memorystore/redis/locations/${region}/instances/${shortName}/details?project=${projectId}`,
  };
}

/** The editable settings of an instance, for diffs and fingerprints. */
export function redisSettings(instance: RedisInstance): RedisSettings {
  return {
    memorySizeGb: instance.memorySizeGb,
    redisConfigs: { ...instance.redisConfigs },
  };
}
