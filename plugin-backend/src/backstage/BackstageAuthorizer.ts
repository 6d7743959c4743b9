import type { Request } from 'express';
import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CHANGE_KINDS,
  NotAllowedError,
  changePermissions,
  gcpServerlessApprovePermission,
  gcpServerlessReadPermission,
  type AccessSummary,
  type ChangeKind,
  type OwnedResourceRef,
  type PermissionState,
} from '@gcp-serverless/common';
import type {
  RequestAuthorizer,
  RequestIdentity,
} from '../access/RequestAuthorizer';

/** Finds the catalog entity that claims a Google resource through its annotations. */
export interface EntityResolver {
  /** Entity ref such as `component:default/gryd-be`, or undefined when no entity claims the resource. */
  entityOf(
    resource: OwnedResourceRef,
    credentials: BackstageCredentials,
  ): Promise<string | undefined>;
}

/**
 * Authorization inside Backstage: the identity from `httpAuth`, decisions from the permission
 * framework. Update permissions are resource permissions on the catalog entity that claims the
 * Google resource, so owner-based policies work; a resource no entity claims is allowed only by an
 * unconditional ALLOW (an owner condition cannot hold for a resource without an owner).
 */
export class BackstageAuthorizer implements RequestAuthorizer {
  private readonly deps: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    entities: EntityResolver;
  };

  constructor(deps: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    entities: EntityResolver;
  }) {
    this.deps = deps;
  }

  async identify(req: Request): Promise<RequestIdentity> {
    const credentials = await this.deps.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const p = credentials.principal as {
      type: string;
      userEntityRef?: string;
      subject?: string;
    };
    const user =
      p.type === 'user'
        ? p.userEntityRef!
        : `service:${p.subject ?? 'unknown'}`;
    return { user, context: credentials };
  }

  async authorizeRead(identity: RequestIdentity): Promise<void> {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: gcpServerlessReadPermission }],
      { credentials: creds(identity) },
    );
    if (decision?.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError(
        `Not allowed: ${gcpServerlessReadPermission.name} denied`,
      );
  }

  async authorizeChange(
    identity: RequestIdentity,
    kind: ChangeKind,
    resource: OwnedResourceRef,
  ): Promise<void> {
    const permission = changePermissions[kind];
    const credentials = creds(identity);
    // Ask without a resource first: most policies decide outright, and then the catalog is not queried.
    const [outright] = await this.deps.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (outright?.result === AuthorizeResult.ALLOW) return;
    if (outright?.result !== AuthorizeResult.CONDITIONAL)
      throw new NotAllowedError(
        `Not allowed to change ${kind}: ${permission.name} denied`,
      );
    const entityRef = await this.deps.entities.entityOf(resource, credentials);
    if (!entityRef) {
      throw new NotAllowedError(
        `Not allowed to change ${kind}: ${permission.name} is conditional and no catalog entity claims this resource, so no owner condition can hold`,
      );
    }
    const [decision] = await this.deps.permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision?.result === AuthorizeResult.ALLOW) return;
    throw new NotAllowedError(
      `Not allowed to change ${kind} of ${entityRef}: ${permission.name} denied`,
    );
  }

  async authorizeApproval(identity: RequestIdentity): Promise<void> {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: gcpServerlessApprovePermission }],
      { credentials: creds(identity) },
    );
    if (decision?.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError(
        `Not allowed to approve change requests: ${gcpServerlessApprovePermission.name} denied`,
      );
  }

  async summarize(identity: RequestIdentity): Promise<AccessSummary> {
    const credentials = creds(identity);
    const [read, approve] = await this.deps.permissions.authorize(
      [
        { permission: gcpServerlessReadPermission },
        { permission: gcpServerlessApprovePermission },
      ],
      { credentials },
    );
    const decisions = await this.deps.permissions.authorizeConditional(
      CHANGE_KINDS.map(kind => ({ permission: changePermissions[kind] })),
      { credentials },
    );
    const changes = Object.fromEntries(
      CHANGE_KINDS.map((kind, i): [ChangeKind, PermissionState] => {
        const result = decisions[i]?.result;
        if (result === AuthorizeResult.ALLOW)
          return [kind, { verdict: 'allow' }];
        if (result === AuthorizeResult.CONDITIONAL)
          return [
            kind,
            {
              verdict: 'conditional',
              reason: 'depends on the catalog entity that owns the resource',
            },
          ];
        return [
          kind,
          {
            verdict: 'deny',
            reason: `your permission policy denies ${changePermissions[kind].name}`,
          },
        ];
      }),
    ) as Record<ChangeKind, PermissionState>;
    return {
      system: 'backstage',
      user: identity.user,
      read:
        read?.result === AuthorizeResult.ALLOW
          ? { verdict: 'allow' }
          : {
              verdict: 'deny',
              reason: `your permission policy denies ${gcpServerlessReadPermission.name}`,
            },
      changes,
      approve:
        approve?.result === AuthorizeResult.ALLOW
          ? { verdict: 'allow' }
          : {
              verdict: 'deny',
              reason: `your permission policy denies ${gcpServerlessApprovePermission.name}`,
            },
    };
  }
}

function creds(identity: RequestIdentity): BackstageCredentials {
  return identity.context as BackstageCredentials;
}
