import { useEffect, useRef, useState } from 'react';
import {
  ConflictError,
  InputError,
  unacknowledgedWarnings,
  type ChangeWarning,
  type FieldChange,
  type FieldError,
  type UpstreamValidation,
} from '@gcp-serverless/common';

/** What every preview of an edit carries (scaling, queue, Redis). */
export interface PreviewLike {
  diff: FieldChange[];
  warnings: ChangeWarning[];
  validation: UpstreamValidation;
  /** etag or settings fingerprint to send back to apply. */
  etag: string;
}

/** Where an edit is: the dialogs render from this. */
export type EditStep<C, P, D> =
  | { kind: 'editing' }
  | { kind: 'previewing'; change: C }
  | { kind: 'previewed'; change: C; preview: P }
  | { kind: 'applying'; change: C; preview: P }
  | { kind: 'failed'; change: C; preview?: P; error: Error }
  | { kind: 'conflict'; change: C; details: D };

/** How an edit talks to the backend. */
export interface EditFlowOptions<C, P extends PreviewLike, R, D> {
  preview(change: C): Promise<P>;
  apply(change: C, etag: string, acknowledgedWarnings: string[]): Promise<R>;
  /** Recognises the `details` of a 409 of this resource kind. */
  isConflictDetails(details: unknown): details is D;
  /** After a successful apply (reload the page's data). */
  onApplied(result: R): void;
}

/** State and actions of {@link useEditFlow}. */
export interface EditFlow<C, P extends PreviewLike, R, D> {
  step: EditStep<C, P, D>;
  acknowledged: string[];
  applied: R | undefined;
  /** Field errors of the last 400 (paths as the server wrote them, e.g. "change.memorySizeGb"). */
  serverErrors: FieldError[];
  busy: boolean;
  /** Something changes, Google did not reject it, every warning that needs it is acknowledged. */
  canApply: boolean;
  start(change: C): void;
  apply(): void;
  acknowledge(code: string, checked: boolean): void;
  close(): void;
  dismissApplied(): void;
}

/**
 * The preview → apply → success | conflict flow of the scaling form, for any resource kind: a 400
 * with field errors returns to editing with the messages, a 409 becomes the conflict step, answers
 * to a request that was cancelled or superseded are dropped.
 */
export function useEditFlow<C, P extends PreviewLike, R, D>(options: EditFlowOptions<C, P, R, D>): EditFlow<C, P, R, D> {
  const [step, setStep] = useState<EditStep<C, P, D>>({ kind: 'editing' });
  const [acknowledged, setAcknowledged] = useState<string[]>([]);
  const [applied, setApplied] = useState<R>();
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const requestId = useRef(0);
  const opts = useRef(options);
  opts.current = options;
  useEffect(() => () => void (requestId.current += 1), []);

  const fail = (change: C, error: unknown, preview?: P) => {
    if (error instanceof InputError && error.fieldErrors.length > 0) {
      setServerErrors(error.fieldErrors);
      setStep({ kind: 'editing' });
      return;
    }
    setStep({ kind: 'failed', change, preview, error: error instanceof Error ? error : new Error(String(error)) });
  };

  const start = (change: C) => {
    const id = ++requestId.current;
    setServerErrors([]);
    setAcknowledged([]);
    setStep({ kind: 'previewing', change });
    opts.current.preview(change).then(
      p => id === requestId.current && setStep({ kind: 'previewed', change, preview: p }),
      error => id === requestId.current && fail(change, error),
    );
  };

  const current = step.kind === 'previewed' || step.kind === 'failed' ? step.preview : undefined;
  const canApply =
    current !== undefined &&
    current.diff.length > 0 &&
    current.validation.status !== 'failed' &&
    unacknowledgedWarnings(current.warnings, acknowledged).length === 0;

  const apply = () => {
    if (!canApply || !current || (step.kind !== 'previewed' && step.kind !== 'failed')) return;
    const { change } = step;
    const id = ++requestId.current;
    setStep({ kind: 'applying', change, preview: current });
    opts.current.apply(change, current.etag, acknowledged).then(
      result => {
        if (id !== requestId.current) return;
        setApplied(result);
        setStep({ kind: 'editing' });
        opts.current.onApplied(result);
      },
      error => {
        if (id !== requestId.current) return;
        if (error instanceof ConflictError && opts.current.isConflictDetails(error.details)) setStep({ kind: 'conflict', change, details: error.details });
        else fail(change, error, current);
      },
    );
  };

  return {
    step,
    acknowledged,
    applied,
    serverErrors,
    busy: step.kind === 'previewing' || step.kind === 'applying',
    canApply,
    start,
    apply,
    acknowledge: (code, checked) => setAcknowledged(prev => (checked ? [...prev.filter(c => c !== code), code] : prev.filter(c => c !== code))),
    close: () => {
      requestId.current += 1;
      setStep({ kind: 'editing' });
    },
    dismissApplied: () => setApplied(undefined),
  };
}
