import {
  parseCpuLimit,
  pickWiringEnv,
  type CloudRunService,
} from '@gcp-serverless/common';
import {
  durationToSeconds,
  enumName,
  isUnset,
  timestampToIso,
} from './protoValues';

/**
 * The parts of a Run Admin API v2 Service the portal reads. Results of the client are protobuf
 * objects: int64 may arrive as Long or string, enums as numbers or names; the shared helpers of
 * `protoValues` normalise them.
 */
export interface RawRunService {
  name?: string | null;
  uri?: string | null;
  etag?: string | null;
  generation?: unknown;
  labels?: Record<string, string> | null;
  ingress?: unknown;
  updateTime?: unknown;
  latestReadyRevision?: string | null;
  template?: {
    scaling?: {
      minInstanceCount?: number | null;
      maxInstanceCount?: number | null;
    } | null;
    maxInstanceRequestConcurrency?: number | null;
    timeout?: unknown;
    containers?:
      | {
          resources?: {
            limits?: Record<string, string> | null;
            cpuIdle?: boolean | null;
          } | null;
          env?: { name?: string | null; value?: string | null }[] | null;
        }[]
      | null;
  } | null;
}

/**
 * Every field of a Run v2 Service that {@link toCloudRunService} reads, as field mask paths: the
 * services list asks Google for only these (docs/google-apis.md §3, "Response field masks"), so a
 * field the translator reads that is missing here would silently read as unset.
 * runServiceTranslator.test.ts checks that the translator reads nothing else.
 */
export const RUN_SERVICE_FIELDS: readonly string[] = [
  'name',
  'uri',
  'etag',
  'generation',
  'labels',
  'ingress',
  'updateTime',
  'latestReadyRevision',
  'template.scaling.minInstanceCount',
  'template.scaling.maxInstanceCount',
  'template.maxInstanceRequestConcurrency',
  'template.timeout',
  'template.containers.resources.limits',
  'template.containers.resources.cpuIdle',
  'template.containers.env.name',
  'template.containers.env.value',
];

/**
 * The response field mask of `services.list`: each service's {@link RUN_SERVICE_FIELDS} and the page
 * token. Plain dotted paths with their full prefix, the form every Google front end accepts.
 */
export const SERVICES_LIST_FIELD_MASK = [
  ...RUN_SERVICE_FIELDS.map(path => `services.${path}`),
  'nextPageToken',
].join(',');

/** Cloud Run's default max instances when `maxInstanceCount` is unset (docs/google-apis.md §3). */
export const DEFAULT_MAX_INSTANCES = 100;

/** Effective concurrency: 0/unset means 80 with ≥ 1 vCPU, 1 below (docs/google-apis.md §3). */
export function effectiveConcurrency(
  value: number | null | undefined,
  cpu: number,
): number {
  if (value && value > 0) return value;
  return cpu >= 1 ? 80 : 1;
}

const INGRESS_NAMES: Record<number, string> = {
  0: 'INGRESS_TRAFFIC_UNSPECIFIED',
  1: 'INGRESS_TRAFFIC_ALL',
  2: 'INGRESS_TRAFFIC_INTERNAL_ONLY',
  3: 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
  4: 'INGRESS_TRAFFIC_NONE',
};

/** Translates a Run v2 Service into the portal's domain type. */
export function toCloudRunService(raw: RawRunService): CloudRunService {
  const name = raw.name ?? '';
  const [, projectId = '', , region = '', , shortName = ''] = name.split('/');
  const limits = raw.template?.containers?.[0]?.resources?.limits ?? {};
  const cpu = limits.cpu ?? '1';
  const cpuCount = parseCpuLimit(cpu);
  // An enum number the table does not know stays visible as its number.
  const ingress = enumName(
    raw.ingress,
    INGRESS_NAMES,
    String(raw.ingress ?? ''),
  );
  return {
    projectId,
    region,
    name: shortName,
    resourceName: name,
    uri: raw.uri || null,
    etag: raw.etag ?? '',
    generation: isUnset(raw.generation) ? '0' : String(raw.generation),
    scaling: {
      minInstances: raw.template?.scaling?.minInstanceCount ?? 0,
      maxInstances:
        raw.template?.scaling?.maxInstanceCount || DEFAULT_MAX_INSTANCES,
      concurrency: effectiveConcurrency(
        raw.template?.maxInstanceRequestConcurrency,
        cpuCount,
      ),
    },
    timeoutSeconds: durationToSeconds(raw.template?.timeout, 300),
    cpu,
    memory: limits.memory ?? '512Mi',
    cpuIdle: raw.template?.containers?.[0]?.resources?.cpuIdle ?? true,
    ingress,
    labels: { ...(raw.labels ?? {}) },
    latestReadyRevision: raw.latestReadyRevision
      ? raw.latestReadyRevision.split('/').pop() ?? null
      : null,
    updateTime: timestampToIso(raw.updateTime),
    consoleUrl: `https://console.cloud.google.com/run/detail/${region}/${shortName}/metrics?project=${projectId}`,
    wiringEnv: pickWiringEnv(raw.template?.containers?.[0]?.env),
  };
}
