import type {
  CloudRunService,
  CloudRunServiceWithSummary,
  NamedSeries,
  ScalingPreview,
  ServiceDetailResponse,
  ServiceListResponse,
  ScalingSettings,
} from '@gcp-serverless/common';

/** A Cloud Run service as the backend returns it (gryyd-web / asia-northeast3 by default). */
export function serviceFixture(
  overrides: Partial<CloudRunService> = {},
): CloudRunService {
  const name = overrides.name ?? 'gryd-be';
  const region = overrides.region ?? 'asia-northeast3';
  const projectId = overrides.projectId ?? 'gryyd-web';
  return {
    projectId,
    region,
    name,
    resourceName: `projects/${projectId}/locations/${region}/services/${name}`,
    uri: `https://${name}-abc-du.a.run.app`,
    etag: '"etag-1"',
    generation: '1',
    scaling: { minInstances: 1, maxInstances: 40, concurrency: 80 },
    timeoutSeconds: 300,
    cpu: '1',
    memory: '1Gi',
    cpuIdle: true,
    ingress: 'INGRESS_TRAFFIC_ALL',
    labels: {},
    latestReadyRevision: `${name}-00001-abc`,
    updateTime: '2025-03-14T05:00:00Z',
    consoleUrl: `https://console.cloud.google.com/run/detail/${region}/${name}/metrics?project=${projectId}`,
    ...overrides,
  };
}

/** A service with live figures for the services table. */
export function serviceWithSummary(
  name: string,
  scaling: Partial<ScalingSettings>,
  summary: Partial<CloudRunServiceWithSummary['summary']> = {},
  region = 'asia-northeast3',
): CloudRunServiceWithSummary {
  const base = serviceFixture({ name, region });
  return {
    ...base,
    scaling: { ...base.scaling, ...scaling },
    summary: {
      instances: 2,
      requestsPerSecond: 10,
      errorRatio5xx: 0.001,
      latencyP95Ms: 120,
      ...summary,
    },
  };
}

/** A list response over the given services. */
export function serviceListFixture(
  services: CloudRunServiceWithSummary[],
  overrides: Partial<ServiceListResponse> = {},
): ServiceListResponse {
  return {
    projectId: 'gryyd-web',
    window: '1h',
    asOf: '2025-03-14T06:00:00Z',
    services,
    errors: [],
    ...overrides,
  };
}

/** A series of `count` points one minute apart ending at 06:00Z, values from `value(i)`. */
export function seriesFixture(
  key: string,
  count: number,
  value: (i: number) => number,
): NamedSeries {
  const end = Date.parse('2025-03-14T06:00:00Z');
  return {
    key,
    points: Array.from({ length: count }, (_, i) => ({
      time: new Date(end - (count - 1 - i) * 60_000).toISOString(),
      value: value(i),
    })),
  };
}

/** A detail response with data in every chart. */
export function serviceDetailFixture(
  overrides: Partial<ServiceDetailResponse> = {},
): ServiceDetailResponse {
  return {
    service: serviceFixture(),
    window: '1h',
    asOf: '2025-03-14T06:00:00Z',
    stepSeconds: 60,
    requestsByClass: ['2xx', '3xx', '4xx', '5xx'].map((k, n) =>
      seriesFixture(k, 10, i => 10 - n * 3 + i / 10),
    ),
    latency: ['p50', 'p95', 'p99'].map((k, n) =>
      seriesFixture(k, 10, i => 50 * (n + 1) + i),
    ),
    instances: [seriesFixture('instances', 10, i => 2 + (i % 3))],
    errors: [],
    ...overrides,
  };
}

/** A preview of raising max instances 40 → 50 that Google accepted. */
export function previewFixture(
  overrides: Partial<ScalingPreview> = {},
): ScalingPreview {
  const service = serviceFixture();
  return {
    service,
    current: service.scaling,
    proposed: { ...service.scaling, maxInstances: 50 },
    diff: [
      { field: 'maxInstances', label: 'Max instances', before: 40, after: 50 },
    ],
    warnings: [],
    validation: { status: 'passed' },
    etag: '"etag-1"',
    peakConcurrentRequests24h: 120,
    ...overrides,
  };
}
