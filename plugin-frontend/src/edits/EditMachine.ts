import {
  ConflictError,
  InputError,
  isApplyPending,
  isApprovalRequested,
  type ApplyAnswer,
  type ApplyPending,
  type ApprovalRequested,
} from '@gcp-serverless/common';
import { canApply, type EditPreviewBase, type EditState } from './editState';

/** How the machine talks to the backend for one resource; an edit kind builds it (see `EditKind`). */
export interface EditTransport<C, P extends EditPreviewBase, R, D> {
  preview(change: C, signal: AbortSignal): Promise<P>;
  /** Sends the change with the guard read at preview (the kind takes it from `preview`). */
  apply(
    request: { change: C; preview: P; acknowledgedWarnings: string[] },
    signal: AbortSignal,
  ): Promise<ApplyAnswer<R>>;
  /** Recognises the `details` of this kind's 409. */
  isConflictDetails(details: unknown): details is D;
}

/** Told when an apply ends well (to reload the page, refill the form). */
export interface EditCallbacks<R> {
  onSucceeded?(result: R): void;
  onPending?(pending: ApplyPending): void;
  /** The apply became a change request for a second person (docs/approvals.md). */
  onRequested?(requested: ApprovalRequested): void;
}

type Listener = () => void;

/**
 * The preview → acknowledge → apply → outcome flow of one edit, without React (as TanStack Query's
 * `MutationObserver` sits under `useMutation`): a 400 with field messages returns to idle with them, a
 * 409 becomes `conflict`, a 202 `pending`, and an answer to a request that was superseded, cancelled or
 * disposed of is dropped. Subscribers are told after every transition; `getState()` is a stable snapshot.
 */
export class EditMachine<C, P extends EditPreviewBase, R, D> {
  private state: EditState<C, P, R, D> = { status: 'idle', fieldErrors: [] };
  private readonly listeners = new Set<Listener>();
  private readonly transport: EditTransport<C, P, R, D>;
  private callbacks: EditCallbacks<R>;
  /** The request whose answer is awaited; any other answer is stale. */
  private inFlight: AbortController | undefined;

  constructor(
    transport: EditTransport<C, P, R, D>,
    callbacks: EditCallbacks<R> = {},
  ) {
    this.transport = transport;
    this.callbacks = callbacks;
  }

  getState = (): EditState<C, P, R, D> => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  /** Replaces the callbacks (a hook hands in the latest closures on every render). */
  setCallbacks(callbacks: EditCallbacks<R>): void {
    this.callbacks = callbacks;
  }

  /** Previews a change (a new preview supersedes one in flight). Ignored while an apply is in flight. */
  preview(change: C): void {
    if (this.state.status === 'applying') return;
    const request = this.begin();
    this.set({ status: 'previewing', change });
    this.transport.preview(change, request.signal).then(
      preview =>
        this.settle(request, () =>
          this.set({ status: 'previewed', change, preview, acknowledged: [] }),
        ),
      error =>
        this.settle(request, () => this.fail(change, error, undefined, [])),
    );
  }

  /** Ticks or unticks a warning's acknowledgement on the preview shown. */
  acknowledge(code: string, checked: boolean): void {
    const s = this.state;
    if (s.status !== 'previewed' && s.status !== 'failed') return;
    const acknowledged = s.acknowledged.filter(c => c !== code);
    this.set({
      ...s,
      acknowledged: checked ? [...acknowledged, code] : acknowledged,
    });
  }

  /** Applies the preview shown, when {@link canApply} allows it (also to retry a failed apply). */
  apply(): void {
    const s = this.state;
    if (
      !canApply(s) ||
      (s.status !== 'previewed' && s.status !== 'failed') ||
      !s.preview
    )
      return;
    const { change, preview, acknowledged } = s;
    const request = this.begin();
    this.set({ status: 'applying', change, preview, acknowledged });
    this.transport
      .apply(
        { change, preview, acknowledgedWarnings: [...acknowledged] },
        request.signal,
      )
      .then(
        answer =>
          this.settle(request, () => {
            // A 202 of its own, outside the kind's answer type: the policy made a change request.
            const requested: unknown = answer;
            if (isApprovalRequested(requested)) {
              this.set({
                status: 'requested',
                change,
                preview,
                request: requested.changeRequest,
                message: requested.message,
              });
              this.callbacks.onRequested?.(requested);
            } else if (isApplyPending(answer)) {
              this.set({
                status: 'pending',
                change,
                preview,
                changeId: answer.changeId,
                message: answer.message,
              });
              this.callbacks.onPending?.(answer);
            } else {
              const result = answer as R;
              this.set({ status: 'succeeded', change, preview, result });
              this.callbacks.onSucceeded?.(result);
            }
          }),
        error =>
          this.settle(request, () => {
            if (
              error instanceof ConflictError &&
              this.transport.isConflictDetails(error.details)
            ) {
              this.set({
                status: 'conflict',
                change,
                preview,
                details: error.details,
              });
            } else this.fail(change, error, preview, acknowledged);
          }),
      );
  }

  /**
   * Back to idle (Cancel, Escape, Close, "Use current values"): a preview in flight is cancelled. An
   * apply in flight is not: it may already have reached Google, so its outcome must still be shown.
   */
  reset(): void {
    if (this.state.status === 'applying') return;
    this.abort();
    this.set({ status: 'idle', fieldErrors: [] });
  }

  /** Drops the 400 message of one field path (the user edited it), or all of them. */
  clearFieldErrors(path?: string): void {
    const s = this.state;
    if (s.status !== 'idle' || s.fieldErrors.length === 0) return;
    this.set({
      status: 'idle',
      fieldErrors:
        path === undefined ? [] : s.fieldErrors.filter(e => e.path !== path),
    });
  }

  /**
   * The page went away: drop every later answer and cancel a preview in flight (an apply is left to
   * finish on the server; its history entry tells the outcome). The machine stays usable.
   */
  dispose(): void {
    if (this.state.status === 'applying') this.inFlight = undefined;
    else this.abort();
  }

  private begin(): AbortController {
    this.abort();
    this.inFlight = new AbortController();
    return this.inFlight;
  }

  private abort(): void {
    this.inFlight?.abort();
    this.inFlight = undefined;
  }

  private settle(request: AbortController, transition: () => void): void {
    if (request !== this.inFlight || request.signal.aborted) return;
    this.inFlight = undefined;
    transition();
  }

  private fail(
    change: C,
    error: unknown,
    preview: P | undefined,
    acknowledged: readonly string[],
  ): void {
    if (error instanceof InputError && error.fieldErrors.length > 0) {
      this.set({ status: 'idle', fieldErrors: error.fieldErrors });
      return;
    }
    this.set({
      status: 'failed',
      change,
      preview,
      acknowledged,
      error: error instanceof Error ? error : new Error(String(error)),
    });
  }

  private set(state: EditState<C, P, R, D>): void {
    this.state = state;
    for (const listener of [...this.listeners]) listener();
  }
}
