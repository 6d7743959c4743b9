import { useMemo } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { formatCurrency, formatUnitPrice } from '@gcp-serverless/common';
import { ChartPanel } from '../ChartPanel/ChartPanel';
import { DailyCostChart } from '../CostCharts/DailyCostChart';
import { costsView, stackKeyLabel } from '../CostsPage/costsModel';
import { useCostsQuery } from '../../queries/reads';

/** Props of {@link ServiceCostPanel}. */
export interface ServiceCostPanelProps {
  projectId: string;
  serviceName: string;
  /** false where the project's costs page is not routable (the Backstage entity tab). Default true. */
  showCostsLink?: boolean;
}

/**
 * What one Cloud Run service costs: last 30 days and month to date (net of credits), cost per 1,000
 * requests and its daily cost by SKU family. Its own loading and error states, so a billing outage
 * never blanks the service page.
 */
export function ServiceCostPanel({
  projectId,
  serviceName,
  showCostsLink = true,
}: ServiceCostPanelProps) {
  // This service's figures alone: the backend filters, so a fleet's rows never reach the panel.
  const report = useCostsQuery(projectId, '30d', serviceName);
  const view = useMemo(
    () =>
      report.data
        ? costsView(report.data, { dimension: 'skuFamily' })
        : undefined,
    [report.data],
  );
  const costErrors = [
    ...(report.error ? [report.error.message] : []),
    ...(report.data?.errors
      .filter(e => e.source === 'costs')
      .map(e => e.message) ?? []),
  ];
  const currency = view?.currency ?? 'USD';
  const per1000 = view?.perRequests[0]?.per1000 ?? null;
  const estimate = report.data?.source.kind === 'estimate';
  return (
    <ChartPanel
      title="Cost"
      subtitle={
        estimate
          ? 'Estimate from Monitoring usage × Catalog prices'
          : 'Billed cost from the billing export'
      }
      loading={report.isPending}
      errors={costErrors}
      empty={!!view && view.stack.keys.length === 0}
      emptyMessage="No cost recorded for this service in the last 30 days."
      testId="service-cost-panel"
      height={200}
    >
      {view && (
        <Stack spacing={1}>
          <Stack direction="row" spacing={3}>
            <Typography data-testid="service-cost-30d">
              Last 30 days: <b>{formatCurrency(view.range.net, currency)}</b>
            </Typography>
            <Typography data-testid="service-cost-mtd">
              Month to date:{' '}
              <b>{formatCurrency(view.month.totals.net, currency)}</b>
            </Typography>
            <Typography>
              Per 1,000 requests:{' '}
              <b>
                {per1000 === null ? '—' : formatUnitPrice(per1000, currency)}
              </b>
            </Typography>
          </Stack>
          <DailyCostChart
            keys={view.stack.keys}
            days={view.stack.days}
            label={k => stackKeyLabel(k, 'skuFamily')}
            currency={currency}
            height={200}
          />
          {showCostsLink && (
            <Link
              component={RouterLink}
              to={`../costs?resource=${encodeURIComponent(serviceName)}`}
              variant="body2"
            >
              Open in the costs page
            </Link>
          )}
        </Stack>
      )}
    </ChartPanel>
  );
}
