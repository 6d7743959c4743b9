import type { TimeWindow } from '@gcp-serverless/common';

/**
 * Tick label of a chart's time axis (epoch ms, local time): "14:05" for windows up to a day,
 * "3/14 14:00" for a week.
 */
export function formatTimeTick(epochMs: number, window: TimeWindow): string {
  const date = new Date(epochMs);
  const hh = String(date.getHours()).padStart(2, '0');
  const mm = String(date.getMinutes()).padStart(2, '0');
  if (window === '7d')
    return `${date.getMonth() + 1}/${date.getDate()} ${hh}:${mm}`;
  return `${hh}:${mm}`;
}

/** Full local date and time of a tooltip, e.g. "2025-03-14 14:05". */
export function formatTooltipTime(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
