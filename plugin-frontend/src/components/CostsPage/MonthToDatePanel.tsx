import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { formatCurrency } from '@gcp-serverless/common';
import { ChartPanel } from '../ChartPanel/ChartPanel';
import { MonthToDateChart } from '../CostCharts/MonthToDateChart';
import type { CostsView } from './costsModel';

/** Month to date against the budget: figures, the chart, and how the forecast is made. */
export function MonthToDatePanel({
  view,
  filtered,
  loading,
  errors,
}: {
  view?: CostsView;
  filtered: boolean;
  loading: boolean;
  errors: string[];
}) {
  const month = view?.month;
  const currency = view?.currency ?? 'USD';
  const budget = month?.budget ?? null;
  const used =
    budget?.amount && month ? month.totals.net / budget.amount : null;
  return (
    <ChartPanel
      title="Month to date against budget"
      subtitle={monthSubtitle(budget, !!view)}
      loading={loading && !view}
      errors={errors}
      empty={!!view && month!.points.length === 0}
      testId="month-to-date-panel"
      height={260}
    >
      {month && (
        <Stack spacing={1}>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={3}>
            <Figure
              label="Month to date (net)"
              value={formatCurrency(month.totals.net, currency)}
              testId="mtd-net"
            />
            <Figure
              label="Credits"
              value={formatCurrency(month.totals.credits, currency)}
              testId="mtd-credits"
            />
            <Figure
              label="Forecast to month end"
              value={formatCurrency(month.forecast.forecast, currency)}
              testId="mtd-forecast"
            />
            {typeof budget?.amount === 'number' && (
              <Figure
                label="Budget"
                value={formatCurrency(budget.amount, currency)}
                testId="mtd-budget"
              />
            )}
            {used !== null && (
              <Figure
                label="Budget used"
                value={`${(used * 100).toFixed(1)} %`}
                testId="mtd-used"
              />
            )}
          </Stack>
          {filtered && (
            <Alert severity="info">
              Filtered to one resource: the budget covers the whole project.
            </Alert>
          )}
          <MonthToDateChart
            points={month.points}
            budget={budget}
            currency={currency}
          />
          <Typography
            variant="caption"
            color="text.secondary"
            data-testid="forecast-method"
          >
            How the forecast is made: {month.forecast.method}
          </Typography>
        </Stack>
      )}
    </ChartPanel>
  );
}

function monthSubtitle(
  budget: { displayName: string; calendarPeriod: string } | null,
  loaded: boolean,
): string {
  if (budget)
    return `${budget.displayName} (${budget.calendarPeriod.toLowerCase()})`;
  return loaded
    ? 'No monthly budget covers this project'
    : 'Reading the billing export…';
}

function Figure({
  label,
  value,
  testId,
}: {
  label: string;
  value: string;
  testId: string;
}) {
  return (
    <Stack>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h6" component="p" data-testid={testId}>
        {value}
      </Typography>
    </Stack>
  );
}
