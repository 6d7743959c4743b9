import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  DEFAULT_TIME_WINDOW,
  TIME_WINDOWS,
  type TimeWindow,
} from '@gcp-serverless/common';

/** Name of the query parameter holding the time window (`?window=6h`). */
export const WINDOW_PARAM = 'window';

/** Parses a `?window=` value; anything unknown falls back to the default window. */
export function parseTimeWindow(value: string | null): TimeWindow {
  return (TIME_WINDOWS as readonly string[]).includes(value ?? '')
    ? (value as TimeWindow)
    : DEFAULT_TIME_WINDOW;
}

/**
 * The page's time window, held in the URL (`?window=1h|6h|24h|7d`) so the view is a shareable link.
 * Setting it keeps every other query parameter.
 */
export function useTimeWindow(): [TimeWindow, (window: TimeWindow) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const window = parseTimeWindow(searchParams.get(WINDOW_PARAM));
  const setWindow = useCallback(
    (next: TimeWindow) =>
      setSearchParams(prev => {
        const params = new URLSearchParams(prev);
        params.set(WINDOW_PARAM, next);
        return params;
      }),
    [setSearchParams],
  );
  return [window, setWindow];
}

/** `?window=…` to append to a link so the time window follows the user to another page. */
export function windowQuery(window: TimeWindow): string {
  return `?${WINDOW_PARAM}=${encodeURIComponent(window)}`;
}
