import type {
  SandboxApi,
  SandboxApiDeps,
  SandboxRequest,
  SandboxRoute,
} from '../api';
import { GoogleApiError, notFound } from '../googleError';
import { decodePathSegments } from '../pathSegments';
import { messageType, runProtoRoot } from '../protoJson';
import { getService, listServices } from './listServices';
import { OperationStore } from './operationStore';
import { runServiceType, type RunContext } from './runContext';
import { updateService } from './updateService';

/** Options of the Run API emulation. */
export interface RunApiOptions {
  /** Real milliseconds before a started operation reports done (default 300). */
  operationDelayMs?: number;
}

/** The Run API with its operation store, which `reset` must clear. */
export interface RunApi extends SandboxApi {
  operations: OperationStore;
}

const SEGMENT = '([^/]+)';
const SERVICES = new RegExp(
  `^/v2/projects/${SEGMENT}/locations/${SEGMENT}/services$`,
);
const SERVICE = new RegExp(
  `^/v2/projects/${SEGMENT}/locations/${SEGMENT}/services/${SEGMENT}$`,
);
const OPERATION = new RegExp(
  `^/v2/projects/${SEGMENT}/locations/${SEGMENT}/operations/${SEGMENT}$`,
);

const isTrue = (value: string | null) => value === 'true' || value === '1';

/**
 * Cloud Run Admin API v2 (services list/get/patch, operations get) as the official
 * `@google-cloud/run` ServicesClient calls it with `fallback: true`:
 * `GET /v2/projects/P/locations/L/services?pageSize=N&pageToken=T&$alt=json;enum-encoding=int`,
 * `PATCH /v2/projects/P/locations/L/services/S?updateMask=a.b,c&validateOnly=true&allowMissing=false&$alt=…`,
 * `GET /v2/projects/P/locations/L/operations/ID` (polled by `op.promise()`, no `$alt`).
 */
export function createRunApi(
  deps: SandboxApiDeps,
  options: RunApiOptions = {},
): RunApi {
  const operations = new OperationStore(options.operationDelayMs ?? 300);
  const ctx: RunContext = {
    ...deps,
    operations,
    serviceType: runServiceType(),
  };
  const route = (
    method: string,
    handle: () => unknown,
    responseMessage?: string,
  ): SandboxRoute => ({
    method,
    handle: () => {
      operations.settle();
      return { status: 200, body: handle() };
    },
    responseType: responseMessage
      ? () => messageType(runProtoRoot(), responseMessage)
      : undefined,
  });

  function match(request: SandboxRequest): SandboxRoute | null {
    if (!request.path.startsWith('/v2/projects/')) return null;
    // Clients escape e.g. `-`; a malformed escape is 400 INVALID_ARGUMENT rather than "no API".
    const path = decodePathSegments(request.path);
    let m = SERVICES.exec(path);
    if (m && request.method === 'GET')
      return route(
        'run.services.list',
        () => listServices(ctx, m![1]!, m![2]!, request.query),
        'google.cloud.run.v2.ListServicesResponse',
      );
    m = SERVICE.exec(path);
    if (m && request.method === 'GET')
      return route(
        'run.services.get',
        () => getService(ctx, m![1]!, m![2]!, m![3]!),
        'google.cloud.run.v2.Service',
      );
    if (m && request.method === 'PATCH') {
      const validateOnly = isTrue(
        request.query.get('validateOnly') ?? request.query.get('validate_only'),
      );
      return route(
        validateOnly ? 'run.services.patch.validateOnly' : 'run.services.patch',
        () =>
          updateService(ctx, {
            projectId: m![1]!,
            location: m![2]!,
            serviceId: m![3]!,
            body: request.body,
            validateOnly,
            updateMask:
              request.query.get('updateMask') ??
              request.query.get('update_mask'),
            allowMissing: isTrue(
              request.query.get('allowMissing') ??
                request.query.get('allow_missing'),
            ),
          }),
        'google.longrunning.Operation',
      );
    }
    m = OPERATION.exec(path);
    if (m && request.method === 'GET') {
      return route(
        'run.operations.get',
        () => {
          const op = operations.get(
            `projects/${m![1]}/locations/${m![2]}/operations/${m![3]}`,
          );
          if (!op)
            throw notFound(
              `Operation 'projects/${m![1]}/locations/${m![2]}/operations/${
                m![3]
              }' was not found`,
            );
          return op;
        },
        'google.longrunning.Operation',
      );
    }
    if (SERVICES.test(path) || SERVICE.test(path) || OPERATION.test(path)) {
      return route('run.unimplemented', () => {
        throw new GoogleApiError(
          501,
          'UNIMPLEMENTED',
          `The sandbox does not emulate ${request.method} ${request.path}`,
        );
      });
    }
    return null;
  }

  return { name: 'run', match, operations };
}
