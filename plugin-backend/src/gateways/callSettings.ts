import type { CallOptions } from 'google-gax';
import { UpstreamTimeoutError } from '@gcp-serverless/common';
import { grpcCode, GrpcCode } from './googleErrors';
import { readDeadlineMs } from './computationReadDeadline';

/**
 * Per-call settings for the Google clients. google-gax's own retry is switched off (`retry: null`):
 * its defaults allow 600 s, and when its retries run out it reports DEADLINE_EXCEEDED, hiding that
 * Google said UNAVAILABLE. We retry reads ourselves (`readWithRetry`) and never retry writes.
 * docs/google-apis.md §1: never `maxRetries`.
 */
export function callOptions(deadlineMs: number): CallOptions {
  // Inside a snapshot computation a read's deadline is the computation's (computationReadDeadline.ts).
  return { timeout: readDeadlineMs(deadlineMs), retry: null as never };
}

/** Delays between read attempts on UNAVAILABLE, ms; 429 (RESOURCE_EXHAUSTED) is never retried. */
const READ_RETRY_DELAYS_MS = [100, 400];

/**
 * Runs a read with up to two quick retries on UNAVAILABLE, the whole bounded by `askedMs` (inside a
 * snapshot computation, by the computation's longer read deadline).
 * `call` gets a signal that aborts when the deadline has answered for it: nobody needs the answer
 * any more, so a call that honours it (`cancellableCall`) aborts its HTTP request then.
 * A persistent UNAVAILABLE surfaces as itself (→ 503), a slow Google as a timeout (→ 504). When the
 * deadline passes while retrying after an UNAVAILABLE, the answer is that UNAVAILABLE, not a timeout:
 * Google did answer, with 503, and saying "did not finish within 10 s" would hide the real reason.
 */
export async function readWithRetry<T>(
  call: (signal: AbortSignal) => Promise<T>,
  askedMs: number,
  what: string,
): Promise<T> {
  // Inside a snapshot computation a read's deadline is the computation's (computationReadDeadline.ts).
  const deadlineMs = readDeadlineMs(askedMs);
  let lastUnavailable: unknown;
  // Once the deadline has answered for us nobody needs this read: no retry may start after it, and
  // the attempt in flight is aborted.
  let expired = false;
  const nobodyWaits = new AbortController();
  const attempts = async (): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call(nobodyWaits.signal);
      } catch (err) {
        const delay = READ_RETRY_DELAYS_MS[attempt];
        if (
          grpcCode(err) !== GrpcCode.UNAVAILABLE ||
          delay === undefined ||
          expired
        )
          throw err;
        lastUnavailable = err;
        await new Promise(r => setTimeout(r, delay));
        if (expired) throw err;
      }
    }
  };
  const work = attempts();
  // The orphaned attempt's outcome is nobody's answer; keep its rejection from going unhandled.
  work.catch(() => undefined);
  try {
    return await withDeadline(work, deadlineMs, what);
  } catch (err) {
    expired = true;
    nobodyWaits.abort();
    if (err instanceof UpstreamTimeoutError && lastUnavailable !== undefined)
      throw lastUnavailable;
    throw err;
  }
}

/**
 * Bounds any promise (a Google call, an operation poll loop) by our own deadline, because the REST
 * transport and `op.promise()` have no overall deadline of their own (docs/google-apis.md §1).
 */
export async function withDeadline<T>(
  work: Promise<T>,
  askedMs: number,
  what: string,
): Promise<T> {
  const deadlineMs = readDeadlineMs(askedMs);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    // When the deadline fires, give pending I/O one turn first: if the process itself was busy (the
    // event loop blocked past the deadline), an answer that already arrived wins over a false timeout.
    timer = setTimeout(
      () =>
        setImmediate(() =>
          reject(
            new UpstreamTimeoutError(
              `${what} did not finish within ${
                Math.round(deadlineMs / 100) / 10
              } s`,
            ),
          ),
        ),
      deadlineMs,
    );
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
