import Box from '@mui/material/Box';
import type { ServiceDetailResponse, TimeWindow } from '@gcp-serverless/common';
import { hasPoints, panelErrorsFor } from '../../charts/seriesRows';
import { ChartPanel } from '../ChartPanel/ChartPanel';
import { InstancesChart, showsMaxLine } from '../InstancesChart/InstancesChart';
import { LatencyChart } from '../LatencyChart/LatencyChart';
import { RequestsByClassChart } from '../RequestsByClassChart/RequestsByClassChart';

/** Props of {@link ServiceCharts}. */
export interface ServiceChartsProps {
  /** The service's data, or undefined while it first loads (every panel shows its skeleton). */
  detail: ServiceDetailResponse | undefined;
  window: TimeWindow;
}

/** The service page's three chart panels, each with its own loading, empty and error state. */
export function ServiceCharts({ detail, window }: ServiceChartsProps) {
  const loading = detail === undefined;
  const errors = detail?.errors ?? [];
  const messages = (panel: 'requests' | 'latency' | 'instances') =>
    panelErrorsFor(errors, panel).map(e => e.message);
  const scaling = detail?.service.scaling;
  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: {
          xs: 'minmax(0, 1fr)',
          lg: 'repeat(2, minmax(0, 1fr))',
        },
        gap: 2,
      }}
    >
      <ChartPanel
        title="Requests by response class"
        subtitle="requests per second, stacked"
        loading={loading}
        errors={messages('requests')}
        empty={detail !== undefined && !hasPoints(detail.requestsByClass)}
        emptyMessage="No requests in this time window."
        testId="chart-requests"
      >
        {detail && (
          <RequestsByClassChart
            series={detail.requestsByClass}
            window={window}
          />
        )}
      </ChartPanel>
      <ChartPanel
        title="Latency"
        subtitle="p50, p95, p99"
        loading={loading}
        errors={messages('latency')}
        empty={detail !== undefined && !hasPoints(detail.latency)}
        testId="chart-latency"
      >
        {detail && <LatencyChart series={detail.latency} window={window} />}
      </ChartPanel>
      <ChartPanel
        title="Instances"
        subtitle={
          scaling
            ? `instance count; min ${scaling.minInstances}, max ${
                scaling.maxInstances
              }${
                detail && !showsMaxLine(detail.instances, scaling.maxInstances)
                  ? ' (max line off scale)'
                  : ''
              }`
            : 'instance count'
        }
        loading={loading}
        errors={messages('instances')}
        empty={detail !== undefined && !hasPoints(detail.instances)}
        testId="chart-instances"
      >
        {detail && scaling && (
          <InstancesChart
            series={detail.instances}
            minInstances={scaling.minInstances}
            maxInstances={scaling.maxInstances}
            window={window}
          />
        )}
      </ChartPanel>
    </Box>
  );
}
