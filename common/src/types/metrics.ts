import type { SetupHint } from '../setup/setupHint';

/** One point of a chart: ISO 8601 end time of the aligned interval and its value. */
export interface SeriesPoint {
  time: string;
  value: number;
}

/** A named series, oldest point first. */
export interface NamedSeries {
  /** Stable key, e.g. "2xx", "p95", "instances". */
  key: string;
  points: SeriesPoint[];
}

/**
 * A part of a page that could not be loaded. Pages render what they have and show these in the
 * panel concerned: one failing Google API never blanks a page.
 */
export interface PanelError {
  /** Which panel failed, e.g. "requests", "latency", "p95", "instances". */
  source: string;
  message: string;
  /** HTTP status our API would have given for it (502/503/504). */
  status: number;
  /** When the cause is the Google Cloud setup (credentials, a disabled API, a permission): what is missing. */
  setup?: SetupHint;
}
