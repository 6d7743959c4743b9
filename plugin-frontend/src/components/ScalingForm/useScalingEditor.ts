import { useEffect, useRef, useState } from 'react';
import {
  ConflictError,
  InputError,
  unacknowledgedWarnings,
  type CloudRunService,
  type ScalingApplyResult,
  type ScalingChange,
  type ScalingConflictDetails,
  type ScalingPreview,
  type ScalingSettings,
} from '@gcp-serverless/common';
import { useGcpServerlessApi } from '../../api/GcpServerlessApiContext';
import {
  sameAsSettings,
  serverFieldErrors,
  toFormValues,
  validateScalingForm,
  type ScalingField,
  type ScalingFieldErrors,
  type ScalingFormValues,
} from './scalingFormModel';

/** Where the edit is: the dialogs render from this. */
export type ScalingEditorStep =
  | { kind: 'editing' }
  | { kind: 'previewing'; change: ScalingChange }
  | { kind: 'previewed'; change: ScalingChange; preview: ScalingPreview }
  | { kind: 'applying'; change: ScalingChange; preview: ScalingPreview }
  | { kind: 'failed'; change: ScalingChange; preview?: ScalingPreview; error: Error }
  | { kind: 'conflict'; change: ScalingChange; details: ScalingConflictDetails };

/** State and actions of {@link useScalingEditor}. */
export interface ScalingEditor {
  values: ScalingFormValues;
  /** Client-side schema messages merged with the server's 400 field messages. */
  errors: ScalingFieldErrors;
  /** Messages of a 400 that name no form field. */
  formErrors: string[];
  step: ScalingEditorStep;
  acknowledged: string[];
  /** The last successful apply, until dismissed. */
  applied: ScalingApplyResult | undefined;
  /** True while a preview or an apply is in flight. */
  busy: boolean;
  /** True when the preview can be applied: something changes, Google did not reject it, warnings acknowledged. */
  canApply: boolean;
  setField(field: ScalingField, value: string): void;
  preview(): void;
  apply(): void;
  acknowledge(code: string, checked: boolean): void;
  /** Closes the preview/conflict dialog, keeping the form's values. */
  close(): void;
  /** After a conflict: loads the server's current values into the form and refreshes the page. */
  reloadCurrentValues(): void;
  dismissApplied(): void;
}

/**
 * The scaling edit of one service: validate with the shared schema → preview → apply, with 400 field
 * errors mapped to the fields and a 409 turned into the conflict step. `onChanged` is called after a
 * successful apply and after "use current values", so the page reloads its data.
 */
export function useScalingEditor(service: CloudRunService, onChanged: () => void, initialValues?: ScalingSettings): ScalingEditor {
  const api = useGcpServerlessApi();
  const ref = { projectId: service.projectId, region: service.region, service: service.name };
  // `initialValues` (e.g. the values a history entry reverts to) start the form; the diff is still against the server's.
  const [values, setValues] = useState(() => toFormValues(initialValues ?? service.scaling));
  const [clientErrors, setClientErrors] = useState<ScalingFieldErrors>({});
  const [serverErrors, setServerErrors] = useState<{ fields: ScalingFieldErrors; other: string[] }>({ fields: {}, other: [] });
  const [step, setStep] = useState<ScalingEditorStep>({ kind: 'editing' });
  const [acknowledged, setAcknowledged] = useState<string[]>([]);
  const [applied, setApplied] = useState<ScalingApplyResult>();
  // Each request gets a number; answers to an older one (after Cancel or unmount) are dropped.
  const requestId = useRef(0);
  const baseline = useRef(service.scaling);

  useEffect(() => () => void (requestId.current += 1), []);

  // New data from the server (refresh): follow it unless the user is editing other values.
  useEffect(() => {
    setValues(prev => (sameAsSettings(prev, baseline.current) ? toFormValues(service.scaling) : prev));
    baseline.current = service.scaling;
  }, [service.etag, service.scaling]);

  const setField = (field: ScalingField, value: string) => {
    const next = { ...values, [field]: value };
    const result = validateScalingForm(next);
    setValues(next);
    setClientErrors(result.ok ? {} : result.errors);
    setServerErrors(prev => ({ fields: { ...prev.fields, [field]: undefined }, other: prev.other }));
  };

  const fail = (change: ScalingChange, error: unknown, preview?: ScalingPreview) => {
    if (error instanceof InputError && error.fieldErrors.length > 0) {
      setServerErrors(serverFieldErrors(error.fieldErrors));
      setStep({ kind: 'editing' });
      return;
    }
    const err = error instanceof Error ? error : new Error(String(error));
    setStep({ kind: 'failed', change, preview, error: err });
  };

  const preview = () => {
    const result = validateScalingForm(values);
    if (!result.ok) {
      setClientErrors(result.errors);
      return;
    }
    const id = ++requestId.current;
    const change = result.change;
    setServerErrors({ fields: {}, other: [] });
    setAcknowledged([]);
    setStep({ kind: 'previewing', change });
    api.previewScaling(ref, change).then(
      p => id === requestId.current && setStep({ kind: 'previewed', change, preview: p }),
      error => id === requestId.current && fail(change, error),
    );
  };

  const applicable = step.kind === 'previewed' || step.kind === 'failed' ? step.preview : undefined;
  const canApply =
    applicable !== undefined &&
    applicable.diff.length > 0 &&
    applicable.validation.status !== 'failed' &&
    unacknowledgedWarnings(applicable.warnings, acknowledged).length === 0;

  const apply = () => {
    if (!canApply || step.kind === 'editing' || step.kind === 'conflict') return;
    const { change } = step;
    const p = applicable;
    const id = ++requestId.current;
    setStep({ kind: 'applying', change, preview: p });
    api.applyScaling(ref, { change, etag: p.etag, acknowledgedWarnings: acknowledged }).then(
      result => {
        if (id !== requestId.current) return;
        baseline.current = result.service.scaling;
        setValues(toFormValues(result.service.scaling));
        setApplied(result);
        setStep({ kind: 'editing' });
        onChanged();
      },
      error => {
        if (id !== requestId.current) return;
        if (error instanceof ConflictError && isConflictDetails(error.details)) {
          setStep({ kind: 'conflict', change, details: error.details });
        } else {
          fail(change, error, p);
        }
      },
    );
  };

  const reloadCurrentValues = () => {
    if (step.kind !== 'conflict') return;
    baseline.current = step.details.current;
    setValues(toFormValues(step.details.current));
    setClientErrors({});
    setStep({ kind: 'editing' });
    onChanged();
  };

  return {
    values,
    errors: { ...clientErrors, ...definedOnly(serverErrors.fields) },
    formErrors: serverErrors.other,
    step,
    acknowledged,
    applied,
    busy: step.kind === 'previewing' || step.kind === 'applying',
    canApply,
    setField,
    preview,
    apply,
    acknowledge: (code, checked) =>
      setAcknowledged(prev => (checked ? [...prev.filter(c => c !== code), code] : prev.filter(c => c !== code))),
    close: () => {
      requestId.current += 1;
      setStep({ kind: 'editing' });
    },
    reloadCurrentValues,
    dismissApplied: () => setApplied(undefined),
  };
}

function definedOnly(errors: ScalingFieldErrors): ScalingFieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([, v]) => v !== undefined));
}

function isConflictDetails(details: unknown): details is ScalingConflictDetails {
  const current = (details as ScalingConflictDetails | undefined)?.current;
  return typeof current === 'object' && current !== null && typeof current.maxInstances === 'number';
}
