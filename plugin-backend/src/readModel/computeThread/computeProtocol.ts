import {
  deserializeError,
  ERROR_STATUS,
  GcpServerlessError,
  InputError,
  type ErrorName,
} from '@gcp-serverless/common';
import type { GcpServerlessConfig } from '../../config/config';
import type { ComputeSourceName } from './ComputeSources';

/** The key of the worker data that marks a thread as the read model's computation thread. */
export const COMPUTE_THREAD_MARKER = 'gcpServerlessReadModelComputeThread';

/** What the computation thread is started with (its `workerData`). */
export interface ComputeThreadData {
  [COMPUTE_THREAD_MARKER]: true;
  /** The plugin's validated config: the thread builds its gateways and services from it. */
  config: GcpServerlessConfig;
}

/** A read the main thread asks the computation thread for. */
export interface ComputeCall {
  type: 'call';
  id: number;
  source: ComputeSourceName;
  method: string;
  args: unknown[];
  /** The main thread's clock (the read model's, maybe the sandbox's) when it asked, epoch ms. */
  nowMs: number;
  /** The computation's Google read deadline (computationReadDeadline.ts), when asked inside one. */
  deadlineMs?: number;
  /**
   * Asked by a computation that must see every write before it (after an apply): the refresh it
   * belongs to (its `startedAfterMs` and the writes this thread had started, `since/writes`). Its
   * reads join no read started before the thread first heard of that refresh; the pages of one
   * refresh still share each other's.
   */
  fresh?: string;
}

export type ToComputeThread = ComputeCall;

/** A failure as it crosses the thread: enough to rebuild the error panels and the read model classify. */
export interface CrossedError {
  /** One of our typed errors (its name is an ErrorName), or any other error. */
  typed: boolean;
  name: string;
  message: string;
  details?: unknown;
  fieldErrors?: { path: string; message: string }[];
}

export type FromComputeThread =
  | { type: 'ready'; threadId: number }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: CrossedError }
  | {
      type: 'log';
      level: 'info' | 'warn' | 'error';
      message: string;
      meta?: Record<string, unknown>;
    };

/** Only what structured clone keeps for certain: JSON-like details. */
const plain = (value: unknown): unknown => {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(JSON.stringify(value));
  } catch {
    return undefined;
  }
};

/** A thrown value as it crosses to the main thread. */
export function crossError(err: unknown): CrossedError {
  if (err instanceof GcpServerlessError) {
    const details = plain(err.details);
    return {
      typed: true,
      name: err.name,
      message: err.message,
      ...(details !== undefined ? { details } : {}),
      ...(err instanceof InputError ? { fieldErrors: err.fieldErrors } : {}),
    };
  }
  return {
    typed: false,
    name: err instanceof Error ? err.name : 'Error',
    message: err instanceof Error ? err.message : String(err),
  };
}

/**
 * The error the computation thread threw, rebuilt in the main thread: a typed error is the same
 * class with the same message and details (so `toPanelError` gives the same status and setup hint,
 * and the read model remembers the same failure), any other error keeps its name and message.
 */
export function rehydrateError(crossed: CrossedError): Error {
  if (crossed.typed && crossed.name in ERROR_STATUS) {
    const name = crossed.name as ErrorName;
    return deserializeError(
      {
        error: {
          name,
          message: crossed.message,
          ...(crossed.details !== undefined
            ? { details: crossed.details }
            : {}),
          ...(crossed.fieldErrors ? { fieldErrors: crossed.fieldErrors } : {}),
        },
        response: { statusCode: ERROR_STATUS[name] },
      },
      ERROR_STATUS[name],
    );
  }
  const error = new Error(crossed.message);
  error.name = crossed.name;
  return error;
}
