import { useMemo } from 'react';
import { useTheme } from '@mui/material/styles';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
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
  requestClassColors,
  type RequestClassColors,
} from '../../charts/chartColors';
import { seriesToRows } from '../../charts/seriesRows';

const CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const;

/** Props of {@link RequestsByClassChart}. */
export interface RequestsByClassChartProps {
  /** Requests per second by response class, keys "2xx", "3xx", "4xx", "5xx". */
  series: readonly NamedSeries[];
  /** Time window the series cover (sets the tick format). */
  window: TimeWindow;
  /** Colours per class; defaults to the theme's success/info/warning/error colours. */
  colors?: Partial<RequestClassColors>;
  /** Chart height in px. */
  height?: number;
}

/** Stacked areas of requests per second by response class. */
export function RequestsByClassChart({
  series,
  window,
  colors,
  height,
}: RequestsByClassChartProps) {
  const theme = useTheme();
  const palette = { ...requestClassColors(theme), ...colors };
  const chrome = chartChromeColors(theme);
  const rows = useMemo(() => seriesToRows(series), [series]);
  const keys = CLASSES.filter(key => series.some(s => s.key === key));
  return (
    <ChartFrame height={height}>
      <AreaChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={chrome.grid} strokeDasharray="3 3" />
        <XAxis {...timeAxisProps(window, chrome)} />
        <YAxis {...valueAxisProps(chrome)} />
        <Tooltip {...tooltipProps(chrome, 'req/s', 2)} />
        <Legend wrapperStyle={{ color: chrome.axis }} />
        {keys.map(key => (
          <Area
            key={key}
            type="monotone"
            dataKey={key}
            name={key}
            stackId="requests"
            stroke={palette[key]}
            fill={palette[key]}
            fillOpacity={0.35}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    </ChartFrame>
  );
}
