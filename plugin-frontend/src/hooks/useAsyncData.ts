import { useCallback, useEffect, useRef, useState } from 'react';

/** State of one asynchronous load. `value` survives a reload so a refreshing panel does not blank. */
export interface AsyncData<T> {
  /** True while a load is in flight (also during a reload that keeps the previous `value`). */
  loading: boolean;
  /** The last successful result, or undefined before the first one. */
  value: T | undefined;
  /** The error of the last load, cleared when a new load starts. */
  error: Error | undefined;
  /** Loads again with the same inputs (retry buttons, refresh after a change). */
  retry: () => void;
}

/**
 * Runs `load` whenever `deps` change or `retry()` is called, aborting the previous run so a stale answer
 * never overwrites a newer one. `load` receives the AbortSignal to hand to the API client.
 */
export function useAsyncData<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): AsyncData<T> {
  const [state, setState] = useState<{
    loading: boolean;
    value: T | undefined;
    error: Error | undefined;
  }>({
    loading: true,
    value: undefined,
    error: undefined,
  });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setState(prev => ({ loading: true, value: prev.value, error: undefined }));
    loadRef.current(controller.signal).then(
      value => {
        if (!controller.signal.aborted)
          setState({ loading: false, value, error: undefined });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState(prev => ({
          loading: false,
          value: prev.value,
          error: toError(error),
        }));
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps are the inputs of `load`
  }, [...deps, attempt]);

  const retry = useCallback(() => setAttempt(n => n + 1), []);
  return { ...state, retry };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
