import type { Request } from 'express';
import {
  CHANGE_KINDS,
  NotAllowedError,
  ROLE_GRANTS,
  STANDALONE_ROLES,
  changePermissions,
  gcpServerlessApprovePermission,
  type AccessSummary,
  type ChangeKind,
  type PermissionState,
  type StandaloneRole,
} from '@gcp-serverless/common';
import type { AccessConfig } from '../config/accessConfig';
import type { GcpServerlessConfig } from '../config/config';
import { IapVerifier, type IapPublicKeys } from './IapVerifier';
import type { RequestAuthorizer, RequestIdentity } from './RequestAuthorizer';

/** The default in sandbox mode without `access`: one local user with every role, as `npm start` always worked. */
export const SANDBOX_DEFAULT_ACCESS: AccessConfig = {
  identity: { type: 'local', user: 'sandbox-user@localhost' },
  roles: { viewer: [], editor: ['*'], finance: ['*'], approver: [] },
};

/**
 * Standalone access control: the identity from Identity-Aware Proxy (verified) or a configured local
 * user, and roles from config. Against Google Cloud the local user is the workstation setup (one's
 * own credentials, one's own edits): it is given only to requests from this machine's loopback that
 * no proxy forwarded, so a portal reachable from elsewhere identifies nobody else as that user. Every role reads; editor changes scaling, routing,
 * CDN, queues and Redis; finance changes budgets. In gcp mode without `access` nobody is identified
 * and nobody may change anything.
 */
export class StandaloneAuthorizer implements RequestAuthorizer {
  private readonly iap?: IapVerifier;
  private readonly access: AccessConfig | undefined;
  private readonly loopbackOnly: boolean;

  constructor(
    access: AccessConfig | undefined,
    options: {
      iapPublicKeys?: () => Promise<IapPublicKeys>;
      localUserOnLoopbackOnly?: boolean;
    } = {},
  ) {
    this.access = access;
    this.loopbackOnly = options.localUserOnLoopbackOnly ?? false;
    if (access?.identity.type === 'iap') {
      this.iap = new IapVerifier({
        audience: access.identity.audience,
        ...(options.iapPublicKeys ? { publicKeys: options.iapPublicKeys } : {}),
      });
    }
  }

  /** Builds it from the plugin config; in gcp mode a local user is recognised on loopback only. */
  static fromConfig(
    config: GcpServerlessConfig,
    options: { iapPublicKeys?: () => Promise<IapPublicKeys> } = {},
  ): StandaloneAuthorizer {
    const access =
      config.access ??
      (config.mode === 'sandbox' ? SANDBOX_DEFAULT_ACCESS : undefined);
    return new StandaloneAuthorizer(access, {
      ...options,
      localUserOnLoopbackOnly: config.mode === 'gcp',
    });
  }

  async identify(req: Request): Promise<RequestIdentity> {
    if (!this.access) return { user: null };
    if (this.access.identity.type === 'local') {
      return {
        user:
          !this.loopbackOnly || isDirectLoopbackRequest(req)
            ? this.access.identity.user
            : null,
      };
    }
    return { user: await this.iap!.verify(req) };
  }

  async authorizeRead(identity: RequestIdentity): Promise<void> {
    const state = this.readState(identity);
    if (state.verdict !== 'allow')
      throw new NotAllowedError(`Not allowed to read: ${state.reason}`);
  }

  async authorizeChange(
    identity: RequestIdentity,
    kind: ChangeKind,
  ): Promise<void> {
    const state = this.changeState(identity, kind);
    if (state.verdict !== 'allow')
      throw new NotAllowedError(
        `Not allowed to change ${kind}: ${state.reason}`,
      );
  }

  async authorizeApproval(identity: RequestIdentity): Promise<void> {
    const state = this.approveState(identity);
    if (state.verdict !== 'allow')
      throw new NotAllowedError(
        `Not allowed to approve change requests: ${state.reason}`,
      );
  }

  async summarize(identity: RequestIdentity): Promise<AccessSummary> {
    const changes = Object.fromEntries(
      CHANGE_KINDS.map(kind => [kind, this.changeState(identity, kind)]),
    ) as Record<ChangeKind, PermissionState>;
    return {
      system: 'standalone',
      user: identity.user,
      roles: this.rolesOf(identity.user),
      read: this.readState(identity),
      changes,
      approve: this.approveState(identity),
    };
  }

  /** Roles of a user: listed by email or `*`. */
  rolesOf(user: string | null): StandaloneRole[] {
    if (!user || !this.access) return [];
    const email = user.toLowerCase();
    return STANDALONE_ROLES.filter(role =>
      this.access!.roles[role].some(
        m => m === '*' || m.toLowerCase() === email,
      ),
    );
  }

  private readState(identity: RequestIdentity): PermissionState {
    if (!this.access)
      return {
        verdict: 'allow',
        reason: 'no access control configured: read-only for everyone',
      };
    return this.rolesOf(identity.user).length > 0
      ? { verdict: 'allow' }
      : {
          verdict: 'deny',
          reason: `${
            identity.user ?? 'this user'
          } has no role (viewer, editor or finance) in gcpServerless.access.roles`,
        };
  }

  private approveState(identity: RequestIdentity): PermissionState {
    if (this.access && this.rolesOf(identity.user).includes('approver'))
      return { verdict: 'allow' };
    return {
      verdict: 'deny',
      reason: `needs the approver role (${gcpServerlessApprovePermission.name})`,
    };
  }

  private changeState(
    identity: RequestIdentity,
    kind: ChangeKind,
  ): PermissionState {
    const role = ROLE_GRANTS[kind];
    if (!this.access)
      return {
        verdict: 'deny',
        reason: `needs the ${role} role; configure gcpServerless.access to allow edits`,
      };
    if (this.rolesOf(identity.user).includes(role)) return { verdict: 'allow' };
    return {
      verdict: 'deny',
      reason: `needs the ${role} role (${changePermissions[kind].name})`,
    };
  }
}

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** A request from this machine that no proxy forwarded (a proxy on the same machine would add its headers). */
function isDirectLoopbackRequest(req: Request): boolean {
  const forwarded =
    req.headers['x-forwarded-for'] !== undefined ||
    req.headers.forwarded !== undefined;
  return !forwarded && LOOPBACK_ADDRESSES.has(req.socket?.remoteAddress ?? '');
}
