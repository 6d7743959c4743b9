import {
  scalingChangeSchema,
  type FieldError,
  type ScalingChange,
  type ScalingSettings,
} from '@gcp-serverless/common';

/** The editable scaling fields, in form order. */
export const SCALING_FIELDS = [
  'minInstances',
  'maxInstances',
  'concurrency',
] as const;
export type ScalingField = (typeof SCALING_FIELDS)[number];

/** Labels of the inputs (their accessible names). */
export const SCALING_INPUT_LABELS: Record<ScalingField, string> = {
  minInstances: 'Min instances',
  maxInstances: 'Max instances',
  concurrency: 'Concurrency',
};

/** The form's raw input values: text as typed, parsed only when validated. */
export type ScalingFormValues = Record<ScalingField, string>;

/** One message per field; absent when the field is fine. */
export type ScalingFieldErrors = Partial<Record<ScalingField, string>>;

/** Form values showing the given settings. */
export function toFormValues(settings: ScalingSettings): ScalingFormValues {
  return {
    minInstances: String(settings.minInstances),
    maxInstances: String(settings.maxInstances),
    concurrency: String(settings.concurrency),
  };
}

function toNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

/**
 * Validates the form with the very schema the backend uses (`scalingChangeSchema`): either the change
 * to send, or field-level messages such as "Min instances (5) must not exceed max instances (3)".
 */
export function validateScalingForm(
  values: ScalingFormValues,
):
  | { ok: true; change: ScalingChange }
  | { ok: false; errors: ScalingFieldErrors } {
  const result = scalingChangeSchema.safeParse({
    minInstances: toNumber(values.minInstances),
    maxInstances: toNumber(values.maxInstances),
    concurrency: toNumber(values.concurrency),
  });
  if (result.success) return { ok: true, change: result.data };
  const errors: ScalingFieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (isScalingField(field) && errors[field] === undefined)
      errors[field] = issue.message;
  }
  return { ok: false, errors };
}

/**
 * Maps a 400's field errors (paths like "change.maxInstances") onto the form's fields; messages for other
 * paths are returned in `other` to show above the form.
 */
export function serverFieldErrors(fieldErrors: readonly FieldError[]): {
  fields: ScalingFieldErrors;
  other: string[];
} {
  const fields: ScalingFieldErrors = {};
  const other: string[] = [];
  for (const { path, message } of fieldErrors) {
    const field = path.replace(/^change\./, '');
    if (isScalingField(field)) fields[field] = fields[field] ?? message;
    else other.push(`${path}: ${message}`);
  }
  return { fields, other };
}

/** True when the form shows exactly these settings. */
export function sameAsSettings(
  values: ScalingFormValues,
  settings: ScalingSettings,
): boolean {
  const current = toFormValues(settings);
  return SCALING_FIELDS.every(f => values[f].trim() === current[f]);
}

function isScalingField(value: unknown): value is ScalingField {
  return (
    typeof value === 'string' &&
    (SCALING_FIELDS as readonly string[]).includes(value)
  );
}
