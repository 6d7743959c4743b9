import { GoogleApiError } from '../googleError';
import type { SandboxProject } from '../world';

/**
 * Cloud Run allows at most 1,000 services per region and project, a limit that cannot be raised
 * (docs/google-apis.md §3). Fleets beyond it are spread over regions (or projects), never packed into one.
 */
export const MAX_SERVICES_PER_REGION = 1000;

/** Services of `project` in `region`. */
export function servicesInRegion(
  project: SandboxProject,
  region: string,
): number {
  let count = 0;
  for (const service of project.services.values())
    if (service.region === region) count++;
  return count;
}

/**
 * Throws when creating one more service in `region` would pass the limit. Google's exact answer is
 * unverified; the sandbox answers 429 RESOURCE_EXHAUSTED, the status of quota errors.
 */
export function checkServiceQuota(
  project: SandboxProject,
  region: string,
): void {
  if (servicesInRegion(project, region) < MAX_SERVICES_PER_REGION) return;
  throw new GoogleApiError(
    429,
    'RESOURCE_EXHAUSTED',
    `Quota exceeded: project ${project.projectId} already has ${MAX_SERVICES_PER_REGION} services in ${region}, ` +
      `the maximum per project and region. Create the service in another region or project.`,
  );
}
