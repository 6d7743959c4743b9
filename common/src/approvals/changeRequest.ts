import { z } from 'zod';
import type { ChangeKind } from '../permissions/permissions';
import type { FieldChange } from '../types/api';
import type { ChangeRecord } from '../history/history';

/** Where a change request is: waiting, decided, or approved but refused at apply (stale guard, Google error). */
export type ChangeRequestStatus = 'open' | 'approved' | 'rejected' | 'failed';

/** The approval side of a preview: whether applying it will make a change request, and why. */
export interface ApprovalRequirement {
  required: boolean;
  /** One sentence per rule that holds, e.g. "worst-case cost up $3.40/hour, over the $1.00/hour …". */
  reasons: string[];
}

/**
 * A change that waits for a second person (docs/approvals.md): the apply request as sent (change,
 * etag, acknowledged warnings) and the preview exactly as the requester saw it, frozen.
 */
export interface ChangeRequest {
  id: string;
  kind: ChangeKind;
  /** Full resource name, as history keys it. */
  resource: string;
  /** Project of the resource; null for billing-account resources (budgets). */
  projectId: string | null;
  /** Projects whose history and request list show it. */
  projects: string[];
  /** API path of the resource's edit routes, e.g. `/projects/p/locations/r/services/s/scaling`. */
  path: string;
  change: unknown;
  /** The guard read at preview; the approval applies under it, so a resource that moved since fails. */
  etag: string;
  acknowledgedWarnings: string[];
  /** The preview body at request time (the kind's preview shape). */
  preview: unknown;
  reasons: string[];
  requestedBy: string;
  /** ISO 8601. */
  requestedAt: string;
  status: ChangeRequestStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
  /** Why it failed (status `failed`), or the outcome note of the apply. */
  outcome: string | null;
  /** History entry of the apply made on approval. */
  changeId: string | null;
}

/** `GET /change-requests/:id`: the request, and the resource now against then. */
export interface ChangeRequestView {
  request: ChangeRequest;
  /** A fresh preview of the same change now (open requests), null when it could not be made (`nowError`). */
  now: unknown | null;
  nowError?: string;
  /** The resource's settings then (at request) → now; empty when nothing moved. */
  changedSince: FieldChange[];
  /** True when the guard moved: approval would fail, nothing would be overwritten. */
  stale: boolean;
}

/** `GET /change-requests`: newest first, with the number still open (the navigation's count). */
export interface ChangeRequestList {
  requests: ChangeRequest[];
  openCount: number;
}

/** 202 body of an apply that the approval policy turned into a change request. */
export interface ApprovalRequested {
  outcome: 'approval-requested';
  changeRequest: ChangeRequest;
  message: string;
}

/** True for the 202 "change request made" answer of an apply. */
export function isApprovalRequested(
  answer: unknown,
): answer is ApprovalRequested {
  return (
    typeof answer === 'object' &&
    answer !== null &&
    (answer as { outcome?: unknown }).outcome === 'approval-requested'
  );
}

/** Answer of approve: the request as decided and, when the apply went through, its history entry. */
export interface ChangeRequestDecision {
  request: ChangeRequest;
  change?: ChangeRecord;
}

/** Body of POST /change-requests/:id/approve. */
export const approveRequestSchema = z
  .object({ comment: z.string().trim().max(2000).default('') })
  .strict();

/** Body of POST /change-requests/:id/reject: a reason is required. */
export const rejectRequestSchema = z
  .object({
    comment: z
      .string({ required_error: 'say why the change is rejected' })
      .trim()
      .min(1, 'say why the change is rejected')
      .max(2000),
  })
  .strict();

/** Query of GET /change-requests. */
export const changeRequestQuerySchema = z
  .object({
    status: z
      .enum(['open', 'approved', 'rejected', 'failed', 'all'])
      .default('all'),
    projectId: z.string().min(1).max(64).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/** Path params of one request. */
export const changeRequestParamsSchema = z
  .object({ id: z.string().uuid('must be a change request id') })
  .strict();
