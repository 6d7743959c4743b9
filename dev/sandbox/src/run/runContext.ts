import type protobuf from 'protobufjs';
import { notFound } from '../googleError';
import { messageType, runProtoRoot } from '../protoJson';
import type {
  SandboxClock,
  SandboxProject,
  SandboxRunService,
  SandboxWorld,
} from '../world';
import type { OperationStore } from './operationStore';

/** What the Run API handlers share. */
export interface RunContext {
  world: SandboxWorld;
  clock: SandboxClock;
  operations: OperationStore;
  /** `google.cloud.run.v2.Service` from the protos shipped in `@google-cloud/run`. */
  serviceType: protobuf.Type;
}

/** The Service message type of the installed `@google-cloud/run` client. */
export function runServiceType(): protobuf.Type {
  return messageType(runProtoRoot(), 'google.cloud.run.v2.Service');
}

/** The project, or 404 NOT_FOUND as Google answers for a project the caller cannot see. */
export function requireProject(
  world: SandboxWorld,
  projectId: string,
): SandboxProject {
  const project = world.projects.get(projectId);
  if (!project)
    throw notFound(`Project '${projectId}' not found or permission denied.`);
  return project;
}

/** The service `projects/P/locations/L/services/S`, or undefined when it does not exist in that region. */
export function findService(
  project: SandboxProject,
  location: string,
  serviceId: string,
): SandboxRunService | undefined {
  const service = project.services.get(serviceId);
  return service && service.region === location ? service : undefined;
}

/** The service, or 404 NOT_FOUND naming the resource. */
export function requireService(
  world: SandboxWorld,
  projectId: string,
  location: string,
  serviceId: string,
): SandboxRunService {
  const service = findService(
    requireProject(world, projectId),
    location,
    serviceId,
  );
  if (!service) {
    throw notFound(
      `Resource 'projects/${projectId}/locations/${location}/services/${serviceId}' was not found`,
    );
  }
  return service;
}
