import { useMemo } from 'react';
import { useTheme } from '@mui/material/styles';
import {
  CartesianGrid,
  Line,
  LineChart,
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
import { chartChromeColors } from '../../charts/chartColors';
import { maxValue, seriesToRows } from '../../charts/seriesRows';

/** One line of a {@link CapacityChart}. */
export interface CapacityLine {
  /** Series key, e.g. "depth". */
  key: string;
  /** Legend / tooltip name, e.g. "tasks in queue". */
  name: string;
  /** Theme palette colour of the line. */
  color: 'primary' | 'secondary' | 'warning' | 'error' | 'info' | 'success';
}

/** Props of {@link CapacityChart}. */
export interface CapacityChartProps {
  series: readonly NamedSeries[];
  lines: readonly CapacityLine[];
  window: TimeWindow;
  /** Tooltip unit, e.g. "tasks". */
  unit: string;
  digits?: number;
  /** A limit drawn as a dashed line while within 4× of the data (e.g. 65,000 connected clients). */
  limit?: { value: number; label: string };
  height?: number;
}

/** Queue depth, dispatch rates, Redis connections or memory over time, with an optional limit line. */
export function CapacityChart({
  series,
  lines,
  window,
  unit,
  digits = 0,
  limit,
  height = 200,
}: CapacityChartProps) {
  const theme = useTheme();
  const chrome = chartChromeColors(theme);
  const rows = useMemo(() => seriesToRows(series), [series]);
  const drawLimit =
    limit !== undefined && limit.value <= Math.max(maxValue(series), 1) * 4;
  return (
    <ChartFrame height={height}>
      <LineChart
        data={rows}
        margin={{ top: 16, right: 16, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke={chrome.grid} strokeDasharray="3 3" />
        <XAxis {...timeAxisProps(window, chrome)} />
        <YAxis {...valueAxisProps(chrome)} />
        <Tooltip {...tooltipProps(chrome, unit, digits)} />
        {lines.map(line => (
          <Line
            key={line.key}
            type="monotone"
            dataKey={line.key}
            name={line.name}
            stroke={theme.palette[line.color].main}
            dot={false}
            isAnimationActive={false}
          />
        ))}
        {drawLimit && (
          <ReferenceLine
            y={limit.value}
            stroke={theme.palette.error.main}
            strokeDasharray="4 4"
            ifOverflow="extendDomain"
            label={{
              value: limit.label,
              fill: theme.palette.error.main,
              fontSize: 12,
              position: 'insideTopRight',
            }}
          />
        )}
      </LineChart>
    </ChartFrame>
  );
}
