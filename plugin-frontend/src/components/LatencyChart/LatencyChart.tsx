import { useMemo } from 'react';
import { useTheme } from '@mui/material/styles';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
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
  latencyColors,
  type LatencyColors,
} from '../../charts/chartColors';
import { formatDuration } from '../../charts/formatDuration';
import { seriesToRows } from '../../charts/seriesRows';

const PERCENTILES = ['p50', 'p95', 'p99'] as const;

/** Props of {@link LatencyChart}. */
export interface LatencyChartProps {
  /** Request latency percentiles in ms, keys "p50", "p95", "p99". */
  series: readonly NamedSeries[];
  /** Time window the series cover (sets the tick format). */
  window: TimeWindow;
  /** Colours per percentile; defaults to the theme's primary/secondary/error colours. */
  colors?: Partial<LatencyColors>;
  /** Chart height in px. */
  height?: number;
}

const durationTooltip = (value: unknown) =>
  typeof value === 'number' ? formatDuration(value) : String(value);

/** Lines of request latency p50, p95 and p99; ticks and tooltips in ms, s, min or h as the values need. */
export function LatencyChart({
  series,
  window,
  colors,
  height,
}: LatencyChartProps) {
  const theme = useTheme();
  const palette = { ...latencyColors(theme), ...colors };
  const chrome = chartChromeColors(theme);
  const rows = useMemo(() => seriesToRows(series), [series]);
  const keys = PERCENTILES.filter(key => series.some(s => s.key === key));
  return (
    <ChartFrame height={height}>
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={chrome.grid} strokeDasharray="3 3" />
        <XAxis {...timeAxisProps(window, chrome)} />
        {/* A 70 s job or a 10 min WebSocket session reads as "1.2 min", not "70000 ms". */}
        <YAxis {...valueAxisProps(chrome)} tickFormatter={formatDuration} />
        <Tooltip
          {...tooltipProps(chrome, 'ms', 0)}
          formatter={durationTooltip}
        />
        <Legend wrapperStyle={{ color: chrome.axis }} />
        {keys.map(key => (
          <Line
            key={key}
            type="monotone"
            dataKey={key}
            name={key}
            stroke={palette[key]}
            strokeWidth={key === 'p95' ? 2 : 1.5}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartFrame>
  );
}
