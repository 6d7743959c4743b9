import type { z } from 'zod';
import { InputError, zodFieldErrors } from '@gcp-serverless/common';

/** Parses input with a shared schema from common; failures are a 400 with field-level messages. */
export function parseInput<S extends z.ZodTypeAny>(
  schema: S,
  input: unknown,
  what: string,
  prefix: string[] = [],
): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    const fieldErrors = zodFieldErrors(result.error, prefix);
    throw new InputError(
      `Invalid ${what}: ${fieldErrors
        .map(f => `${f.path}: ${f.message}`)
        .join('; ')}`,
      fieldErrors,
    );
  }
  return result.data;
}
