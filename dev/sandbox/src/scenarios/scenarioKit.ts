import { configFromService } from '../run/serviceConfig';
import {
  buildServiceResource,
  revisionName,
  type ServiceResourceSpec,
} from '../run/serviceResource';
import type {
  SandboxProject,
  SandboxRunService,
  TrafficProfile,
} from '../world';

/** What every scenario builder receives. */
export interface ScenarioContext {
  /** Sandbox time at which the world is built, epoch ms. */
  now: number;
  /** scale-fleet size. */
  services: number;
}

const DAY_MS = 86_400_000;

/**
 * When scenario services were deployed: long before the 7-day metric windows the portal shows, so
 * every chart starts on the initial configuration.
 */
export function deployedAt(now: number, daysAgo = 90): number {
  return now - daysAgo * DAY_MS;
}

/** Defaults of a traffic profile: a business-hours web curve with a little noise. */
export function profile(
  overrides: Partial<TrafficProfile> &
    Pick<TrafficProfile, 'baseRps' | 'latencyP50Ms' | 'seed'>,
): TrafficProfile {
  return {
    diurnalAmplitude: 0.6,
    peakHour: 14,
    weekendFactor: 0.7,
    latencySigma: 0.5,
    errorRate5xx: 0.001,
    errorRate4xx: 0.01,
    redirectRate3xx: 0,
    noise: 0.15,
    events: [],
    ...overrides,
  };
}

/** A sandbox service whose history starts with the configuration of its resource at deploy time. */
export function runService(
  spec: ServiceResourceSpec,
  traffic: TrafficProfile,
): SandboxRunService {
  const resource = buildServiceResource(spec);
  return {
    projectId: spec.projectId,
    region: spec.region,
    name: spec.name,
    resource,
    // Generation 1's revision, the one buildServiceResource names as latest created and ready.
    history: [
      {
        effectiveFrom: spec.createTime,
        config: configFromService(resource),
        revision: revisionName(spec.name, 1),
      },
    ],
    traffic,
  };
}

/** A project with its services keyed by service id. */
export function project(
  projectId: string,
  region: string,
  timeZone: string,
  services: SandboxRunService[],
): SandboxProject {
  return {
    projectId,
    region,
    timeZone,
    services: new Map(services.map(s => [s.name, s])),
  };
}

/** Artifact Registry image path in the project's region. */
export function image(
  projectId: string,
  region: string,
  repo: string,
  name: string,
  tag: string,
): string {
  return `${region}-docker.pkg.dev/${projectId}/${repo}/${name}:${tag}`;
}
