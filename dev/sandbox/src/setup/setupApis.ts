/**
 * The two Google APIs the doctor asks, as the official clients call them with `fallback: true`:
 * Cloud Resource Manager v3 (`GET /v3/projects/P`, `POST /v3/projects/P:testIamPermissions` with
 * `{permissions[]}`) and Service Usage v1 (`GET /v1/projects/P/services:batchGet?names=…`). A
 * project outside the world, or listed as unknown, is one Google cannot show (403).
 */
import type {
  SandboxApi,
  SandboxApiDeps,
  SandboxRequest,
  SandboxRoute,
} from '../api';
import { GoogleApiError, invalidArgument } from '../googleError';
import { serviceTitle, type SetupFailures } from './setupFailures';

const PROJECT = /^\/v3\/projects\/([^/:]+)$/;
const TEST_PERMISSIONS = /^\/v3\/projects\/([^/:]+):testIamPermissions$/;
const BATCH_GET = /^\/v1\/projects\/([^/:]+)\/services:batchGet$/;

function unknownProject(): GoogleApiError {
  return new GoogleApiError(
    403,
    'PERMISSION_DENIED',
    'The caller does not have permission',
  );
}

/** Cloud Resource Manager v3 projects get / testIamPermissions; method keys `resourcemanager.projects.*`. */
export function createResourceManagerApi(
  deps: SandboxApiDeps,
  failures: SetupFailures,
): SandboxApi {
  const known = (projectId: string) =>
    deps.world.projects.has(projectId) && !failures.isUnknownProject(projectId);
  const route = (method: string, handle: () => unknown): SandboxRoute => ({
    method,
    handle: () => ({ status: 200, body: handle() }),
  });

  function match(request: SandboxRequest): SandboxRoute | null {
    let m = PROJECT.exec(request.path);
    if (m && request.method === 'GET') {
      const projectId = decodeURIComponent(m[1]!);
      return route('resourcemanager.projects.get', () => {
        if (!known(projectId)) throw unknownProject();
        return {
          name: `projects/${projectId}`,
          projectId,
          displayName: projectId,
          state: 'ACTIVE',
          parent: 'organizations/0',
        };
      });
    }
    m = TEST_PERMISSIONS.exec(request.path);
    if (m && request.method === 'POST') {
      const projectId = decodeURIComponent(m[1]!);
      return route('resourcemanager.projects.testIamPermissions', () => {
        if (!known(projectId)) throw unknownProject();
        const asked = (request.body as { permissions?: unknown } | undefined)
          ?.permissions;
        if (!Array.isArray(asked) || asked.some(p => typeof p !== 'string')) {
          throw invalidArgument(
            'permissions must be a list of permission names',
            [{ field: 'permissions', description: 'a list of strings' }],
          );
        }
        // Google answers only the held subset; an empty answer omits the field.
        const held = failures.held(projectId, asked as string[]);
        return held.length ? { permissions: held } : {};
      });
    }
    return null;
  }
  return { name: 'resourcemanager', match };
}

/** Service Usage v1 services.batchGet; method key `serviceusage.services.batchGet`. */
export function createServiceUsageApi(
  deps: SandboxApiDeps,
  failures: SetupFailures,
): SandboxApi {
  function match(request: SandboxRequest): SandboxRoute | null {
    const m = BATCH_GET.exec(request.path);
    if (!m || request.method !== 'GET') return null;
    const projectId = decodeURIComponent(m[1]!);
    return {
      method: 'serviceusage.services.batchGet',
      handle: () => {
        if (
          !deps.world.projects.has(projectId) ||
          failures.isUnknownProject(projectId)
        )
          throw unknownProject();
        const names = request.query.getAll('names');
        if (names.length > 30)
          throw invalidArgument('at most 30 names per batchGet', [
            { field: 'names', description: 'at most 30' },
          ]);
        const services = names.map(name => {
          const service = name.split('/').pop() ?? '';
          return {
            name,
            parent: `projects/${projectId}`,
            config: { name: service, title: serviceTitle(service) ?? service },
            state: failures.isDisabled(projectId, service)
              ? 'DISABLED'
              : 'ENABLED',
          };
        });
        return { status: 200, body: { services } };
      },
    };
  }
  return { name: 'serviceusage', match };
}
