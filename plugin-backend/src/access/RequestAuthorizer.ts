import type { Request } from 'express';
import type {
  AccessSummary,
  ChangeKind,
  OwnedResourceRef,
} from '@gcp-serverless/common';

/** Who is making a request, as the authorizer established it. */
export interface RequestIdentity {
  /** Email (IAP, local user) or Backstage user entity ref; null = unauthenticated. */
  user: string | null;
  /** Opaque per-system data the authorizer needs again (Backstage credentials). */
  context?: unknown;
}

/**
 * The one authority on who may do what. Standalone: roles from config with IAP or a local user;
 * inside Backstage: the permission framework. The router's guard calls it before any handler, so no
 * handler (and no Google call) runs for a request it refuses. Refusals throw `NotAllowedError` (403).
 */
export interface RequestAuthorizer {
  /** Establishes the identity; throws NotAllowedError when the request carries none that is valid. */
  identify(req: Request): Promise<RequestIdentity>;
  /** Throws NotAllowedError unless the identity may read. */
  authorizeRead(identity: RequestIdentity): Promise<void>;
  /** Throws NotAllowedError unless the identity may apply this kind of change to the resource. */
  authorizeChange(
    identity: RequestIdentity,
    kind: ChangeKind,
    resource: OwnedResourceRef,
  ): Promise<void>;
  /** Throws NotAllowedError unless the identity may approve or reject change requests (docs/approvals.md). */
  authorizeApproval(identity: RequestIdentity): Promise<void>;
  /** What the identity may do, for `GET /me` (the frontend disables the rest and says why). */
  summarize(identity: RequestIdentity): Promise<AccessSummary>;
}

const IDENTITIES = new WeakMap<Request, RequestIdentity>();

/** Remembers the identity of a request for the handlers (audit actor). */
export function rememberIdentity(
  req: Request,
  identity: RequestIdentity,
): void {
  IDENTITIES.set(req, identity);
}

/** The identity the guard established for this request, if it ran. */
export function identityOf(req: Request): RequestIdentity | undefined {
  return IDENTITIES.get(req);
}
