import {
  ConflictError,
  GcpServerlessError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
  UpstreamError,
  UpstreamTimeoutError,
  roleFor,
  type FieldError,
  type SetupHint,
} from '@gcp-serverless/common';

/** gRPC status codes the clients report (docs/google-apis.md §1). */
export const GrpcCode = {
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

interface GoogleLikeError {
  code?: unknown;
  message?: unknown;
  details?: unknown;
  statusDetails?: unknown;
}

/** Field violations of a `google.rpc.BadRequest` detail, as decoded by google-gax into `statusDetails`. */
function fieldViolations(err: GoogleLikeError): FieldError[] {
  const details = Array.isArray(err.statusDetails) ? err.statusDetails : [];
  return details.flatMap(
    (d: { fieldViolations?: { field?: string; description?: string }[] }) =>
      (d?.fieldViolations ?? []).map(v => ({
        path: String(v.field ?? ''),
        message: String(v.description ?? ''),
      })),
  );
}

/** An API that Google says is disabled (or never enabled) in the project of the call. */
export interface DisabledApi {
  /** e.g. `run.googleapis.com`. */
  service: string;
  title?: string;
  /** The console page that enables it, as Google's error carries it. */
  activationUrl?: string;
}

/**
 * The disabled API of a SERVICE_DISABLED error: 403 PERMISSION_DENIED with a `google.rpc.ErrorInfo`
 * detail, which google-gax decodes into `reason` and `errorInfoMetadata` (docs/google-apis.md §1).
 */
export function disabledApiOf(err: unknown): DisabledApi | undefined {
  const e = err as {
    reason?: unknown;
    errorInfoMetadata?: Record<string, string>;
  } | null;
  if (e?.reason !== 'SERVICE_DISABLED') return undefined;
  const metadata = e.errorInfoMetadata ?? {};
  return {
    service: metadata.service ?? 'unknown',
    ...(metadata.serviceTitle ? { title: metadata.serviceTitle } : {}),
    ...(metadata.activationUrl
      ? { activationUrl: metadata.activationUrl }
      : {}),
  };
}

/**
 * The setup hint of a 403: the permission Google names ("Permission 'run.services.list' denied on
 * resource …", docs/google-apis.md §1) and the role that grants it, when the message says which.
 */
function permissionDeniedHint(message: string): SetupHint {
  const permission = /Permission '([\w.]+)' denied/.exec(message)?.[1];
  const role = permission ? roleFor(permission) : undefined;
  return {
    reason: 'PERMISSION_DENIED',
    ...(permission ? { permission } : {}),
    ...(role ? { role } : {}),
  };
}

/** The gRPC code of a client error, or undefined for non-Google errors. */
export function grpcCode(err: unknown): number | undefined {
  const code = (err as GoogleLikeError | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * Wraps a failure of a Google call in one of our typed errors, with context saying what we were
 * doing ("listing Cloud Run services of gryyd-web in asia-northeast3 failed: …"). Errors that are
 * already ours pass through unchanged.
 */
export function wrapGoogleError(
  err: unknown,
  context: string,
): GcpServerlessError {
  if (err instanceof GcpServerlessError) return err;
  const e = (err ?? {}) as GoogleLikeError;
  const detail = typeof e.message === 'string' ? e.message : String(err);
  const message = `${context} failed: ${detail}`;
  const disabled = disabledApiOf(err);
  if (disabled) {
    const enable = disabled.activationUrl
      ? `enable it at ${disabled.activationUrl}`
      : `run \`gcloud services enable ${disabled.service}\``;
    return new NotAllowedError(
      `${context} failed: ${
        disabled.title ?? disabled.service
      } is disabled in this project; ${enable}`,
      {
        cause: err,
        details: { setup: { reason: 'SERVICE_DISABLED', ...disabled } },
      },
    );
  }
  switch (grpcCode(err)) {
    case GrpcCode.INVALID_ARGUMENT:
    case GrpcCode.FAILED_PRECONDITION:
      return new InputError(message, fieldViolations(e), { cause: err });
    case GrpcCode.NOT_FOUND:
      return new NotFoundError(message, { cause: err });
    case GrpcCode.PERMISSION_DENIED:
      return new NotAllowedError(message, {
        cause: err,
        details: { setup: permissionDeniedHint(detail) },
      });
    case GrpcCode.UNAUTHENTICATED:
      return new NotAllowedError(message, {
        cause: err,
        details: { setup: { reason: 'CREDENTIALS_REJECTED' } },
      });
    case GrpcCode.ABORTED:
    case GrpcCode.ALREADY_EXISTS:
      return new ConflictError(message, { cause: err });
    case GrpcCode.UNAVAILABLE:
    case GrpcCode.RESOURCE_EXHAUSTED:
      return new ServiceUnavailableError(message, { cause: err });
    case GrpcCode.DEADLINE_EXCEEDED:
    case GrpcCode.CANCELLED:
      return new UpstreamTimeoutError(message, { cause: err });
    default:
      return new UpstreamError(message, { cause: err });
  }
}
