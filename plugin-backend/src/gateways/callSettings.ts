import { createBackoffSettings, createRetryOptions, type CallOptions } from 'google-gax';
import { UpstreamTimeoutError } from '@gcp-serverless/common';
import { GrpcCode } from './googleErrors';

/**
 * Explicit per-call settings. The library defaults allow 600 s in total; a portal page must answer
 * within seconds, so every read gets a short deadline and at most a couple of quick retries on
 * UNAVAILABLE, and writes are never retried (GCP-FACTS.md §1: never `maxRetries`).
 */
export function readCallOptions(deadlineMs: number): CallOptions {
  return {
    timeout: deadlineMs,
    retry: createRetryOptions(
      [GrpcCode.UNAVAILABLE],
      createBackoffSettings(100, 2, 1_000, deadlineMs, 1, deadlineMs, deadlineMs),
    ),
  };
}

/** Writes: one attempt with a deadline; the caller decides what a failure means. */
export function writeCallOptions(deadlineMs: number): CallOptions {
  return { timeout: deadlineMs, retry: null as never };
}

/**
 * Bounds any promise (a Google call, an operation poll loop) by our own deadline, because the REST
 * transport and `op.promise()` have no overall deadline of their own (GCP-FACTS.md §1).
 */
export async function withDeadline<T>(work: Promise<T>, deadlineMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new UpstreamTimeoutError(`${what} did not finish within ${Math.round(deadlineMs / 100) / 10} s`)),
      deadlineMs,
    );
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
