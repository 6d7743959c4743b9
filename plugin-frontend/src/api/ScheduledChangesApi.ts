import type {
  ScheduleRequest,
  ScalingChange,
  ScheduledChange,
  ScheduledChangesResponse,
} from '@gcp-serverless/common';
import type { RequestOptions, ServiceRef } from './GcpServerlessApi';

/**
 * Changes scheduled for a window (docs/scheduled-changes.md), the part of {@link GcpServerlessApi}
 * the project's calendar uses. Scheduling takes an apply's body plus the window; a stale etag rejects
 * with `ConflictError`, a bad window with `InputError` naming `window.*`.
 */
export interface ScheduledChangesApi {
  /** `GET /projects/:projectId/scheduledChanges?from&to`: windows overlapping the range (ISO 8601; default the 7 days from the backend's now). */
  listScheduledChanges(
    projectId: string,
    range: { from: string; to: string } | undefined,
    options?: RequestOptions,
  ): Promise<ScheduledChangesResponse>;
  /** `POST …/services/:service/scaling/schedule`. */
  scheduleScaling(
    ref: ServiceRef,
    request: ScheduleRequest<ScalingChange>,
    options?: RequestOptions,
  ): Promise<ScheduledChange>;
  /** `POST …/scaling/schedule/:id/cancel` (or the queue's): cancels a window that has not started. */
  cancelScheduledChange(
    entry: Pick<ScheduledChange, 'id' | 'kind' | 'ref'>,
    options?: RequestOptions,
  ): Promise<ScheduledChange>;
}
