import { useTheme } from '@mui/material/styles';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  formatCurrency,
  niceTicks,
  type BudgetLine,
} from '@gcp-serverless/common';
import { ChartFrame } from '../../charts/ChartFrame';
import { chartChromeColors } from '../../charts/chartColors';
import type { MonthToDatePoint } from '../CostsPage/costsModel';
import { monthToDateColors } from './costChartColors';

/** Props of {@link MonthToDateChart}. */
export interface MonthToDateChartProps {
  /** One point per day of the month: cumulative actual up to today, forecast from today on. */
  points: readonly MonthToDatePoint[];
  /** The monthly budget with its thresholds, or null when none covers the project. */
  budget: BudgetLine | null;
  currency: string;
  height?: number;
}

/**
 * Cumulative spend of the month against the budget: the actual line up to today, the forecast
 * (dashed) to month end, the budget amount and each threshold as reference lines. Thresholds on
 * forecasted spend are dashed, as they compare with the forecast, not with spend so far.
 */
export function MonthToDateChart({
  points,
  budget,
  currency,
  height = 260,
}: MonthToDateChartProps) {
  const theme = useTheme();
  const colors = monthToDateColors(theme);
  const chrome = chartChromeColors(theme);
  const money = (v: number) => formatCurrency(v, currency, { compact: true });
  const amount = budget?.amount ?? null;
  // Round ticks up to a round top ($0 $1K $2K $3K), covering the forecast and the budget line.
  const top = Math.max(
    amount ?? 0,
    ...points.map(p => Math.max(p.actual ?? 0, p.forecast ?? 0)),
  );
  const ticks = niceTicks(top);
  return (
    <ChartFrame height={height}>
      <LineChart
        data={points as MonthToDatePoint[]}
        margin={{ top: 16, right: 24, bottom: 0, left: 8 }}
      >
        <CartesianGrid stroke={chrome.grid} strokeDasharray="3 3" />
        <XAxis
          dataKey="date"
          tickFormatter={(d: string) => d.slice(8, 10)}
          tick={{ fill: chrome.axis, fontSize: 12 }}
          stroke={chrome.grid}
        />
        <YAxis
          tickFormatter={money}
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
          formatter={(v: unknown) =>
            typeof v === 'number' ? formatCurrency(v, currency) : String(v)
          }
        />
        <Legend />
        <Line
          type="monotone"
          dataKey="actual"
          name="Month to date"
          stroke={colors.actual}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          type="linear"
          dataKey="forecast"
          name="Forecast"
          stroke={colors.forecast}
          strokeDasharray="6 4"
          dot={false}
          isAnimationActive={false}
        />
        {amount !== null && (
          <ReferenceLine
            y={amount}
            stroke={colors.budget}
            strokeWidth={2}
            ifOverflow="extendDomain"
            label={{
              value: `Budget ${formatCurrency(amount, currency)}`,
              fill: colors.budget,
              fontSize: 12,
              position: 'insideTopLeft',
            }}
          />
        )}
        {amount !== null &&
          budget!.thresholds
            .filter(t => Math.abs(t.percent - 1) > 1e-9)
            .map(t => (
              <ReferenceLine
                key={`${t.percent}-${t.spendBasis}`}
                y={amount * t.percent}
                stroke={colors.threshold}
                strokeDasharray={
                  t.spendBasis === 'FORECASTED_SPEND' ? '2 4' : '4 4'
                }
                ifOverflow="extendDomain"
                label={{
                  value: `${Math.round(t.percent * 100)} %${
                    t.spendBasis === 'FORECASTED_SPEND' ? ' (forecast)' : ''
                  }`,
                  fill: colors.threshold,
                  fontSize: 11,
                  position: 'insideBottomRight',
                }}
              />
            ))}
      </LineChart>
    </ChartFrame>
  );
}
