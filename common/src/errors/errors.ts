/**
 * Typed errors shared by backend and frontend. The backend throws them from services; one middleware
 * maps `name` to an HTTP status. The frontend client rebuilds them from the JSON body, so components
 * can branch on `instanceof ConflictError` and read its `details`.
 */

/** A field-level problem with a request body or query, `path` in dot notation (e.g. "change.maxInstances"). */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * JSON body of every error response of the API: Backstage's serialized error form (`ErrorResponseBody`
 * of `@backstage/errors`, so `ResponseError.fromResponse` parses it), with our extra fields inside
 * `error` (`fieldErrors`, `details`) that the frontend client reads.
 */
export interface SerializedError {
  error: {
    name: ErrorName;
    message: string;
    fieldErrors?: FieldError[];
    details?: unknown;
  };
  request?: { method: string; url: string };
  response: { statusCode: number };
}

export const ERROR_STATUS = {
  InputError: 400,
  NotAllowedError: 403,
  NotFoundError: 404,
  MethodNotAllowedError: 405,
  ConflictError: 409,
  UnsupportedMediaTypeError: 415,
  UpstreamError: 502,
  ServiceUnavailableError: 503,
  UpstreamTimeoutError: 504,
  InternalError: 500,
} as const;

export type ErrorName = keyof typeof ERROR_STATUS;

export abstract class GcpServerlessError extends Error {
  abstract override readonly name: ErrorName;
  readonly details?: unknown;
  constructor(
    message: string,
    options?: { cause?: unknown; details?: unknown },
  ) {
    super(
      message,
      options?.cause !== undefined ? { cause: options.cause } : undefined,
    );
    this.details = options?.details;
  }
  get status(): number {
    return ERROR_STATUS[this.name];
  }
}

/** Bad input: 400 with field-level messages. Nothing upstream was called or changed. */
export class InputError extends GcpServerlessError {
  readonly name = 'InputError' as const;
  readonly fieldErrors: FieldError[];
  constructor(
    message: string,
    fieldErrors: FieldError[] = [],
    options?: { cause?: unknown; details?: unknown },
  ) {
    super(message, options);
    this.fieldErrors = fieldErrors;
  }
}

export class NotAllowedError extends GcpServerlessError {
  readonly name = 'NotAllowedError' as const;
}

/** The resource, or the project, is unknown or outside the allowlist. */
export class NotFoundError extends GcpServerlessError {
  readonly name = 'NotFoundError' as const;
}

/** The HTTP method is not one the API serves (405). */
export class MethodNotAllowedError extends GcpServerlessError {
  readonly name = 'MethodNotAllowedError' as const;
}

/** A mutation sent with a body that is not `application/json` (UTF-8), or in an encoding the API does not read (415). */
export class UnsupportedMediaTypeError extends GcpServerlessError {
  readonly name = 'UnsupportedMediaTypeError' as const;
}

/** The resource changed since it was read (stale etag); `details` describes the current state. */
export class ConflictError extends GcpServerlessError {
  readonly name = 'ConflictError' as const;
}

/** Google answered with an unexpected error. */
export class UpstreamError extends GcpServerlessError {
  readonly name = 'UpstreamError' as const;
}

/** Google is unavailable or throttling (UNAVAILABLE, RESOURCE_EXHAUSTED); retry later. */
export class ServiceUnavailableError extends GcpServerlessError {
  readonly name = 'ServiceUnavailableError' as const;
}

/** Google did not answer in time, or an operation did not finish within our deadline. */
export class UpstreamTimeoutError extends GcpServerlessError {
  readonly name = 'UpstreamTimeoutError' as const;
}

export class InternalError extends GcpServerlessError {
  readonly name = 'InternalError' as const;
}

const CONSTRUCTORS: Record<
  ErrorName,
  new (message: string, options?: { details?: unknown }) => GcpServerlessError
> = {
  InputError: InputError as never,
  NotAllowedError,
  NotFoundError,
  ConflictError,
  MethodNotAllowedError,
  UnsupportedMediaTypeError,
  UpstreamError,
  ServiceUnavailableError,
  UpstreamTimeoutError,
  InternalError,
};

/** Rebuilds a typed error from an API error body (used by the frontend client). */
export function deserializeError(
  body: SerializedError,
  status: number,
): GcpServerlessError {
  const { name, message, fieldErrors, details } = body.error;
  if (name === 'InputError')
    return new InputError(message, fieldErrors ?? [], { details });
  const Ctor = CONSTRUCTORS[name];
  if (Ctor) return new Ctor(message, { details });
  // Not one of ours (e.g. Backstage's own AuthenticationError before the plugin ran): go by the status.
  if (status === 401 || status === 403)
    return new NotAllowedError(message, { details });
  if (status === 404) return new NotFoundError(message, { details });
  return status >= 500
    ? new UpstreamError(message, { details })
    : new InternalError(message, { details });
}

export function isSerializedError(value: unknown): value is SerializedError {
  const e = (value as SerializedError | null)?.error;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.name === 'string' &&
    typeof e.message === 'string'
  );
}
