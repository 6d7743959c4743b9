import type { NamedSeries, PanelError } from '@gcp-serverless/common';

/** One row of a recharts data array: `time` in epoch ms plus one number per series key. */
export interface ChartRow {
  time: number;
  [seriesKey: string]: number;
}

/**
 * Merges named series into rows by time, oldest first, so one chart can draw several series.
 * A series without a point at some time simply has no value in that row (recharts leaves a gap).
 */
export function seriesToRows(series: readonly NamedSeries[]): ChartRow[] {
  const byTime = new Map<number, ChartRow>();
  for (const s of series) {
    for (const point of s.points) {
      const time = Date.parse(point.time);
      if (Number.isNaN(time)) continue;
      let row = byTime.get(time);
      if (!row) {
        row = { time };
        byTime.set(time, row);
      }
      row[s.key] = point.value;
    }
  }
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

/** True when at least one series has at least one point. */
export function hasPoints(series: readonly NamedSeries[]): boolean {
  return series.some(s => s.points.length > 0);
}

/** Highest value across the series, or 0 when there are none. */
export function maxValue(series: readonly NamedSeries[]): number {
  let max = 0;
  for (const s of series)
    for (const p of s.points) if (p.value > max) max = p.value;
  return max;
}

/** The chart panels of the service page. */
export type ChartPanelKind = 'requests' | 'latency' | 'instances';

// Sources are short panel names ("requests", "p95", "instances") or metric names
// ("monitoring:request_count", "monitoring:request_latencies"); both map to the same chart.
const PANEL_METRICS: Record<ChartPanelKind, RegExp> = {
  requests: /request_count|\brequests?\b/,
  latency: /latenc|\bp\d{2}\b/,
  instances: /instance/,
};

/**
 * The panel errors that concern one chart, matched on the failed metric named in `source`
 * (e.g. "p95" or "monitoring:request_latencies" → latency). Errors that match no chart are left to the page.
 */
export function panelErrorsFor(
  errors: readonly PanelError[],
  panel: ChartPanelKind,
): PanelError[] {
  return errors.filter(e => PANEL_METRICS[panel].test(e.source));
}

/** Panel errors that match none of the charts (shown once above them). */
export function unassignedPanelErrors(
  errors: readonly PanelError[],
): PanelError[] {
  const kinds = Object.keys(PANEL_METRICS) as ChartPanelKind[];
  return errors.filter(
    e => !kinds.some(kind => PANEL_METRICS[kind].test(e.source)),
  );
}
