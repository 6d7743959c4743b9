/**
 * The shape of a fault spec (`POST /_sandbox/faults` body, `sandbox.faults.add`), checked with zod so
 * that a missing body, a value out of range or an unknown (e.g. misspelt) field is a 400 naming the
 * field instead of a rule stored silently that never does what the caller meant.
 */
import { z } from 'zod';
import type { FieldViolation } from '../googleError';

/** Fault spec schema; strict: unknown fields are errors. */
export const faultSpecSchema = z
  .object(
    {
      api: z
        .string({
          required_error: 'api is required: "run", "monitoring" … or "*"',
        })
        .min(1, 'api must not be empty'),
      method: z
        .string()
        .min(1, 'method must be a method key such as "run.services.get"')
        .optional(),
      status: z
        .number()
        .int('status must be an integer')
        .min(400, 'status must be an HTTP error status 400..599')
        .max(599, 'status must be an HTTP error status 400..599')
        .optional(),
      latencyMs: z
        .number()
        .finite()
        .min(0, 'latencyMs must be a number ≥ 0')
        .optional(),
      rate: z
        .number()
        .min(0, 'rate must be between 0 and 1')
        .max(1, 'rate must be between 0 and 1')
        .optional(),
      times: z
        .number()
        .int('times must be an integer ≥ 1')
        .min(1, 'times must be an integer ≥ 1')
        .optional(),
      message: z.string().optional(),
    },
    {
      required_error:
        'the body must be a JSON object such as {"api": "run", "status": 503}',
      invalid_type_error: 'the body must be a JSON object',
    },
  )
  .strict()
  .refine(spec => spec.status !== undefined || spec.latencyMs !== undefined, {
    message: 'a fault needs status and/or latencyMs',
    path: ['status'],
  });

/** A parsed, valid fault spec. */
export type ParsedFaultSpec = z.infer<typeof faultSpecSchema>;

/** Field violations of a zod error: `field` is the dotted path (`body` for the whole spec). */
export function faultSpecViolations(error: z.ZodError): FieldViolation[] {
  return error.issues.flatMap(issue => {
    const at = issue.path.join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map(key => ({
        field: at ? `${at}.${key}` : key,
        description: `unknown field "${key}" (known: api, method, status, latencyMs, rate, times, message)`,
      }));
    }
    return [{ field: at || 'body', description: issue.message }];
  });
}
