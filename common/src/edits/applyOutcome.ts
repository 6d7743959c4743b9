import type { ChangeRecord } from '../history/history';

/**
 * What an apply answers (docs/api.md, "Apply outcomes"): 200 with `outcome: 'succeeded'` and the kind's
 * result when Google confirmed the change, or 202 {@link ApplyPending} when the change was submitted but
 * not confirmed before the deadline; a reconciler then settles its history entry as succeeded or failed.
 * A 409 (conflict) and other errors stay errors.
 */
export type ApplyOutcome = 'succeeded' | 'pending';

/** 202 body of an apply: submitted to Google, not yet confirmed. */
export interface ApplyPending {
  outcome: 'pending';
  /** Id of the change history entry that will say how it ended. */
  changeId: string;
  /** Human explanation, e.g. "Cloud Run is still applying the change; the history will show how it ends". */
  message: string;
}

/**
 * 200 body of an apply: the kind's result (e.g. `ScalingApplyResult`). `outcome` is optional so that a
 * backend that predates it is still read as succeeded.
 */
export type ApplySucceeded<R> = R & { outcome?: 'succeeded' };

/** Either answer of an apply. */
export type ApplyAnswer<R> = ApplySucceeded<R> | ApplyPending;

/** True for a 202 "submitted, being confirmed" answer. */
export function isApplyPending(answer: unknown): answer is ApplyPending {
  return (
    typeof answer === 'object' &&
    answer !== null &&
    (answer as { outcome?: unknown }).outcome === 'pending'
  );
}

/** 200 body as the backend sends it: the kind's result, `outcome: 'succeeded'` and the history entry of the change. */
export type SucceededApply<Result> = Result & {
  outcome: 'succeeded';
  /** The change history entry of this apply. */
  change: ChangeRecord;
};

/** The same as {@link ApplyPending}. */
export type PendingApply = ApplyPending;

/** Either answer of an apply, as the backend sends it. */
export type ApplyResponse<Result> = SucceededApply<Result> | ApplyPending;

/** The same as {@link isApplyPending}. */
export const isPendingApply = isApplyPending;
