import { z } from 'zod';
import { CHANGE_KINDS, type ChangeKind } from '../permissions/permissions';

/**
 * Outcome of one change attempt. `pending`: Google accepted the write but it was not confirmed within
 * the deadline; the reconciler re-reads the resource and settles the entry as `succeeded` or `failed`.
 */
export type ChangeResult = 'succeeded' | 'conflict' | 'failed' | 'pending';

/**
 * One applied or failed change as the history stores it: who, when, what resource, before, after,
 * result and the Google operation id.
 */
export interface ChangeRecord {
  /** Stable id (UUID) of the entry. */
  id: string;
  /** ISO 8601 time of the attempt. */
  time: string;
  /** Identity of the user (email or Backstage user entity ref). */
  actor: string;
  /** Kind of change, e.g. `scaling`. */
  kind: ChangeKind;
  /** Action, e.g. `scaling.apply`. */
  action: string;
  /** Google Cloud project the resource lives in; null for billing-account resources. */
  projectId: string | null;
  /**
   * Every project whose history lists the entry: the resource's project, or the projects a budget
   * covers (all allowlisted ones for a budget of the whole billing account).
   */
  projects?: string[];
  /** Full resource name, e.g. `projects/P/locations/L/services/S`. */
  resource: string;
  /** Values before the change (shape depends on the kind; scaling: `ScalingSettings`). */
  before: unknown;
  /** Values requested by the change (same shape as `before`). */
  after: unknown;
  result: ChangeResult;
  /** Google long-running operation name, when one was started. */
  operation: string | null;
  /** Error message of a conflict or failure. */
  error: string | null;
  /** Why the change was made or decided: the approval request, approval or rejection with its comment (docs/approvals.md). */
  note?: string | null;
}

/** `GET /projects/:projectId/history`: newest first, one page of the entries that pass the filters. */
export interface ChangeHistoryResponse {
  projectId: string;
  /** The resource filter, when one was given. */
  resource: string | null;
  /** The kind and person filters in force (applied by the server to the whole history, not to a page). */
  filters: { kind: ChangeKind | null; actor: string | null };
  entries: ChangeRecord[];
  /** Pass as `cursor` for the next (older) page; null when this page is the last. */
  nextCursor: string | null;
  /**
   * Every kind of change and every person in the project's (or resource's) whole history, whatever the
   * filters: the choices of the filter selects, which a page of entries alone could not give.
   */
  facets: { kinds: ChangeKind[]; actors: string[] };
}

/**
 * Query of the history routes (newest first): an optional full resource name, a kind of change and a
 * person (both applied by the server over the whole history), a page size, and the `nextCursor` of the
 * page before.
 */
export const historyQuerySchema = z
  .object({
    resource: z.string().min(1).max(400).optional(),
    kind: z
      .enum(CHANGE_KINDS, {
        errorMap: () => ({
          message: `kind must be one of ${CHANGE_KINDS.join(', ')}`,
        }),
      })
      .optional(),
    actor: z.string().min(1).max(320).optional(),
    cursor: z.string().min(1).max(600).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export type HistoryQuery = z.infer<typeof historyQuerySchema>;
