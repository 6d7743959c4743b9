/**
 * What the compute handlers share, and the lookups every handler starts with.
 */
import type { SandboxClock, SandboxProject, SandboxWorld } from '../world';
import { notFound } from '../googleError';
import { createComputeState } from './computeState';
import type { ComputeOperationStore } from './computeOperations';
import type { SandboxComputeState } from './computeTypes';

export interface ComputeContext {
  world: SandboxWorld;
  clock: SandboxClock;
  operations: ComputeOperationStore;
}

/** The project, or 404 as compute answers for a project the caller cannot see. */
export function requireComputeProject(
  world: SandboxWorld,
  projectId: string,
): SandboxProject {
  const project = world.projects.get(projectId);
  if (!project)
    throw notFound(`The resource 'projects/${projectId}' was not found`);
  return project;
}

/**
 * The project's compute state. A project without load balancers gets an empty state on first use
 * (lists answer empty; inserts work), with no traffic attached.
 */
export function computeOf(
  ctx: ComputeContext,
  projectId: string,
): SandboxComputeState {
  const project = requireComputeProject(ctx.world, projectId);
  project.compute ??= createComputeState(
    {
      urlMaps: new Map(),
      backendServices: new Map(),
      backendBuckets: new Map(),
      networkEndpointGroups: new Map(),
    },
    [],
    ctx.clock.now(),
  );
  return project.compute;
}
