/**
 * Builders of the compute resources scenarios start with, in the JSON compute serves (full self
 * links, ids, fingerprints, defaults). Ids are derived from the names so a rebuilt world is identical.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_CDN_POLICY } from '../cdnPolicyRules';
import {
  computeTimestamp,
  fingerprintOf,
  globalPath,
  selfLink,
} from '../computeResourceKit';
import type { ComputeJson } from '../computeTypes';
import { canonicalRef } from '../urlMapRefs';

/** A stable numeric id (uint64 string) for a scenario resource. */
export function scenarioId(projectId: string, path: string): string {
  const digest = createHash('sha256').update(`${projectId}/${path}`).digest();
  return (
    (digest.readBigUInt64BE(0) % 9_000_000_000_000_000_000n) +
    100_000_000_000_000_000n
  ).toString();
}

function base(
  projectId: string,
  path: string,
  kind: string,
  name: string,
  createdAt: number,
): ComputeJson {
  return {
    kind,
    id: scenarioId(projectId, path),
    creationTimestamp: computeTimestamp(createdAt),
    name,
    selfLink: selfLink(`projects/${projectId}/${path}`),
  };
}

/** A regional serverless NEG over a Cloud Run service. */
export function serverlessNeg(
  projectId: string,
  region: string,
  name: string,
  cloudRunService: string,
  createdAt: number,
): ComputeJson {
  return {
    ...base(
      projectId,
      `regions/${region}/networkEndpointGroups/${name}`,
      'compute#networkEndpointGroup',
      name,
      createdAt,
    ),
    networkEndpointType: 'SERVERLESS',
    cloudRun: { service: cloudRunService },
    region: selfLink(`projects/${projectId}/regions/${region}`),
    size: 0,
  };
}

/** A global internet NEG whose one endpoint is a host name on port 443 (e.g. a Cloud Storage bucket). */
export function internetFqdnNeg(
  projectId: string,
  name: string,
  createdAt: number,
): ComputeJson {
  return {
    ...base(
      projectId,
      `global/networkEndpointGroups/${name}`,
      'compute#networkEndpointGroup',
      name,
      createdAt,
    ),
    networkEndpointType: 'INTERNET_FQDN_PORT',
    defaultPort: 443,
    size: 1,
  };
}

/** Options of {@link backendService}. */
export interface BackendServiceSpec {
  name: string;
  /** NEG self links (full URLs). */
  groups: string[];
  enableCDN?: boolean;
  cdnPolicy?: Record<string, unknown>;
  timeoutSec?: number;
  sessionAffinity?: string;
  description?: string;
}

/** A global EXTERNAL_MANAGED backend service over NEGs. */
export function backendService(
  projectId: string,
  spec: BackendServiceSpec,
  createdAt: number,
): ComputeJson {
  const resource: ComputeJson = {
    ...base(
      projectId,
      `global/backendServices/${spec.name}`,
      'compute#backendService',
      spec.name,
      createdAt,
    ),
    ...(spec.description ? { description: spec.description } : {}),
    backends: spec.groups.map(group => ({
      group,
      balancingMode: 'UTILIZATION',
      capacityScaler: 1,
    })),
    protocol: 'HTTPS',
    port: 443,
    portName: 'https',
    timeoutSec: spec.timeoutSec ?? 30,
    loadBalancingScheme: 'EXTERNAL_MANAGED',
    sessionAffinity: spec.sessionAffinity ?? 'NONE',
    connectionDraining: { drainingTimeoutSec: 0 },
    logConfig: { enable: true, sampleRate: 1 },
    enableCDN: spec.enableCDN ?? false,
    ...(spec.enableCDN
      ? { cdnPolicy: { ...DEFAULT_CDN_POLICY, ...spec.cdnPolicy } }
      : {}),
  };
  resource['fingerprint'] = fingerprintOf(resource, 0n);
  return resource;
}

/** A backend bucket over a Cloud Storage bucket (no fingerprint: compute v1 has none for buckets). */
export function backendBucket(
  projectId: string,
  name: string,
  bucketName: string,
  cdnPolicy: Record<string, unknown> | null,
  createdAt: number,
): ComputeJson {
  return {
    ...base(
      projectId,
      `global/backendBuckets/${name}`,
      'compute#backendBucket',
      name,
      createdAt,
    ),
    bucketName,
    enableCdn: cdnPolicy !== null,
    ...(cdnPolicy
      ? { cdnPolicy: { ...DEFAULT_CDN_POLICY, ...cdnPolicy } }
      : {}),
    compressionMode: 'DISABLED',
  };
}

/** A URL map; backend references become full URLs and the fingerprint is computed. */
export function urlMap(
  projectId: string,
  map: ComputeJson,
  createdAt: number,
): ComputeJson {
  const name = map['name'] as string;
  const resolved = JSON.parse(JSON.stringify(map), (key, value: unknown) =>
    typeof value === 'string' && (key === 'service' || key === 'defaultService')
      ? canonicalRef(value, projectId)
      : value,
  ) as ComputeJson;
  const resource: ComputeJson = {
    ...base(
      projectId,
      `global/urlMaps/${name}`,
      'compute#urlMap',
      name,
      createdAt,
    ),
    ...resolved,
  };
  resource['fingerprint'] = fingerprintOf(resource, 0n);
  return resource;
}

/** The self link of a regional NEG. */
export function regionalNegLink(
  projectId: string,
  region: string,
  name: string,
): string {
  return selfLink(
    `projects/${projectId}/regions/${region}/networkEndpointGroups/${name}`,
  );
}

/** The self link of a global NEG. */
export function globalNegLink(projectId: string, name: string): string {
  return selfLink(globalPath(projectId, 'networkEndpointGroups', name));
}
