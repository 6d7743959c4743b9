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
import { unassignedPanelErrors } from '../../charts/seriesRows';
import { useTimeWindow, windowQuery } from '../../hooks/useTimeWindow';
import { useServiceQuery } from '../../queries/reads';
import { useReloadAfterChange } from '../../queries/useReloadAfterChange';
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
  const [window] = useTimeWindow();
  const detail = useServiceQuery(
    { projectId, region, service: serviceName },
    window,
  );
  const reload = useReloadAfterChange(projectId);
  const other = detail.data ? unassignedPanelErrors(detail.data.errors) : [];
  const [searchParams] = useSearchParams();
  const suggested = detail.data
    ? suggestedScaling(searchParams, detail.data.service.scaling)
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
        service={detail.data?.service}
        name={serviceName}
        region={region}
      />
      <Box sx={{ height: 4 }}>
        {detail.isFetching && detail.data && (
          <LinearProgress aria-label="Refreshing service" />
        )}
      </Box>
      {detail.error && (
        <ErrorPanel
          title={`Could not load ${serviceName} in ${region}`}
          error={detail.error}
          onRetry={() => void detail.refetch()}
        />
      )}
      {other.length > 0 && (
        <Alert severity="warning">
          Some metrics could not be loaded:{' '}
          {other.map(e => `${e.source}: ${e.message}`).join('; ')}
        </Alert>
      )}
      {(detail.data || !detail.error) && (
        <>
          {suggested && (
            <Alert severity="info" data-testid="suggested-scaling">
              The form starts from the suggested values (min{' '}
              {suggested.minInstances}, max {suggested.maxInstances},
              concurrency {suggested.concurrency}); preview shows what they
              change before anything is applied.
            </Alert>
          )}
          {detail.data ? (
            <ScalingForm
              service={detail.data.service}
              onChanged={reload}
              initialValues={suggested}
              autoPreview={
                Boolean(suggested) && searchParams.get('preview') === '1'
              }
            />
          ) : (
            <Skeleton
              variant="rectangular"
              height={96}
              aria-label="Loading scaling"
            />
          )}
          <ServiceCharts detail={detail.data} window={window} />
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
        refreshKey={detail.data?.service.etag}
        onReverted={reload}
      />
    </Stack>
  );
}
