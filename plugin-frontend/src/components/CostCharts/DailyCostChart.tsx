import { useMemo } from 'react';
import { useTheme } from '@mui/material/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  formatCurrency,
  niceTicks,
  OTHER_KEY,
  topNWithOther,
  type StackedDay,
} from '@gcp-serverless/common';
import { ChartFrame } from '../../charts/ChartFrame';
import { chartChromeColors } from '../../charts/chartColors';
import { otherColor, stackColors, STACK_TOP_N } from './costChartColors';

/** Props of {@link DailyCostChart}. */
export interface DailyCostChartProps {
  /** Stack keys (resources or SKU families) in stacking order. */
  keys: readonly string[];
  days: readonly StackedDay[];
  /** Legend label of a key. */
  label: (key: string) => string;
  /** How many keys an `other` key among `keys` already adds up (the backend summed them). */
  otherCount?: number;
  currency: string;
  height?: number;
}

/**
 * Daily gross cost as stacked bars: the largest services (or SKU families) each in its own distinct
 * colour, the rest summed as "other" in grey, so 200 services never bury the chart under the legend;
 * y ticks are round figures.
 */
export function DailyCostChart({
  keys: allKeys,
  days: allDays,
  label,
  otherCount,
  currency,
  height = 280,
}: DailyCostChartProps) {
  const theme = useTheme();
  const chrome = chartChromeColors(theme);
  const palette = stackColors(theme);
  const { keys, days } = useMemo(
    () => topNWithOther({ keys: allKeys, days: allDays }, STACK_TOP_N),
    [allKeys, allDays],
  );
  const rows = useMemo(
    () => days.map(d => ({ date: d.date, ...d.values })),
    [days],
  );
  const ticks = niceTicks(Math.max(0, ...days.map(d => d.total)));
  const seriesName = (key: string) =>
    key === OTHER_KEY
      ? `Other (${otherCount ?? allKeys.length - keys.length + 1})`
      : label(key);
  return (
    <ChartFrame height={height}>
      <BarChart data={rows} margin={{ top: 16, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke={chrome.grid} strokeDasharray="3 3" />
        <XAxis
          dataKey="date"
          tickFormatter={(d: string) => d.slice(5)}
          tick={{ fill: chrome.axis, fontSize: 12 }}
          stroke={chrome.grid}
          minTickGap={16}
        />
        <YAxis
          tickFormatter={(v: number) =>
            formatCurrency(v, currency, { compact: true })
          }
          tick={{ fill: chrome.axis, fontSize: 12 }}
          stroke={chrome.grid}
          width={64}
          domain={[0, ticks.at(-1)!]}
          ticks={ticks}
        />
        <Tooltip
          contentStyle={{
            backgroundColor: chrome.tooltipBackground,
            border: `1px solid ${chrome.tooltipBorder}`,
            color: chrome.tooltipText,
          }}
          formatter={(v: unknown, name: unknown) => [
            typeof v === 'number' ? formatCurrency(v, currency) : String(v),
            String(name),
          ]}
        />
        <Legend />
        {keys.map((key, i) => (
          <Bar
            key={key}
            dataKey={key}
            name={seriesName(key)}
            stackId="cost"
            fill={
              key === OTHER_KEY
                ? otherColor(theme)
                : palette[i % palette.length]
            }
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
