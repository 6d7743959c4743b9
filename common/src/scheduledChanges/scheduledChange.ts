import { z } from 'zod';
import {
  acknowledgedWarningsSchema,
  etagSchema,
} from '../edits/guardedApplyRequest';
import type { ChangeWarning, FieldChange } from '../types/api';
import { scheduleWindowSchema, type ScheduleWindow } from './scheduleWindow';

/** Kinds of change that can be scheduled for a window: Cloud Run scaling and Cloud Tasks rate limits. */
export const SCHEDULABLE_KINDS = ['scaling', 'queue'] as const;
export type SchedulableKind = (typeof SCHEDULABLE_KINDS)[number];

/**
 * Body of `POST …/scaling/schedule` (and `…/queues/:queue/schedule`): the kind's change, the etag and
 * acknowledged warnings of its preview — the same as an apply — and the window it is in force.
 */
export function scheduleRequestSchema<C extends z.ZodTypeAny>(change: C) {
  return z
    .object({
      change,
      etag: etagSchema,
      acknowledgedWarnings: acknowledgedWarningsSchema,
      window: scheduleWindowSchema,
    })
    .strict();
}

/** A parsed schedule request. */
export interface ScheduleRequest<Change> {
  change: Change;
  etag: string;
  acknowledgedWarnings: string[];
  window: ScheduleWindow;
}

/**
 * Where a scheduled change stands. `scheduled`: waiting for its start; `starting` / `reverting`: a
 * replica is running that step; `active`: the change is in force until the window's end;
 * `completed`: the window ran (the revert may still have been skipped, see `revert`);
 * `skipped`: the start was skipped (nothing was changed); `failed`: the start failed;
 * `cancelled`: cancelled before it started.
 */
export type ScheduledChangeStatus =
  | 'scheduled'
  | 'starting'
  | 'active'
  | 'reverting'
  | 'completed'
  | 'skipped'
  | 'failed'
  | 'cancelled';

/** One step of a window as it ran: the start (apply the change) or the revert at the end. */
export interface ScheduledRun {
  step: 'start' | 'revert';
  /** ISO 8601 time the step ran (the backend's clock). */
  time: string;
  /** `applied`: confirmed in force; `pending`: submitted, the history settles it; `skipped`: nothing written; `failed`. */
  outcome: 'applied' | 'pending' | 'skipped' | 'failed';
  /** Why a step was skipped or failed, e.g. "max instances was changed since the change was scheduled (100 → 120)". */
  reason: string | null;
  /** The change history entry of the step (apply or skip), when one was written. */
  changeId: string | null;
}

/** A change scheduled for a window, as the calendar lists it. */
export interface ScheduledChange {
  id: string;
  projectId: string;
  kind: SchedulableKind;
  /** Full resource name, e.g. `projects/P/locations/L/services/S`. */
  resource: string;
  /** Route parameters of the resource (`region` and `service` or `queue`). */
  ref: Record<string, string>;
  /** The change in force during the window (the kind's change shape). */
  change: unknown;
  /** The values when it was scheduled; the start is skipped if they changed by then. */
  expected: unknown;
  /** What the change does, as previewed when it was scheduled. */
  diff: FieldChange[];
  /** The preview's warnings when it was scheduled (those needing it were acknowledged). */
  warnings: ChangeWarning[];
  acknowledgedWarnings: string[];
  window: ScheduleWindow;
  /** ISO 8601 instants of the window's start and end. */
  startsAt: string;
  endsAt: string;
  scheduledBy: string;
  /** ISO 8601. */
  scheduledAt: string;
  status: ScheduledChangeStatus;
  start: ScheduledRun | null;
  revert: ScheduledRun | null;
  /** The values the start replaced: what the revert restores. */
  replaced: unknown;
  cancelledBy: string | null;
}

/** `GET /projects/:projectId/scheduledChanges?from&to`: windows overlapping [from, to), by start. */
export interface ScheduledChangesResponse {
  projectId: string;
  /** The backend's clock (ISO 8601): the sandbox's in sandbox mode, so a calendar shows the week the runner lives in. */
  now: string;
  from: string;
  to: string;
  entries: ScheduledChange[];
}

/** Query of the calendar: ISO 8601 instants; default the 7 days from now. */
export const scheduledChangesQuerySchema = z
  .object({
    from: z.string().datetime({ offset: true }).optional(),
    to: z.string().datetime({ offset: true }).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from && q.to && Date.parse(q.to) <= Date.parse(q.from))
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'must be after from',
      });
    if (
      q.from &&
      q.to &&
      Date.parse(q.to) - Date.parse(q.from) > 62 * 86_400_000
    )
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'must be within 62 days of from',
      });
  });
