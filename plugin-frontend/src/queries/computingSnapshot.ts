import { ServiceUnavailableError } from '@gcp-serverless/common';
import { retryAfterSecondsOf } from '../api/retryAfter';

/** Seconds before asking again when a "still being computed" answer carries no `Retry-After`. */
export const DEFAULT_COMPUTING_RETRY_AFTER_SECONDS = 5;

/**
 * How many times a read still being computed is asked again before its panel shows the answer as an
 * error (with its Retry): at the default 5 s, ten minutes, longer than any computation's deadline.
 */
export const MAX_COMPUTING_POLLS = 120;

/**
 * The backend's answer to a read whose first snapshot is still being computed past the viewer's wait
 * (503 `ServiceUnavailableError` with `details.computing`, docs/architecture.md "The read model"): not a failure, a "not yet".
 * Queries keep loading and ask again after the answer's `Retry-After` ({@link computingRetryDelayMs}).
 */
export function isComputingSnapshot(error: unknown): boolean {
  return (
    error instanceof ServiceUnavailableError &&
    (error.details as { computing?: unknown } | undefined)?.computing === true
  );
}

/**
 * When to ask again after a "still being computed" answer, ms: its `Retry-After` header, else the same
 * figure in its body (`details.retryAfterSeconds`, which survives a proxy that drops headers), else 5 s.
 */
export function computingRetryDelayMs(error: unknown): number {
  const inBody = (error as { details?: { retryAfterSeconds?: unknown } } | null)
    ?.details?.retryAfterSeconds;
  const seconds =
    retryAfterSecondsOf(error) ??
    (typeof inBody === 'number' && inBody >= 0 ? inBody : undefined) ??
    DEFAULT_COMPUTING_RETRY_AFTER_SECONDS;
  return seconds * 1000;
}
