import { useMemo } from 'react';
import { useParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { formatCurrency, formatCurrencyChange } from '@gcp-serverless/common';
import { AllProjectsCostPanel } from '../AllProjectsCost/AllProjectsCostPanel';
import { ChartPanel } from '../ChartPanel/ChartPanel';
import { DailyCostChart } from '../CostCharts/DailyCostChart';
import { CostAnomaliesTable } from '../CostTables/CostAnomaliesTable';
import { CostPerRequestsTable } from '../CostTables/CostPerRequestsTable';
import { TopMoversTable } from '../CostTables/TopMoversTable';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { CostsFilterBar } from './CostsFilterBar';
import { costsView, dailyCostCsv, stackKeyLabel } from './costsModel';
import { downloadText } from './downloadText';
import { MonthToDatePanel } from './MonthToDatePanel';
import { useCostsParams } from './useCostsParams';
import { useCostsQuery } from '../../queries/reads';

/**
 * Serverless spend of a project (`projects/:projectId/costs?range=&resource=&by=`): month to date
 * against the budget with its forecast, daily cost stacked by service or SKU family, top movers
 * against the previous period, cost per 1,000 requests, and a CSV of the daily table as shown.
 */
export function CostsPage() {
  const { projectId = '' } = useParams();
  const params = useCostsParams();
  const report = useCostsQuery(
    projectId,
    params.range,
    params.resource || null,
  );
  const view = useMemo(
    () =>
      report.data
        ? costsView(report.data, { dimension: params.dimension })
        : undefined,
    [report.data, params.dimension],
  );
  const errors = report.data?.errors ?? [];
  const errorsOf = (source: string) =>
    errors.filter(e => e.source === source).map(e => e.message);
  const label = (key: string) => stackKeyLabel(key, params.dimension);
  const currency = view?.currency ?? 'USD';
  const exportCsv = () => {
    if (!view || !report.data) return;
    downloadText(
      `costs-${projectId}-${params.range}${
        params.resource ? `-${params.resource}` : ''
      }.csv`,
      dailyCostCsv(report.data, { dimension: params.dimension }, { projectId }),
      'text/csv',
    );
  };

  return (
    <Stack spacing={2} data-testid="costs-page">
      <CostsFilterBar
        params={params}
        resources={view?.resources ?? []}
        onExport={exportCsv}
        canExport={!!view}
      />
      {report.error && (
        <ErrorPanel
          title={`Could not load the costs of ${projectId}`}
          error={report.error}
          onRetry={() => void report.refetch()}
        />
      )}
      {report.data && (
        <Alert
          severity={report.data.source.kind === 'estimate' ? 'warning' : 'info'}
          data-testid="cost-source"
        >
          {report.data.source.kind === 'estimate' ? 'Estimated cost — ' : ''}
          {report.data.source.description} Amounts in {currency}; days are UTC.
        </Alert>
      )}
      {errorsOf('budgets').length > 0 && (
        <Alert severity="warning">
          Budgets could not be loaded: {errorsOf('budgets').join('; ')}
        </Alert>
      )}
      <AllProjectsCostPanel />
      <MonthToDatePanel
        view={view}
        filtered={!!params.resource}
        loading={report.isFetching}
        errors={errorsOf('costs')}
      />
      <ChartPanel
        title={`Daily cost by ${
          params.dimension === 'resource' ? 'service' : 'SKU family'
        }`}
        subtitle={
          view
            ? `Last ${params.range}: ${formatCurrency(
                view.range.cost,
                currency,
              )} cost, ${formatCurrency(
                view.range.credits,
                currency,
              )} credits, ${formatCurrency(
                view.range.net,
                currency,
              )} net (${formatCurrencyChange(
                view.range.net - view.previous.net,
                currency,
              )} against the previous ${params.range})`
            : undefined
        }
        loading={report.isFetching && !view}
        errors={errorsOf('costs')}
        empty={!!view && view.stack.keys.length === 0}
        testId="daily-cost-panel"
        height={280}
      >
        {view && (
          <DailyCostChart
            keys={view.stack.keys}
            days={view.stack.days}
            label={label}
            otherCount={view.otherCount}
            currency={currency}
          />
        )}
      </ChartPanel>
      <Paper
        variant="outlined"
        sx={{ p: 2 }}
        component="section"
        aria-label="Cost anomalies"
      >
        <Typography variant="subtitle1" component="h3" gutterBottom>
          Days far above trend
        </Typography>
        {view && (
          <CostAnomaliesTable anomalies={view.anomalies} currency={currency} />
        )}
      </Paper>
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <Paper
            variant="outlined"
            sx={{ p: 2 }}
            component="section"
            aria-label="Top movers"
          >
            <Typography variant="subtitle1" component="h3" gutterBottom>
              Top movers against the previous {params.range}
            </Typography>
            {view && (
              <TopMoversTable
                movers={view.movers}
                currency={currency}
                label={label}
              />
            )}
          </Paper>
        </Grid>
        <Grid item xs={12} md={6}>
          <Paper
            variant="outlined"
            sx={{ p: 2 }}
            component="section"
            aria-label="Cost per 1,000 requests"
          >
            <Typography variant="subtitle1" component="h3" gutterBottom>
              Cost per 1,000 requests
            </Typography>
            {errorsOf('requests').length > 0 && (
              <Alert severity="warning">
                Requests could not be read: {errorsOf('requests').join('; ')}
              </Alert>
            )}
            {view && (
              <CostPerRequestsTable
                rows={view.perRequests}
                currency={currency}
              />
            )}
          </Paper>
        </Grid>
      </Grid>
    </Stack>
  );
}
