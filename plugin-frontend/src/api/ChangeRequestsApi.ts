import type {
  ChangeRequestDecision,
  ChangeRequestList,
  ChangeRequestStatus,
  ChangeRequestView,
} from '@gcp-serverless/common';

/** Options every call accepts (same shape as GcpServerlessApi's RequestOptions). */
interface CallOptions {
  signal?: AbortSignal;
}

/** The change requests part of {@link GcpServerlessApi} (docs/approvals.md). */
export interface ChangeRequestsApi {
  /** `GET /change-requests?status=&projectId=`: requests newest first, with how many are open. */
  listChangeRequests(
    filter: { status?: ChangeRequestStatus | 'all'; projectId?: string },
    options?: CallOptions,
  ): Promise<ChangeRequestList>;
  /** `GET /change-requests/:id`: the frozen preview, the resource now and what changed since. */
  getChangeRequest(
    id: string,
    options?: CallOptions,
  ): Promise<ChangeRequestView>;
  /** `POST /change-requests/:id/approve`: applies it through the guarded edit (409 when the resource moved). */
  approveChangeRequest(
    id: string,
    comment: string,
    options?: CallOptions,
  ): Promise<ChangeRequestDecision>;
  /** `POST /change-requests/:id/reject`: a comment is required. */
  rejectChangeRequest(
    id: string,
    comment: string,
    options?: CallOptions,
  ): Promise<ChangeRequestDecision>;
}
