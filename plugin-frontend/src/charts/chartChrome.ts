import type { CSSProperties } from 'react';
import type { TimeWindow } from '@gcp-serverless/common';
import type { ChartChromeColors } from './chartColors';
import { formatTimeTick, formatTooltipTime } from './formatTime';

/** Props of a time `XAxis` (dataKey "time", epoch ms) in the theme's axis colour. */
export function timeAxisProps(window: TimeWindow, chrome: ChartChromeColors) {
  return {
    dataKey: 'time',
    type: 'number' as const,
    scale: 'time' as const,
    domain: ['dataMin', 'dataMax'] as [string, string],
    tickFormatter: (value: number) => formatTimeTick(value, window),
    tick: { fill: chrome.axis, fontSize: 12 },
    stroke: chrome.grid,
    minTickGap: 24,
  };
}

/** Props of a value `YAxis` in the theme's axis colour. */
export function valueAxisProps(chrome: ChartChromeColors, unit?: string) {
  return {
    tick: { fill: chrome.axis, fontSize: 12 },
    stroke: chrome.grid,
    width: 56,
    unit,
    allowDecimals: true,
  };
}

/** Props of a `Tooltip` drawn on the theme's paper, with local times and values rounded to `digits`. */
export function tooltipProps(
  chrome: ChartChromeColors,
  unit: string,
  digits: number,
) {
  const contentStyle: CSSProperties = {
    backgroundColor: chrome.tooltipBackground,
    border: `1px solid ${chrome.tooltipBorder}`,
    color: chrome.tooltipText,
  };
  return {
    contentStyle,
    labelStyle: { color: chrome.tooltipText },
    labelFormatter: (value: unknown) =>
      typeof value === 'number' ? formatTooltipTime(value) : String(value),
    formatter: (value: unknown) =>
      typeof value === 'number'
        ? `${value.toFixed(digits)} ${unit}`
        : String(value),
  };
}
