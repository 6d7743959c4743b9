/**
 * The four things every real user meets first, played as Google plays them, so that the doctor and
 * the setup page are tested end to end with the official clients (docs/sandbox.md#setup-failures):
 * missing credentials (401 UNAUTHENTICATED), a disabled API (403 with a SERVICE_DISABLED ErrorInfo
 * carrying the activation URL, docs/google-apis.md §1), a permission not held (403 naming it;
 * testIamPermissions answers the subset held) and an unknown project (403 "or it may not exist").
 */
import { z } from 'zod';
import type { SandboxRequest } from '../api';
import { GoogleApiError } from '../googleError';

/** What to break; every part optional. Set at start, by CLI flag or through `PUT /_sandbox/setup-failures`. */
export const setupFailureSpecSchema = z
  .object({
    /** `missing`: every Google API call answers 401, as without an access token. */
    credentials: z.enum(['present', 'missing']).optional(),
    /** APIs disabled in a project, by service name (`run.googleapis.com`). */
    disabledApis: z
      .array(
        z
          .object({
            projectId: z.string().min(1),
            service: z
              .string()
              .regex(
                /^[a-z0-9.-]+\.googleapis\.com$/,
                'must be a service name such as run.googleapis.com',
              ),
          })
          .strict(),
      )
      .optional(),
    /** IAM permissions the caller does not hold on a project (or billing account id). */
    deniedPermissions: z
      .array(
        z
          .object({
            projectId: z.string().min(1),
            permission: z
              .string()
              .regex(
                /^[a-zA-Z]+\.[a-zA-Z.]+$/,
                'must be a permission such as run.services.list',
              ),
          })
          .strict(),
      )
      .optional(),
    /** Project ids that do not exist (every API answers as Google does for a project it cannot see). */
    unknownProjects: z.array(z.string().min(1)).optional(),
  })
  .strict();

export type SetupFailureSpec = z.infer<typeof setupFailureSpecSchema>;

/** Service name of each sandbox API (the `api` of fault rules). */
const SERVICE_OF_API: Record<string, { service: string; title: string }> = {
  run: { service: 'run.googleapis.com', title: 'Cloud Run Admin API' },
  monitoring: {
    service: 'monitoring.googleapis.com',
    title: 'Cloud Monitoring API',
  },
  compute: { service: 'compute.googleapis.com', title: 'Compute Engine API' },
  tasks: { service: 'cloudtasks.googleapis.com', title: 'Cloud Tasks API' },
  logging: { service: 'logging.googleapis.com', title: 'Cloud Logging API' },
  redis: {
    service: 'redis.googleapis.com',
    title: 'Google Cloud Memorystore for Redis API',
  },
  billingbudgets: {
    service: 'billingbudgets.googleapis.com',
    title: 'Cloud Billing Budget API',
  },
  cloudbilling: {
    service: 'cloudbilling.googleapis.com',
    title: 'Cloud Billing API',
  },
  bigquery: { service: 'bigquery.googleapis.com', title: 'BigQuery API' },
  resourcemanager: {
    service: 'cloudresourcemanager.googleapis.com',
    title: 'Cloud Resource Manager API',
  },
  serviceusage: {
    service: 'serviceusage.googleapis.com',
    title: 'Service Usage API',
  },
};

/** The `api` names of the sandbox's APIs (fault rules, docs/sandbox.md's table), one per Google API it serves. */
export const SANDBOX_API_NAMES: readonly string[] = Object.keys(SERVICE_OF_API);

/** Titles of the services the sandbox knows, for Service Usage answers. */
export function serviceTitle(service: string): string | undefined {
  return Object.values(SERVICE_OF_API).find(s => s.service === service)?.title;
}

/**
 * The IAM permission a sandbox method key needs, as Google names it (`tasks.queues.patch` →
 * `cloudtasks.queues.update`); undefined for calls that need none (testIamPermissions, the Catalog).
 */
export function permissionOfMethod(method: string): string | undefined {
  if (
    method.endsWith('.unimplemented') ||
    method.startsWith('cloudbilling.') ||
    method === 'resourcemanager.projects.testIamPermissions'
  )
    return undefined;
  if (
    /^compute\.(global|region)NetworkEndpointGroups|^compute\.networkEndpointGroups/.test(
      method,
    )
  )
    return 'compute.networkEndpointGroups.list';
  if (method.startsWith('bigquery.jobs.'))
    return method === 'bigquery.jobs.get'
      ? 'bigquery.jobs.get'
      : 'bigquery.jobs.create';
  if (method === 'serviceusage.services.batchGet')
    return 'serviceusage.services.get';
  return method
    .replace(/\.patch(\.validateOnly)?$/, '.update')
    .replace(
      /^compute\.(urlMaps|backendServices|backendBuckets)\.insert$/,
      'compute.$1.create',
    )
    .replace(/^tasks\./, 'cloudtasks.')
    .replace(/^logging\.entries\.list$/, 'logging.logEntries.list')
    .replace(/^logging\.entries\.write$/, 'logging.logEntries.create')
    .replace(/^billingbudgets\./, 'billing.')
    .replace(
      /^compute\.globalOperations\.wait$/,
      'compute.globalOperations.get',
    );
}

