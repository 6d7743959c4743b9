import {
  unacknowledgedWarnings,
  type ApprovalRequirement,
  type ChangeRequest,
  type ChangeWarning,
  type FieldChange,
  type FieldError,
  type UpstreamValidation,
} from '@gcp-serverless/common';

/** What every preview carries, whatever the kind: the diff, warnings (some to acknowledge) and Google's verdict. */
export interface EditPreviewBase {
  diff: FieldChange[];
  /** Absent for kinds whose preview has findings instead (URL maps). */
  warnings?: ChangeWarning[];
  validation?: UpstreamValidation;
  /** Present while an approval policy is configured: whether Apply makes a change request, and why (docs/approvals.md). */
  approval?: ApprovalRequirement;
}

/**
 * Where one edit is. The dialogs render from it:
 * idle → previewing → previewed (acknowledgements) → applying → succeeded | pending | conflict | failed.
 * `idle` carries the field messages of a 400 (they belong under the form's fields, not in a dialog).
 */
export type EditState<C, P extends EditPreviewBase, R, D> =
  | { status: 'idle'; fieldErrors: readonly FieldError[] }
  | { status: 'previewing'; change: C }
  | {
      status: 'previewed';
      change: C;
      preview: P;
      acknowledged: readonly string[];
    }
  | {
      status: 'applying';
      change: C;
      preview: P;
      acknowledged: readonly string[];
    }
  /** Google confirmed the change; `result` is the kind's apply result. */
  | { status: 'succeeded'; change: C; preview: P; result: R }
  /** Submitted, not yet confirmed: the change history entry `changeId` will say how it ended. */
  | {
      status: 'pending';
      change: C;
      preview: P;
      changeId: string;
      message: string;
    }
  /** The approval policy turned the apply into a change request: nothing was written; a second person decides. */
  | {
      status: 'requested';
      change: C;
      preview: P;
      request: ChangeRequest;
      message: string;
    }
  /** The resource changed after the preview (409): nothing was applied; `details` is how it is now. */
  | { status: 'conflict'; change: C; preview: P; details: D }
  /** The preview (no `preview`) or the apply (with `preview`, so Apply can be retried) failed. */
  | {
      status: 'failed';
      change: C;
      preview?: P;
      acknowledged: readonly string[];
      error: Error;
    };

/** The status names, for callers that switch on them. */
export type EditStatus = EditState<
  unknown,
  EditPreviewBase,
  unknown,
  unknown
>['status'];

/** The preview shown in the preview dialog, if the state has one the user can still act on. */
export function previewOf<C, P extends EditPreviewBase, R, D>(
  state: EditState<C, P, R, D>,
): P | undefined {
  switch (state.status) {
    case 'previewed':
    case 'applying':
    case 'failed':
    case 'pending':
    case 'requested':
      return state.preview;
    default:
      return undefined;
  }
}

/**
 * True when Apply may be pressed: a preview (or a failed apply of one) that changes something, that
 * Google did not reject, with every warning that needs it acknowledged.
 */
export function canApply<C, P extends EditPreviewBase, R, D>(
  state: EditState<C, P, R, D>,
): boolean {
  if (
    state.status !== 'previewed' &&
    !(state.status === 'failed' && state.preview)
  )
    return false;
  const preview = state.preview!;
  return (
    preview.diff.length > 0 &&
    preview.validation?.status !== 'failed' &&
    unacknowledgedWarnings(preview.warnings ?? [], state.acknowledged)
      .length === 0
  );
}

/** True while a request is in flight (the form and the dialog's buttons wait). */
export function isBusy(state: { status: string }): boolean {
  return state.status === 'previewing' || state.status === 'applying';
}
