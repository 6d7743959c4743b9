import { useRef, useState } from 'react';
import {
  ConflictError,
  InputError,
  unacknowledgedWarnings,
  type Budget,
  type BudgetApplyResult,
  type BudgetChange,
  type BudgetConflictDetails,
  type BudgetPreview,
} from '@gcp-serverless/common';
import { useGcpServerlessApi } from '../../api/GcpServerlessApiContext';
import { budgetServerErrors, toBudgetFormValues, validateBudgetForm, type BudgetFieldErrors, type BudgetFormValues } from './budgetFormModel';

/** Where a budget edit is. */
export type BudgetEditorStep =
  | { kind: 'editing' }
  | { kind: 'previewing'; change: BudgetChange }
  | { kind: 'previewed'; change: BudgetChange; preview: BudgetPreview }
  | { kind: 'applying'; change: BudgetChange; preview: BudgetPreview }
  | { kind: 'failed'; change: BudgetChange; preview?: BudgetPreview; error: Error }
  | { kind: 'conflict'; change: BudgetChange; details: BudgetConflictDetails }
  | { kind: 'applied'; result: BudgetApplyResult };

/**
 * The edit of one budget: validate with the shared schema → preview → apply with the preview's etag;
 * a 400 maps onto the fields, a 409 becomes the conflict step with the budget as it is now.
 */
export function useBudgetEditor(budget: Budget, onChanged: () => void) {
  const api = useGcpServerlessApi();
  const [values, setValues] = useState<BudgetFormValues>(() => toBudgetFormValues(budget));
  const [errors, setErrors] = useState<BudgetFieldErrors>({});
  const [step, setStep] = useState<BudgetEditorStep>({ kind: 'editing' });
  const [acknowledged, setAcknowledged] = useState<string[]>([]);
  const requestId = useRef(0);

  const update = (next: BudgetFormValues) => {
    setValues(next);
    const result = validateBudgetForm(next);
    setErrors(result.ok ? {} : result.errors);
    if (step.kind !== 'editing' && step.kind !== 'applied') setStep({ kind: 'editing' });
  };

  const fail = (change: BudgetChange, error: unknown, preview?: BudgetPreview) => {
    if (error instanceof InputError && error.fieldErrors.length > 0) {
      setErrors(budgetServerErrors(error.fieldErrors));
      setStep({ kind: 'editing' });
    } else setStep({ kind: 'failed', change, preview, error: error instanceof Error ? error : new Error(String(error)) });
  };

  const preview = () => {
    const result = validateBudgetForm(values);
    if (!result.ok) return setErrors(result.errors);
    const id = ++requestId.current;
    setAcknowledged([]);
    setStep({ kind: 'previewing', change: result.change });
    api.previewBudget(budget.budgetId, result.change).then(
      p => id === requestId.current && setStep({ kind: 'previewed', change: result.change, preview: p }),
      e => id === requestId.current && fail(result.change, e),
    );
  };

  const current = step.kind === 'previewed' || step.kind === 'failed' ? step.preview : undefined;
  const canApply = !!current && current.diff.length > 0 && unacknowledgedWarnings(current.warnings, acknowledged).length === 0;

  const apply = () => {
    if (!canApply || (step.kind !== 'previewed' && step.kind !== 'failed')) return;
    const { change } = step;
    const p = current!;
    const id = ++requestId.current;
    setStep({ kind: 'applying', change, preview: p });
    api.applyBudget(budget.budgetId, { change, etag: p.etag, acknowledgedWarnings: acknowledged }).then(
      result => {
        if (id !== requestId.current) return;
        setStep({ kind: 'applied', result });
        onChanged();
      },
      error => {
        if (id !== requestId.current) return;
        if (error instanceof ConflictError && (error.details as BudgetConflictDetails | undefined)?.current) {
          setStep({ kind: 'conflict', change, details: error.details as BudgetConflictDetails });
        } else fail(change, error, p);
      },
    );
  };

  return {
    values,
    errors,
    step,
    acknowledged,
    canApply,
    busy: step.kind === 'previewing' || step.kind === 'applying',
    update,
    preview,
    apply,
    acknowledge: (code: string, checked: boolean) => setAcknowledged(prev => (checked ? [...prev.filter(c => c !== code), code] : prev.filter(c => c !== code))),
    /** After a conflict: the form shows the budget as it is now. */
    takeCurrent: () => {
      if (step.kind !== 'conflict') return;
      setValues(toBudgetFormValues(step.details.current));
      setErrors({});
      setStep({ kind: 'editing' });
      onChanged();
    },
    back: () => {
      requestId.current += 1;
      setStep({ kind: 'editing' });
    },
  };
}

export type BudgetEditor = ReturnType<typeof useBudgetEditor>;
