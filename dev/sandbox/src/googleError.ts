/**
 * Google's error JSON (`{error:{code,message,status,details}}`) as the official clients expect it
 * (docs/google-apis.md §1). Handlers throw GoogleApiError; the server writes it.
 */

/** A `google.rpc.BadRequest` field violation. */
export interface FieldViolation {
  field: string;
  description: string;
}

export class GoogleApiError extends Error {
  readonly httpStatus: number;
  readonly status: string;
  readonly details: unknown[];

  constructor(
    /** HTTP status, e.g. 400. */
    httpStatus: number,
    /** Canonical status name, e.g. "INVALID_ARGUMENT". */
    status: string,
    message: string,
    details: unknown[] = [],
  ) {
    super(message);
    this.httpStatus = httpStatus;
    this.status = status;
    this.details = details;
  }

  toJSON(): {
    error: {
      code: number;
      message: string;
      status: string;
      details: unknown[];
    };
  } {
    return {
      error: {
        code: this.httpStatus,
        message: this.message,
        status: this.status,
        details: this.details,
      },
    };
  }
}

/** 400 INVALID_ARGUMENT with `google.rpc.BadRequest` field violations (decoded by the clients into `statusDetails`). */
export function invalidArgument(
  message: string,
  fieldViolations: FieldViolation[] = [],
): GoogleApiError {
  const details = fieldViolations.length
    ? [
        {
          '@type': 'type.googleapis.com/google.rpc.BadRequest',
          fieldViolations,
        },
      ]
    : [];
  return new GoogleApiError(400, 'INVALID_ARGUMENT', message, details);
}

export function notFound(message: string): GoogleApiError {
  return new GoogleApiError(404, 'NOT_FOUND', message);
}

/** 409 ABORTED: the etag in the request does not match (AIP-154; Cloud Run's exact code unverified, docs/google-apis.md §3). */
export function aborted(message: string): GoogleApiError {
  return new GoogleApiError(409, 'ABORTED', message);
}

export function failedPrecondition(message: string): GoogleApiError {
  return new GoogleApiError(412, 'FAILED_PRECONDITION', message);
}

/** The canonical status name Google uses for an HTTP status in injected faults. */
export function statusNameForHttp(httpStatus: number): string {
  switch (httpStatus) {
    case 400:
      return 'INVALID_ARGUMENT';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'PERMISSION_DENIED';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'ABORTED';
    case 412:
      return 'FAILED_PRECONDITION';
    case 429:
      return 'RESOURCE_EXHAUSTED';
    case 499:
      return 'CANCELLED';
    case 501:
      return 'UNIMPLEMENTED';
    case 503:
      return 'UNAVAILABLE';
    case 504:
      return 'DEADLINE_EXCEEDED';
    default:
      return 'INTERNAL';
  }
}
