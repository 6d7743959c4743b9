import {
  Link as RouterLink,
  useParams,
  useSearchParams,
} from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useGcpServerlessApi } from '../../api/GcpServerlessApiContext';
import { unassignedPanelErrors } from '../../charts/seriesRows';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useTimeWindow, windowQuery } from '../../hooks/useTimeWindow';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { ScalingForm } from '../ScalingForm/ScalingForm';
import { ChangeHistoryPanel } from '../ChangeHistory/ChangeHistoryPanel';
import { ServiceCharts } from '../ServiceCharts/ServiceCharts';
import { ServiceCostPanel } from '../ServiceCostPanel/ServiceCostPanel';
import { ServiceHeader } from '../ServiceHeader/ServiceHeader';
import { suggestedScaling } from './suggestedScaling';
import { RecentErrorsPanel } from '../RecentErrorsPanel/RecentErrorsPanel';

/**
 * One Cloud Run service (`projects/:projectId/locations/:region/services/:serviceName?window=`): header,
 * charts for the time window and the scaling form. Reloads after a scaling change is applied.
 */
export function ServicePage() {
  const { projectId = '', region = '', serviceName = '' } = useParams();
  const api = useGcpServerlessApi();
  const [window] = useTimeWindow();
  const detail = useAsyncData(
    signal =>
      api.getService({ projectId, region, service: serviceName }, window, {
        signal,
      }),
    [api, projectId, region, serviceName, window],
  );
  const other = detail.value ? unassignedPanelErrors(detail.value.errors) : [];
  const [searchParams] = useSearchParams();
  const suggested = detail.value
    ? suggestedScaling(searchParams, detail.value.service.scaling)
    : undefined;

  return (
    <Stack spacing={2} data-testid="service-page">
      <Breadcrumbs aria-label="Breadcrumb">
        <Link component={RouterLink} to={`../services${windowQuery(window)}`}>
          Services
        </Link>
        <Typography color="text.primary">{serviceName}</Typography>
      </Breadcrumbs>
      <ServiceHeader
        service={detail.value?.service}
        name={serviceName}
        region={region}
      />
      <Box sx={{ height: 4 }}>
        {detail.loading && detail.value && (
          <LinearProgress aria-label="Refreshing service" />
        )}
      </Box>
      {detail.error && (
        <ErrorPanel
          title={`Could not load ${serviceName} in ${region}`}
          error={detail.error}
          onRetry={detail.retry}
        />
      )}
      {other.length > 0 && (
        <Alert severity="warning">
          Some metrics could not be loaded:{' '}
          {other.map(e => `${e.source}: ${e.message}`).join('; ')}
        </Alert>
      )}
      {(detail.value || !detail.error) && (
        <>
          {suggested && (
            <Alert severity="info" data-testid="suggested-scaling">
              The form starts from the values suggested by the overview (min{' '}
              {suggested.minInstances}, max {suggested.maxInstances},
              concurrency {suggested.concurrency}); preview shows what they
              change before anything is applied.
            </Alert>
          )}
          {detail.value ? (
            <ScalingForm
              service={detail.value.service}
              onChanged={detail.retry}
              initialValues={suggested}
            />
          ) : (
            <Skeleton
              variant="rectangular"
              height={96}
              aria-label="Loading scaling"
            />
          )}
          <ServiceCharts detail={detail.value} window={window} />
          <RecentErrorsPanel
            service={{ projectId, region, service: serviceName }}
            window={window}
          />
          <ServiceCostPanel projectId={projectId} serviceName={serviceName} />
        </>
      )}
      <ChangeHistoryPanel
        projectId={projectId}
        resource={`projects/${projectId}/locations/${region}/services/${serviceName}`}
        refreshKey={detail.value?.service.etag}
        onReverted={detail.retry}
      />
    </Stack>
  );
}