/** The project (or billing account) a request is about: from its path, else from a Logging body. */
export function resourceOfRequest(request: SandboxRequest): string | undefined {
  const inPath = /\/(?:projects|billingAccounts)\/([^/:]+)/.exec(
    request.path,
  )?.[1];
  if (inPath) return decodeURIComponent(inPath);
  const names = (request.body as { resourceNames?: unknown } | undefined)
    ?.resourceNames;
  const first =
    Array.isArray(names) && typeof names[0] === 'string' ? names[0] : undefined;
  return first ? /^projects\/([^/]+)/.exec(first)?.[1] : undefined;
}

export function activationUrlFor(service: string, projectId: string): string {
  return `https://console.developers.google.com/apis/api/${service}/overview?project=${projectId}`;
}

/** The current setup failures and the checks the server runs before every Google API route. */
export class SetupFailures {
  private spec: SetupFailureSpec;
  private readonly initial: SetupFailureSpec;

  constructor(initial: SetupFailureSpec = {}) {
    this.initial = setupFailureSpecSchema.parse(initial);
    this.spec = this.initial;
  }

  get(): SetupFailureSpec {
    return structuredClone(this.spec);
  }

  /** Replaces the failures; throws a ZodError for a bad spec. */
  set(spec: unknown): SetupFailureSpec {
    this.spec = setupFailureSpecSchema.parse(spec ?? {});
    return this.get();
  }

  /** Back to what the sandbox was started with. */
  reset(): void {
    this.spec = this.initial;
  }

  isUnknownProject(projectId: string): boolean {
    return this.spec.unknownProjects?.includes(projectId) ?? false;
  }

  isDisabled(projectId: string, service: string): boolean {
    return (
      this.spec.disabledApis?.some(
        d => d.projectId === projectId && d.service === service,
      ) ?? false
    );
  }

  /** Of `permissions`, those held on the resource. */
  held(resource: string, permissions: readonly string[]): string[] {
    const denied = new Set(
      this.spec.deniedPermissions
        ?.filter(d => d.projectId === resource)
        .map(d => d.permission),
    );
    return permissions.filter(p => !denied.has(p));
  }

  /** Throws the error Google would answer for this call, if any of the failures applies. */
  check(api: string, method: string, request: SandboxRequest): void {
    if (this.spec.credentials === 'missing') {
      throw new GoogleApiError(
        401,
        'UNAUTHENTICATED',
        'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'CREDENTIALS_MISSING',
            domain: 'googleapis.com',
            metadata: { method, service: SERVICE_OF_API[api]?.service ?? api },
          },
        ],
      );
    }
    const resource = resourceOfRequest(request);
    if (!resource) return;
    const permission = permissionOfMethod(method);
    if (this.isUnknownProject(resource)) {
      throw new GoogleApiError(
        403,
        'PERMISSION_DENIED',
        permission
          ? `Permission '${permission}' denied on resource 'projects/${resource}' (or it may not exist).`
          : 'The caller does not have permission',
      );
    }
    const service = SERVICE_OF_API[api];
    if (service && this.isDisabled(resource, service.service)) {
      const url = activationUrlFor(service.service, resource);
      const message = `${service.title} has not been used in project ${resource} before or it is disabled. Enable it by visiting ${url} then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.`;
      throw new GoogleApiError(403, 'PERMISSION_DENIED', message, [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'SERVICE_DISABLED',
          domain: 'googleapis.com',
          metadata: {
            service: service.service,
            serviceTitle: service.title,
            consumer: `projects/${resource}`,
            activationUrl: url,
            containerInfo: resource,
          },
        },
        {
          '@type': 'type.googleapis.com/google.rpc.LocalizedMessage',
          locale: 'en-US',
          message,
        },
        {
          '@type': 'type.googleapis.com/google.rpc.Help',
          links: [
            { description: 'Google developers console API activation', url },
          ],
        },
      ]);
    }
    if (permission && this.held(resource, [permission]).length === 0) {
      throw new GoogleApiError(
        403,
        'PERMISSION_DENIED',
        `Permission '${permission}' denied on resource '${request.path.replace(
          /^\/[^/]+\/(v\d+\/)?/,
          '',
        )}' (or it may not exist).`,
        [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'IAM_PERMISSION_DENIED',
            domain: 'iam.googleapis.com',
            metadata: { permission },
          },
        ],
      );
    }
  }
}
