import type { ZodError } from 'zod';
import type { FieldError } from '../errors/errors';

/** Flattens a ZodError into field-level messages with dot paths ("change.maxInstances"). */
export function zodFieldErrors(
  error: ZodError,
  prefix: string[] = [],
): FieldError[] {
  return error.issues.map(issue => {
    const path = [...prefix, ...issue.path.map(String)].join('.') || '(body)';
    if (issue.code === 'unrecognized_keys') {
      return { path, message: `Unknown field(s): ${issue.keys.join(', ')}` };
    }
    return { path, message: issue.message };
  });
}
