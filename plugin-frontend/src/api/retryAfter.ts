/**
 * The `Retry-After` of a failed answer (a 503 "still being computed" says when to ask again), kept
 * beside the typed error the client rebuilds from the body: the error classes are shared with the
 * backend and carry no HTTP headers.
 */
const RETRY_AFTER_SECONDS = new WeakMap<object, number>();

/**
 * Seconds from `now` (epoch ms) that a `Retry-After` header asks to wait: delay-seconds (`5`) or an
 * HTTP date; undefined when absent or unreadable. A date in the past is 0.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  // An HTTP date names its day and month ("Sun, 06 Dec 2026 09:00:30 GMT"); anything else is unreadable.
  if (!/[a-z]{3}/i.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}

/** Notes on `error` how long its answer asked the caller to wait, seconds. */
export function recordRetryAfter(error: object, seconds: number): void {
  RETRY_AFTER_SECONDS.set(error, seconds);
}

/** How long the answer that failed with `error` asked to wait, seconds; undefined when it did not say. */
export function retryAfterSecondsOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null
    ? RETRY_AFTER_SECONDS.get(error)
    : undefined;
}
