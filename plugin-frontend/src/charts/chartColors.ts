import type { Theme } from '@mui/material/styles';

/** Colours of the requests-by-class chart, keyed like the series ("2xx" … "5xx"). */
export type RequestClassColors = Record<'2xx' | '3xx' | '4xx' | '5xx', string>;
/** Colours of the latency chart, keyed like the series ("p50", "p95", "p99"). */
export type LatencyColors = Record<'p50' | 'p95' | 'p99', string>;
/** Colours of the instance chart: the series and its min/max reference lines. */
export interface InstanceColors {
  instances: string;
  min: string;
  max: string;
}
/** Colours every chart shares: grid, axis text, tooltip. */
export interface ChartChromeColors {
  grid: string;
  axis: string;
  tooltipBackground: string;
  tooltipBorder: string;
  tooltipText: string;
}

/** Response classes in palette colours, so they read on light and dark themes alike. */
export function requestClassColors(theme: Theme): RequestClassColors {
  return {
    '2xx': theme.palette.success.main,
    '3xx': theme.palette.info.main,
    '4xx': theme.palette.warning.main,
    '5xx': theme.palette.error.main,
  };
}

/** Latency percentiles from calm (p50) to alarming (p99). */
export function latencyColors(theme: Theme): LatencyColors {
  return {
    p50: theme.palette.primary.main,
    p95: theme.palette.secondary.main,
    p99: theme.palette.error.main,
  };
}

/** Instances in the primary colour; min in a neutral tone, max in the warning colour. */
export function instanceColors(theme: Theme): InstanceColors {
  return {
    instances: theme.palette.primary.main,
    min: theme.palette.text.secondary,
    max: theme.palette.warning.main,
  };
}

/** Grid, axes and tooltip taken from the theme's text, divider and paper colours. */
export function chartChromeColors(theme: Theme): ChartChromeColors {
  return {
    grid: theme.palette.divider,
    axis: theme.palette.text.secondary,
    tooltipBackground: theme.palette.background.paper,
    tooltipBorder: theme.palette.divider,
    tooltipText: theme.palette.text.primary,
  };
}
