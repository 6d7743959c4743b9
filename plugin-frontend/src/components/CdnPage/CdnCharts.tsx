import { useMemo } from 'react';
import { useTheme } from '@mui/material/styles';
import {
  Area,
  AreaChart,
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
import { chartChromeColors } from '../../charts/chartColors';
import { seriesToRows } from '../../charts/seriesRows';

/** Props of the CDN charts: the backend's series from the CDN overview. */
export interface CdnChartProps {
  /** Keys "hitRatio" (0..1), "served" and "fill" (req/s). */
  series: readonly NamedSeries[];
  window: TimeWindow;
  height?: number;
}

/** Cache hit ratio over time, in percent: HIT ÷ (HIT + MISS + PARTIAL_HIT) per step. */
export function HitRatioChart({ series, window, height = 200 }: CdnChartProps) {
  const theme = useTheme();
  const chrome = chartChromeColors(theme);
  const rows = useMemo(
    () =>
      seriesToRows(
        series
          .filter(s => s.key === 'hitRatio')
          .map(s => ({
            ...s,
            points: s.points.map(p => ({ ...p, value: p.value * 100 })),
          })),
      ),
    [series],
  );
  return (
    <ChartFrame height={height}>
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={chrome.grid} strokeDasharray="3 3" />
        <XAxis {...timeAxisProps(window, chrome)} />
        <YAxis {...valueAxisProps(chrome, '%')} domain={[0, 100]} />
        <Tooltip {...tooltipProps(chrome, '%', 1)} />
        <Line
          type="monotone"
          dataKey="hitRatio"
          name="hit ratio"
          stroke={theme.palette.success.main}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFrame>
  );
}

/** Requests served from cache (HIT + PARTIAL_HIT) against cache fill from the origin (MISS), req/s, stacked. */
export function CacheFillChart({
  series,
  window,
  height = 200,
}: CdnChartProps) {
  const theme = useTheme();
  const chrome = chartChromeColors(theme);
  const rows = useMemo(
    () =>
      seriesToRows(series.filter(s => s.key === 'served' || s.key === 'fill')),
    [series],
  );
  return (
    <ChartFrame height={height}>
      <AreaChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={chrome.grid} strokeDasharray="3 3" />
        <XAxis {...timeAxisProps(window, chrome)} />
        <YAxis {...valueAxisProps(chrome, 'req/s')} />
        <Tooltip {...tooltipProps(chrome, 'req/s', 2)} />
        <Legend wrapperStyle={{ color: chrome.axis }} />
        <Area
          type="monotone"
          dataKey="served"
          name="served from cache"
          stackId="1"
          stroke={theme.palette.success.main}
          fill={theme.palette.success.light}
          isAnimationActive={false}
        />
        <Area
          type="monotone"
          dataKey="fill"
          name="cache fill (origin)"
          stackId="1"
          stroke={theme.palette.warning.main}
          fill={theme.palette.warning.light}
          isAnimationActive={false}
        />
      </AreaChart>
    </ChartFrame>
  );
}
