import {
  diffQueue,
  QUEUE_FIELD_PATHS,
  queueChangeSchema,
  queueFieldValue,
  type FieldError,
  type QueueChange,
  type QueueFieldPath,
  type QueueSettings,
} from '@gcp-serverless/common';

/** The form's raw values by field path, text as typed. */
export type QueueFormValues = Record<QueueFieldPath, string>;
/** One message per field path. */
export type QueueFieldErrors = Partial<Record<QueueFieldPath, string>>;

/** Form values showing the given settings. */
export function toQueueFormValues(settings: QueueSettings): QueueFormValues {
  return Object.fromEntries(
    QUEUE_FIELD_PATHS.map(p => [p, String(queueFieldValue(settings, p))]),
  ) as QueueFormValues;
}

const num = (text: string) =>
  text.trim() === '' ? undefined : Number(text.trim());

/** Validates with the schema the backend uses (`queueChangeSchema`). */
export function validateQueueForm(
  values: QueueFormValues,
): { ok: true; change: QueueChange } | { ok: false; errors: QueueFieldErrors } {
  const v = (p: QueueFieldPath) => num(values[p]);
  const result = queueChangeSchema.safeParse({
    rateLimits: {
      maxDispatchesPerSecond: v('rateLimits.maxDispatchesPerSecond'),
      maxConcurrentDispatches: v('rateLimits.maxConcurrentDispatches'),
    },
    retryConfig: {
      maxAttempts: v('retryConfig.maxAttempts'),
      maxRetryDurationSeconds: v('retryConfig.maxRetryDurationSeconds'),
      minBackoffSeconds: v('retryConfig.minBackoffSeconds'),
      maxBackoffSeconds: v('retryConfig.maxBackoffSeconds'),
      maxDoublings: v('retryConfig.maxDoublings'),
    },
  });
  if (result.success) return { ok: true, change: result.data };
  const errors: QueueFieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join('.');
    if (isQueueField(path) && errors[path] === undefined)
      errors[path] = issue.message;
  }
  return { ok: false, errors };
}

/** Maps a 400's field errors ("change.rateLimits.maxDispatchesPerSecond") onto the fields. */
export function queueServerErrors(fieldErrors: readonly FieldError[]): {
  fields: QueueFieldErrors;
  other: string[];
} {
  const fields: QueueFieldErrors = {};
  const other: string[] = [];
  for (const { path, message } of fieldErrors) {
    const field = path.replace(/^change\./, '');
    if (isQueueField(field)) fields[field] = fields[field] ?? message;
    else other.push(`${path}: ${message}`);
  }
  return { fields, other };
}

/** True when nothing in the form differs from the settings. */
export function queueFormUnchanged(
  values: QueueFormValues,
  settings: QueueSettings,
): boolean {
  const r = validateQueueForm(values);
  return r.ok && diffQueue(settings, r.change).length === 0;
}

function isQueueField(path: string): path is QueueFieldPath {
  return (QUEUE_FIELD_PATHS as string[]).includes(path);
}
