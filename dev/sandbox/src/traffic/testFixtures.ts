/**
 * Hand-made sandbox worlds for the traffic and monitoring tests (the real scenarios live in
 * ../scenarios and may change; these stay small and stable).
 */
import type {
  RunServiceConfig,
  SandboxProject,
  SandboxRunService,
  SandboxWorld,
  TrafficProfile,
} from '../world';

/** 2024-01-08T00:00:00Z, a Monday. */
export const MONDAY_UTC = Date.UTC(2024, 0, 8);

/** A steady profile: 10 rps, no diurnal curve, no noise, 50 ms median latency. */
export function steadyProfile(
  overrides: Partial<TrafficProfile> = {},
): TrafficProfile {
  return {
    baseRps: 10,
    diurnalAmplitude: 0,
    peakHour: 14,
    weekendFactor: 1,
    latencyP50Ms: 50,
    latencySigma: 0.5,
    errorRate5xx: 0.01,
    errorRate4xx: 0.02,
    redirectRate3xx: 0.05,
    noise: 0,
    events: [],
    seed: 42,
    ...overrides,
  };
}

/** A small request-based configuration: 0..10 instances, concurrency 80. */
export function smallConfig(
  overrides: Partial<RunServiceConfig> = {},
): RunServiceConfig {
  return {
    minInstances: 0,
    maxInstances: 10,
    concurrency: 80,
    cpu: 1,
    memoryGiB: 0.5,
    cpuIdle: true,
    timeoutSeconds: 300,
    ...overrides,
  };
}

/** A service whose `latestReadyRevision` is `<name>-0000<n>-abc` for a history of n versions. */
export function testService(
  projectId: string,
  name: string,
  traffic: TrafficProfile = steadyProfile(),
  config: RunServiceConfig = smallConfig(),
  region = 'us-central1',
): SandboxRunService {
  return {
    projectId,
    region,
    name,
    resource: {
      name: `projects/${projectId}/locations/${region}/services/${name}`,
      latestReadyRevision: `projects/${projectId}/locations/${region}/services/${name}/revisions/${name}-00001-abc`,
    },
    history: [{ effectiveFrom: 0, config }],
    traffic,
  };
}

/** A project holding `services`, in UTC unless told otherwise. */
export function testProject(
  projectId: string,
  services: SandboxRunService[],
  timeZone = 'UTC',
): SandboxProject {
  return {
    projectId,
    timeZone,
    region: 'us-central1',
    services: new Map(services.map(s => [s.name, s])),
  };
}

/** A world of the given projects. */
export function testWorld(...projects: SandboxProject[]): SandboxWorld {
  return { projects: new Map(projects.map(p => [p.projectId, p])) };
}

/** A project with `count` services `svc-000`… of varied but fixed profiles (for grouping and load tests). */
export function fleetProject(projectId: string, count: number): SandboxProject {
  const services: SandboxRunService[] = [];
  for (let i = 0; i < count; i++) {
    const name = `svc-${String(i).padStart(3, '0')}`;
    const profile = steadyProfile({
      baseRps: 1 + (i % 17) * 3,
      diurnalAmplitude: 0.5,
      noise: 0.1,
      seed: i + 1,
    });
    services.push(
      testService(
        projectId,
        name,
        profile,
        smallConfig({ minInstances: i % 3, maxInstances: 20 }),
      ),
    );
  }
  return testProject(projectId, services, 'Asia/Seoul');
}
