import { createHash } from 'node:crypto';

/**
 * Builds realistic Cloud Run Admin API v2 Service resources (camelCase JSON, enums as names, int64 as
 * strings, Duration/Timestamp as strings): the shape the real API answers, so the plugin's gateways
 * see the same fields in the sandbox as in production.
 */

/** Region codes of `*.a.run.app` URLs (from observed URLs; asia-northeast3 "du" unverified). */
const REGION_CODES: Record<string, string> = {
  'us-central1': 'uc',
  'us-east1': 'ue',
  'us-west1': 'uw',
  'europe-west1': 'ew',
  'asia-northeast1': 'an',
  'asia-northeast3': 'du',
};

/** What varies between the services of the scenarios. */
export interface ServiceResourceSpec {
  projectId: string;
  region: string;
  /** Service id, e.g. `gryd-fe`. */
  name: string;
  /** Epoch ms. */
  createTime: number;
  image: string;
  /** Kubernetes quantity, e.g. "1", "0.5". */
  cpu: string;
  /** Kubernetes quantity, e.g. "512Mi", "4Gi". */
  memory: string;
  cpuIdle: boolean;
  startupCpuBoost?: boolean;
  minInstances: number;
  maxInstances: number;
  concurrency: number;
  /** Request timeout, seconds (default 300). */
  timeoutSeconds?: number;
  ingress?:
    | 'INGRESS_TRAFFIC_ALL'
    | 'INGRESS_TRAFFIC_INTERNAL_ONLY'
    | 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER';
  labels?: Record<string, string>;
  sessionAffinity?: boolean;
  /** Full connector name `projects/P/locations/R/connectors/C`, sent as template.vpcAccess. */
  vpcConnector?: string;
  env?: Array<{ name: string; value: string }>;
}

function hashText(
  text: string,
  length: number,
  alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789',
): string {
  const digest = createHash('sha256').update(text).digest();
  return Array.from(
    digest.subarray(0, length),
    byte => alphabet[byte % alphabet.length],
  ).join('');
}

/** Deterministic 12-digit project number of a sandbox project id. */
export function projectNumber(projectId: string): string {
  return `${
    1 +
    (parseInt(
      createHash('sha256').update(projectId).digest('hex').slice(0, 10),
      16,
    ) %
      9)
  }${hashText(projectId, 11, '0123456789')}`;
}

/** Revision name as Cloud Run makes them: `<service>-<5-digit generation>-<3 letters>`. */
export function revisionName(
  service: string,
  generation: number,
  salt = '',
): string {
  return `${service}-${String(generation).padStart(5, '0')}-${hashText(
    `${service}/${generation}/${salt}`,
    3,
    'abcdefghijklmnopqrstuvwxyz',
  )}`;
}

/** Quoted opaque etag over the service name and generation (Cloud Run etags are quoted; unverified). */
export function serviceEtag(
  fullName: string,
  generation: number,
  updateTime: string,
): string {
  return `"${createHash('sha256')
    .update(`${fullName}|${generation}|${updateTime}`)
    .digest('base64url')
    .slice(0, 27)}"`;
}

/** A `google.cloud.run.v2.Condition` of type Ready. */
export function readyCondition(
  state: 'CONDITION_SUCCEEDED' | 'CONDITION_RECONCILING',
  at: string,
): Record<string, unknown> {
  return { type: 'Ready', state, lastTransitionTime: at };
}

/** The output-only fields of a service at generation `generation`. */
export function outputOnlyFields(
  projectId: string,
  region: string,
  name: string,
  createTime: number,
): Record<string, unknown> {
  const created = new Date(createTime).toISOString();
  const urlHash = hashText(projectId, 10);
  return {
    name: `projects/${projectId}/locations/${region}/services/${name}`,
    uid: [8, 4, 4, 4, 12]
      .map((n, i) =>
        hashText(`${projectId}/${name}/${i}`, n, '0123456789abcdef'),
      )
      .join('-'),
    createTime: created,
    creator: `deployer@${projectId}.iam.gserviceaccount.com`,
    uri: `https://${name}-${urlHash}-${REGION_CODES[region] ?? 'uc'}.a.run.app`,
    urls: [
      `https://${name}-${projectNumber(projectId)}.${region}.run.app`,
      `https://${name}-${urlHash}-${REGION_CODES[region] ?? 'uc'}.a.run.app`,
    ],
    satisfiesPzs: false,
    reconciling: false,
  };
}

/** A full Service resource at generation 1, created and last updated at `createTime`. */
export function buildServiceResource(
  spec: ServiceResourceSpec,
): Record<string, unknown> {
  const base = outputOnlyFields(
    spec.projectId,
    spec.region,
    spec.name,
    spec.createTime,
  );
  const at = base['createTime'] as string;
  const revision = revisionName(spec.name, 1);
  return {
    ...base,
    generation: '1',
    labels: { 'managed-by': 'terraform', ...spec.labels },
    annotations: {},
    updateTime: at,
    lastModifier: base['creator'],
    launchStage: 'GA',
    ingress: spec.ingress ?? 'INGRESS_TRAFFIC_ALL',
    template: {
      labels: {},
      annotations: {},
      scaling: {
        minInstanceCount: spec.minInstances,
        maxInstanceCount: spec.maxInstances,
      },
      ...(spec.vpcConnector
        ? {
            vpcAccess: {
              connector: spec.vpcConnector,
              egress: 'PRIVATE_RANGES_ONLY',
            },
          }
        : {}),
      timeout: `${spec.timeoutSeconds ?? 300}s`,
      serviceAccount: `${spec.name}@${spec.projectId}.iam.gserviceaccount.com`,
      containers: [
        {
          name: spec.name,
          image: spec.image,
          env: spec.env ?? [],
          resources: {
            limits: { cpu: spec.cpu, memory: spec.memory },
            cpuIdle: spec.cpuIdle,
            startupCpuBoost: spec.startupCpuBoost ?? true,
          },
          ports: [{ name: 'http1', containerPort: 8080 }],
          startupProbe: {
            timeoutSeconds: 240,
            periodSeconds: 240,
            failureThreshold: 1,
            tcpSocket: { port: 8080 },
          },
        },
      ],
      executionEnvironment: 'EXECUTION_ENVIRONMENT_GEN2',
      maxInstanceRequestConcurrency: spec.concurrency,
      sessionAffinity: spec.sessionAffinity ?? false,
    },
    traffic: [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100 }],
    observedGeneration: '1',
    terminalCondition: readyCondition('CONDITION_SUCCEEDED', at),
    conditions: [
      {
        type: 'RoutesReady',
        state: 'CONDITION_SUCCEEDED',
        lastTransitionTime: at,
      },
      {
        type: 'ConfigurationsReady',
        state: 'CONDITION_SUCCEEDED',
        lastTransitionTime: at,
      },
    ],
    latestReadyRevision: `${base['name'] as string}/revisions/${revision}`,
    latestCreatedRevision: `${base['name'] as string}/revisions/${revision}`,
    trafficStatuses: [
      { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100 },
    ],
    etag: serviceEtag(base['name'] as string, 1, at),
  };
}
