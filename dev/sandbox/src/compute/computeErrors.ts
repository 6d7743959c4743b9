/**
 * Compute Engine's error JSON. Compute v1 predates the One Platform style: next to `code` and
 * `message` it lists `errors[{domain, reason, message}]`. The sandbox also sends `status` and
 * BadRequest `details`, which the REST client decodes into `GoogleError.code` / `statusDetails`
 * (docs/google-apis.md §1: 400→3, 404→5, 409→6, 412→9).
 */
import { GoogleApiError, type FieldViolation } from '../googleError';

/** A GoogleApiError whose JSON carries compute's `errors[]` with a `reason`. */
export class ComputeApiError extends GoogleApiError {
  readonly reason: string;

  constructor(
    httpStatus: number,
    status: string,
    reason: string,
    message: string,
    details: unknown[] = [],
  ) {
    super(httpStatus, status, message, details);
    this.reason = reason;
  }

  override toJSON() {
    const base = super.toJSON();
    return {
      error: {
        ...base.error,
        errors: [
          { domain: 'global', reason: this.reason, message: this.message },
        ],
      },
    };
  }
}

/** 400 `invalid` naming every violated field (`resource.pathMatchers[0].pathRules[1].paths[0]`). */
export function computeInvalid(violations: FieldViolation[]): ComputeApiError {
  const message = violations
    .map(v => `Invalid value for field '${v.field}': ${v.description}`)
    .join('; ');
  return new ComputeApiError(400, 'INVALID_ARGUMENT', 'invalid', message, [
    {
      '@type': 'type.googleapis.com/google.rpc.BadRequest',
      fieldViolations: violations,
    },
  ]);
}

/** 404 `notFound`, worded as compute words it. */
export function computeNotFound(resourcePath: string): ComputeApiError {
  return new ComputeApiError(
    404,
    'NOT_FOUND',
    'notFound',
    `The resource '${resourcePath}' was not found`,
  );
}

/** 409 `alreadyExists` on insert of a taken name. */
export function computeAlreadyExists(resourcePath: string): ComputeApiError {
  return new ComputeApiError(
    409,
    'ALREADY_EXISTS',
    'alreadyExists',
    `The resource '${resourcePath}' already exists`,
  );
}

/**
 * 412 `conditionNotMet`: the fingerprint is missing or stale (docs/google-apis.md §2; the message text is
 * unverified).
 */
export function conditionNotMet(
  resourcePath: string,
  sent: unknown,
  current: unknown,
): ComputeApiError {
  return new ComputeApiError(
    412,
    'FAILED_PRECONDITION',
    'conditionNotMet',
    `Supplied fingerprint does not match current metadata fingerprint. (${resourcePath}: sent ${JSON.stringify(
      sent ?? null,
    )}, current ${JSON.stringify(current)})`,
  );
}
