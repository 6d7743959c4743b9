import { useMemo } from 'react';
import { useTheme } from '@mui/material/styles';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { WhatIfChartPoint } from '@gcp-serverless/common';
import { ChartFrame } from '../../charts/ChartFrame';
import {
  timeAxisProps,
  tooltipProps,
  valueAxisProps,
} from '../../charts/chartChrome';
import { chartChromeColors } from '../../charts/chartColors';

/** Props of {@link WhatIfChart}. */
export interface WhatIfChartProps {
  /** Hourly points of the what-if (docs/what-if.md, "Chart"). */
  points: readonly WhatIfChartPoint[];
  height?: number;
}

/**
 * The week of a what-if, hour by hour: concurrent requests the traffic needed against the capacity
 * measured and the capacity proposed (instances × concurrency), with the requests the proposal would
 * refuse as bars on their own axis.
 */
export function WhatIfChart({ points, height = 220 }: WhatIfChartProps) {
  const theme = useTheme();
  const chrome = chartChromeColors(theme);
  const rows = useMemo(
    () =>
      points.map(p => ({
        time: Date.parse(p.time),
        demand: p.demand,
        measured: p.observedCapacity,
        proposed: p.proposedCapacity,
        refused: p.proposedRefused,
      })),
    [points],
  );
  return (
    <ChartFrame height={height}>
      <ComposedChart
        data={rows}
        margin={{ top: 16, right: 16, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke={chrome.grid} strokeDasharray="3 3" />
        <XAxis {...timeAxisProps('7d', chrome)} />
        <YAxis yAxisId="load" {...valueAxisProps(chrome)} />
        <YAxis
          yAxisId="refused"
          orientation="right"
          {...valueAxisProps(chrome)}
        />
        <Tooltip {...tooltipProps(chrome, '', 0)} />
        <Legend />
        <Bar
          yAxisId="refused"
          dataKey="refused"
          name="429s proposed (per hour)"
          fill={theme.palette.error.main}
          isAnimationActive={false}
        />
        <Line
          yAxisId="load"
          type="monotone"
          dataKey="demand"
          name="needed (in flight)"
          stroke={theme.palette.text.secondary}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          yAxisId="load"
          type="stepAfter"
          dataKey="measured"
          name="capacity measured"
          stroke={theme.palette.info.main}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          yAxisId="load"
          type="stepAfter"
          dataKey="proposed"
          name="capacity proposed"
          stroke={theme.palette.success.main}
          strokeDasharray="6 3"
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ChartFrame>
  );
}
