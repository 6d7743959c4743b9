import type { CallOptions } from 'google-gax';

/** A google-gax call promise: `cancel()` aborts its HTTP request (the REST transport's AbortController). */
type GaxCallPromise<T> = Promise<T> & { cancel?: () => void };

/**
 * The part of a generated `@google-cloud/*` client used here. The public methods wrap google-gax's
 * call promise in `.then()`, which drops its `cancel()`; `innerApiCalls` are the same calls (same
 * request, retry and paging settings, after `initialize()`) with `cancel()` kept.
 */
export interface CancellableClient {
  initialize(): Promise<unknown>;
  innerApiCalls: Record<string, unknown>;
}

/** Thrown when a call was cancelled because nobody needs its answer any more (a deadline passed). */
export class CallCancelledError extends Error {
  constructor(what: string) {
    super(`${what} was cancelled`);
    this.name = 'CallCancelledError';
  }
}

/**
 * One call of `method` that ends — its HTTP request aborted, its socket freed — when `signal`
 * aborts. Without this a timed-out read keeps its request open until Google (or the sandbox)
 * answers, and under load those pile up (issue 10: ~660 open sockets after 30 s of overview load).
 * google-gax never settles a call it cancelled, so the abort rejects here instead.
 */
export async function cancellableCall<T>(
  client: CancellableClient,
  method: string,
  request: object,
  options: CallOptions,
  signal: AbortSignal | undefined,
): Promise<T> {
  await client.initialize();
  const what = `the ${method} call`;
  if (signal?.aborted) throw new CallCancelledError(what);
  const inner = client.innerApiCalls[method] as (
    request: object,
    options: CallOptions,
  ) => GaxCallPromise<T>;
  if (typeof inner !== 'function')
    throw new Error(`the client has no method ${method}`);
  const call = inner(request, options);
  if (!signal) return call;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      call.cancel?.();
      reject(new CallCancelledError(what));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    call
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Every item of a list method, page after page (following `nextPageToken` ourselves, each page one
 * cancellable call), so an abort stops the page in flight and no further page is asked for.
 * google-gax's own auto-paging cannot be aborted mid-way: cancelling it only rejects its promise.
 */
export async function cancellableList<T>(
  client: CancellableClient,
  method: string,
  request: object,
  options: CallOptions,
  signal: AbortSignal | undefined,
): Promise<T[]> {
  const items: T[] = [];
  let next: object | null = request;
  while (next) {
    const [page, nextRequest]: [T[], object | null] = await cancellableCall(
      client,
      method,
      next,
      { ...options, autoPaginate: false },
      signal,
    );
    for (const item of page) items.push(item);
    next = nextRequest;
  }
  return items;
}
