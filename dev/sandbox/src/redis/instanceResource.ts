/**
 * The google.cloud.redis.v1.Instance resource as the sandbox serves it, built for scenario instances:
 * a READY instance on the project's default VPC with a private host, port 6379 and one node
 * (read replicas are not emulated).
 */
import { instanceName } from './redisContext';
import type { SandboxRedisInstance } from './redisTypes';

/** What a scenario says about one Redis instance. */
export interface ScenarioRedisSpec {
  projectId: string;
  /** Region, e.g. asia-northeast3. */
  location: string;
  instanceId: string;
  displayName: string;
  tier: 'BASIC' | 'STANDARD_HA';
  memorySizeGb: number;
  /** Private IP clients connect to (what services put in REDISHOST / REDIS_URL). */
  host: string;
  /** /29 the instance's IPs come from, e.g. 10.0.0.0/29. */
  reservedIpRange: string;
  createTime: number;
  redisVersion?: string;
  redisConfigs?: Record<string, string>;
  labels?: Record<string, string>;
  /** GiB the data set occupies. */
  dataGiB: number;
  /** Redis connections per container of each service that uses the instance. */
  connectionsPerInstance: Record<string, number>;
}

/** A READY instance as Memorystore would serve it. */
export function scenarioRedisInstance(
  spec: ScenarioRedisSpec,
): SandboxRedisInstance {
  const zone = `${spec.location}-a`;
  const resource: Record<string, unknown> = {
    name: instanceName(spec.projectId, spec.location, spec.instanceId),
    displayName: spec.displayName,
    labels: spec.labels ?? {},
    locationId: zone,
    redisVersion: spec.redisVersion ?? 'REDIS_7_0',
    reservedIpRange: spec.reservedIpRange,
    host: spec.host,
    port: 6379,
    currentLocationId: zone,
    createTime: new Date(spec.createTime).toISOString(),
    state: 'READY',
    redisConfigs: spec.redisConfigs ?? {},
    tier: spec.tier,
    memorySizeGb: spec.memorySizeGb,
    authorizedNetwork: `projects/${spec.projectId}/global/networks/default`,
    persistenceIamIdentity: `serviceAccount:service-000000000000@cloud-redis.iam.gserviceaccount.com`,
    connectMode: 'DIRECT_PEERING',
    authEnabled: false,
    transitEncryptionMode: 'DISABLED',
    replicaCount: spec.tier === 'STANDARD_HA' ? 1 : 0,
    nodes: [{ id: 'node-0', zone }],
    readReplicasMode: 'READ_REPLICAS_DISABLED',
    persistenceConfig: { persistenceMode: 'DISABLED' },
  };
  return {
    projectId: spec.projectId,
    location: spec.location,
    instanceId: spec.instanceId,
    resource,
    history: [
      { effectiveFrom: spec.createTime, memorySizeGb: spec.memorySizeGb },
    ],
    dataGiB: spec.dataGiB,
    connectionsPerInstance: spec.connectionsPerInstance,
  };
}
