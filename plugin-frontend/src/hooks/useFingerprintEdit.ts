import { useEffect, useRef, useState } from 'react';
import { ConflictError, InputError, type FieldError } from '@gcp-serverless/common';

/** Where a fingerprint-guarded edit (URL map, CDN policy) is; the dialogs render from it. */
export type FingerprintEditStep<C, P, D> =
  | { kind: 'editing' }
  | { kind: 'previewing'; change: C }
  | { kind: 'previewed'; change: C; preview: P }
  | { kind: 'applying'; change: C; preview: P }
  | { kind: 'failed'; change: C; preview?: P; error: Error }
  | { kind: 'conflict'; change: C; details: D };

/** How the edit talks to the backend. */
export interface FingerprintEditOptions<C, P extends { fingerprint: string }, R, D> {
  preview(change: C): Promise<P>;
  apply(change: C, fingerprint: string): Promise<R>;
  /** After a successful apply (reload the page's data). */
  onApplied(result: R): void;
  /** Recognises the `details` of this kind's 409. */
  isConflictDetails(details: unknown): details is D;
}

/**
 * Preview → apply → success | conflict, carrying compute's fingerprint from preview to apply. A 400
 * with field errors goes back to editing with the messages; a 409 becomes the conflict step; answers
 * to a superseded request are dropped.
 */
export function useFingerprintEdit<C, P extends { fingerprint: string }, R, D>(options: FingerprintEditOptions<C, P, R, D>) {
  const [step, setStep] = useState<FingerprintEditStep<C, P, D>>({ kind: 'editing' });
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
    setApplied(undefined);
    setStep({ kind: 'previewing', change });
    opts.current.preview(change).then(
      preview => id === requestId.current && setStep({ kind: 'previewed', change, preview }),
      error => id === requestId.current && fail(change, error),
    );
  };

  const apply = () => {
    if (step.kind !== 'previewed' && !(step.kind === 'failed' && step.preview)) return;
    const { change } = step;
    const preview = step.preview!;
    const id = ++requestId.current;
    setStep({ kind: 'applying', change, preview });
    opts.current.apply(change, preview.fingerprint).then(
      result => {
        if (id !== requestId.current) return;
        setApplied(result);
        setStep({ kind: 'editing' });
        opts.current.onApplied(result);
      },
      error => {
        if (id !== requestId.current) return;
        if (error instanceof ConflictError && opts.current.isConflictDetails(error.details)) setStep({ kind: 'conflict', change, details: error.details });
        else fail(change, error, preview);
      },
    );
  };

  const close = () => {
    requestId.current += 1;
    setStep({ kind: 'editing' });
  };

  return { step, applied, serverErrors, busy: step.kind === 'previewing' || step.kind === 'applying', start, apply, close, dismissApplied: () => setApplied(undefined) };
}

/** The state and actions {@link useFingerprintEdit} returns. */
export type FingerprintEdit<C, P extends { fingerprint: string }, R, D> = ReturnType<typeof useFingerprintEdit<C, P, R, D>>;
