import type {
  SandboxProject,
  SandboxRunService,
  TrafficProfile,
} from '../world';
import { outputOnlyFields } from './serviceResource';

/**
 * `allowMissing: true` on UpdateService creates the service when it does not exist (upsert). The
 * sandbox gives such a service an empty generation-0 shell and a quiet traffic profile.
 */

/** Low, steady demand for services created through the API (no scenario describes them). */
export function quietTrafficProfile(seed: number): TrafficProfile {
  return {
    baseRps: 0.5,
    diurnalAmplitude: 0.5,
    peakHour: 14,
    weekendFactor: 0.7,
    latencyP50Ms: 120,
    latencySigma: 0.5,
    errorRate5xx: 0.001,
    errorRate4xx: 0.01,
    redirectRate3xx: 0,
    noise: 0.2,
    events: [],
    seed,
  };
}

/** A service shell at generation 0, not yet in the project; `updateService` fills in the body. */
export function missingServiceShell(
  project: SandboxProject,
  location: string,
  serviceId: string,
  now: number,
): SandboxRunService {
  return {
    projectId: project.projectId,
    region: location,
    name: serviceId,
    resource: {
      ...outputOnlyFields(project.projectId, location, serviceId, now),
      generation: '0',
      observedGeneration: '0',
    },
    history: [],
    traffic: quietTrafficProfile(project.services.size + 1),
  };
}
