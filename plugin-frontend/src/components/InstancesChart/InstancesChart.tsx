import { useMemo } from 'react';
import { useTheme } from '@mui/material/styles';
import {
  Area,
  AreaChart,
  CartesianGrid,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { NamedSeries, TimeWindow } from '@gcp-serverless/common';
import { ChartFrame } from '../../charts/ChartFrame';
import {
  timeAxisProps,
  tooltipProps,
  valueAxisProps,
} from '../../charts/chartChrome';
import {
  chartChromeColors,
  instanceColors,
  type InstanceColors,
} from '../../charts/chartColors';
import { maxValue, seriesToRows } from '../../charts/seriesRows';

/**
 * The max line is drawn only while it is within this factor of the highest point: a service at 3
 * instances with max 1000 would otherwise be a flat line at the bottom of the chart.
 */
export const MAX_LINE_HEADROOM = 4;

/** Props of {@link InstancesChart}. */
export interface InstancesChartProps {
  /** Instance count, key "instances". */
  series: readonly NamedSeries[];
  /** Current min instances (reference line). */
  minInstances: number;
  /** Current max instances (reference line, drawn when not far off the scale). */
  maxInstances: number;
  /** Time window the series cover (sets the tick format). */
  window: TimeWindow;
  /** Colours of the series and reference lines; default from the theme. */
  colors?: Partial<InstanceColors>;
  /** Chart height in px. */
  height?: number;
}

/** True when the max reference line fits a readable scale for this data. */
export function showsMaxLine(
  series: readonly NamedSeries[],
  maxInstances: number,
): boolean {
  return maxInstances <= Math.max(maxValue(series), 1) * MAX_LINE_HEADROOM;
}

/** Instance count over time with the service's min and max instances as reference lines. */
export function InstancesChart({
  series,
  minInstances,
  maxInstances,
  window,
  colors,
  height,
}: InstancesChartProps) {
  const theme = useTheme();
  const palette = { ...instanceColors(theme), ...colors };
  const chrome = chartChromeColors(theme);
  const rows = useMemo(() => seriesToRows(series), [series]);
  const drawMax = showsMaxLine(series, maxInstances);
  return (
    <ChartFrame height={height}>
      <AreaChart
        data={rows}
        margin={{ top: 16, right: 16, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke={chrome.grid} strokeDasharray="3 3" />
        <XAxis {...timeAxisProps(window, chrome)} />
        <YAxis {...valueAxisProps(chrome)} allowDecimals={false} />
        <Tooltip {...tooltipProps(chrome, 'instances', 1)} />
        <Area
          type="stepAfter"
          dataKey="instances"
          name="instances"
          stroke={palette.instances}
          fill={palette.instances}
          fillOpacity={0.25}
          isAnimationActive={false}
        />
        <ReferenceLine
          y={minInstances}
          stroke={palette.min}
          strokeDasharray="4 4"
          ifOverflow="extendDomain"
          label={{
            value: `min ${minInstances}`,
            fill: palette.min,
            fontSize: 12,
            position: 'insideBottomRight',
          }}
        />
        {drawMax && (
          <ReferenceLine
            y={maxInstances}
            stroke={palette.max}
            strokeDasharray="4 4"
            ifOverflow="extendDomain"
            label={{
              value: `max ${maxInstances}`,
              fill: palette.max,
              fontSize: 12,
              position: 'insideTopRight',
            }}
          />
        )}
      </AreaChart>
    </ChartFrame>
  );
}
