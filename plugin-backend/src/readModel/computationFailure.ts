import {
  deserializeError,
  ERROR_STATUS,
  GcpServerlessError,
  type ErrorName,
  type GcpServerlessError as TypedError,
  type PanelError,
} from '@gcp-serverless/common';
import { toPanelError } from '../services/panelErrors';

/** A refresh that got fewer of Google's answers than the snapshot it would replace (see `ReadModel.refresh`). */
export class PartialRefreshError extends Error {
  /** The panels the new computation had no answer for. */
  readonly errors: PanelError[];
  constructor(key: string, errors: PanelError[]) {
    super(
      `refreshing ${key} got panel errors where the last snapshot had none; the last snapshot is kept`,
    );
    this.name = 'PartialRefreshError';
    this.errors = errors;
  }
}

/**
 * A key whose computations have all failed so far, as the cache holds it: when, why (one entry per
 * panel) and the error to answer with. It is JSON, since another replica may read it from a shared
 * cache, and is kept one refresh interval, during which reads answer with it instead of computing.
 */
export interface FailedComputation {
  id: string;
  /** Epoch ms (the read model's clock) the failed computation started. */
  failedAtMs: number;
  failure: PanelError[];
  error: { name: ErrorName; message: string; details?: unknown };
}

/** The page part of a snapshot key (`services/gryyd-web/1h` → `services`), naming the panel that failed. */
const pageOf = (key: string) => key.split('/')[0] ?? key;

/** Why a computation of `key` failed, in the panels' error shape (API, status, Google's message). */
export function failureOf(key: string, err: unknown): PanelError[] {
  if (err instanceof PartialRefreshError) return err.errors;
  return [toPanelError(pageOf(key), err)];
}

export function failedComputation(
  failedAtMs: number,
  failure: PanelError[],
  err: unknown,
): FailedComputation {
  const typed = err instanceof GcpServerlessError ? err : undefined;
  return {
    id: `failed-${failedAtMs}-${Math.random().toString(36).slice(2)}`,
    failedAtMs,
    failure,
    error: {
      // Not one of our typed errors: Google answered something we did not expect (502).
      name: typed?.name ?? 'UpstreamError',
      message: err instanceof Error ? err.message : String(err),
      ...(typed?.details !== undefined ? { details: typed.details } : {}),
    },
  };
}

/** The remembered failure as the typed error the first computation threw (same status, same message). */
export function errorOfFailure(failed: FailedComputation): TypedError {
  return deserializeError(
    {
      error: failed.error,
      response: { statusCode: ERROR_STATUS[failed.error.name] },
    },
    ERROR_STATUS[failed.error.name],
  );
}
