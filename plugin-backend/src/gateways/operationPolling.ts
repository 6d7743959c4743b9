import {
  GcpServerlessError,
  UpstreamTimeoutError,
} from '@gcp-serverless/common';
import { grpcCode, GrpcCode } from './googleErrors';

/**
 * Thrown when Google accepted a write (an operation exists) but did not confirm it within our
 * deadline. It is not a failure: the change may still land. Callers answer `pending` and the
 * reconciler settles the history entry later (docs/api.md, "Outcomes").
 */
export class OperationPendingError extends Error {
  override readonly name = 'OperationPendingError';
  readonly operation: string;
  constructor(message: string, operation: string) {
    super(message);
    this.operation = operation;
  }
}

/** Google errors worth asking again while polling: UNAVAILABLE (503), RESOURCE_EXHAUSTED (429), INTERNAL (500), UNKNOWN, DEADLINE_EXCEEDED. */
export function isTransientGoogleError(err: unknown): boolean {
  const code = grpcCode(err);
  if (code !== undefined) {
    return (
      code === GrpcCode.UNAVAILABLE ||
      code === GrpcCode.RESOURCE_EXHAUSTED ||
      code === GrpcCode.INTERNAL ||
      code === GrpcCode.UNKNOWN ||
      code === GrpcCode.DEADLINE_EXCEEDED
    );
  }
  return (
    err instanceof UpstreamTimeoutError ||
    (!(err instanceof GcpServerlessError) &&
      /ECONNRESET|socket hang up|ETIMEDOUT/i.test(
        String((err as Error)?.message ?? err),
      ))
  );
}

/** What one poll of an operation found. */
export interface OperationPoll<T> {
  done: boolean;
  /** The operation's error, when done with one (not transient: it is the write's verdict). */
  error?: unknown;
  result?: T;
}

const POLL_DELAYS_MS = [50, 100, 200, 400, 800, 1000];

/** A poll that took longer than its slot: treated like a transient error (poll again). */
class PollTimeout extends Error {}

/**
 * Polls a long-running operation until it is done, retrying transient errors of the poll itself
 * (a 503 while asking is not a failed change, docs/google-apis.md §1), bounded by `deadlineMs` in total. When the deadline
 * passes the operation is still running as far as we know: OperationPendingError, never a failure.
 * Each poll is bounded by `pollMs` so that one hanging request cannot eat the whole deadline.
 */
export async function pollOperation<T>(
  check: () => Promise<OperationPoll<T>>,
  options: {
    operation: string;
    deadlineMs: number;
    pollMs: number;
    what: string;
  },
): Promise<T | undefined> {
  const deadline = Date.now() + options.deadlineMs;
  const pending = () =>
    new OperationPendingError(
      `${options.what}: operation ${options.operation} not confirmed within ${
        Math.round(options.deadlineMs / 100) / 10
      } s`,
      options.operation,
    );
  for (let attempt = 0; ; attempt++) {
    const left = deadline - Date.now();
    if (left <= 0) throw pending();
    let poll: OperationPoll<T> | undefined;
    try {
      poll = await boundedBy(check(), Math.min(left, options.pollMs));
    } catch (err) {
      if (!isTransientGoogleError(err) && !(err instanceof PollTimeout))
        throw err;
    }
    if (poll?.done) {
      if (poll.error) throw poll.error;
      return poll.result;
    }
    const delay = POLL_DELAYS_MS[Math.min(attempt, POLL_DELAYS_MS.length - 1)]!;
    if (Date.now() + delay >= deadline) throw pending();
    await new Promise(r => setTimeout(r, delay));
  }
}

async function boundedBy<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  work.catch(() => undefined);
  try {
    return await Promise.race([
      work,
      new Promise<never>(
        (_, reject) =>
          (timer = setTimeout(() => reject(new PollTimeout()), ms)),
      ),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
