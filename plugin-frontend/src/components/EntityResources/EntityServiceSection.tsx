import Stack from '@mui/material/Stack';
import { useGcpServerlessApi } from '../../api/GcpServerlessApiContext';
import { useAsyncData } from '../../hooks/useAsyncData';
import { ChangeHistoryPanel } from '../ChangeHistory/ChangeHistoryPanel';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { ScalingForm } from '../ScalingForm/ScalingForm';
import { ServiceCharts } from '../ServiceCharts/ServiceCharts';
import { ServiceCostPanel } from '../ServiceCostPanel/ServiceCostPanel';
import { ServiceHeader } from '../ServiceHeader/ServiceHeader';

/** Props of {@link EntityServiceSection}. */
export interface EntityServiceSectionProps {
  projectId: string;
  region: string;
  service: string;
}

/** One Cloud Run service of an entity: header, health charts (last hour), cost (last 30 days), scaling form and its change history. */
export function EntityServiceSection({
  projectId,
  region,
  service,
}: EntityServiceSectionProps) {
  const api = useGcpServerlessApi();
  const detail = useAsyncData(
    signal => api.getService({ projectId, region, service }, '1h', { signal }),
    [api, projectId, region, service],
  );
  return (
    <Stack
      spacing={2}
      component="section"
      aria-label={`Cloud Run service ${service}`}
      data-testid="entity-service"
    >
      <ServiceHeader
        service={detail.value?.service}
        name={service}
        region={region}
      />
      {detail.error && (
        <ErrorPanel
          title={`Could not load ${service} in ${region}`}
          error={detail.error}
          onRetry={detail.retry}
        />
      )}
      {detail.value && (
        <ScalingForm service={detail.value.service} onChanged={detail.retry} />
      )}
      {!detail.error && <ServiceCharts detail={detail.value} window="1h" />}
      <ServiceCostPanel
        projectId={projectId}
        serviceName={service}
        showCostsLink={false}
      />
      <ChangeHistoryPanel
        projectId={projectId}
        resource={`projects/${projectId}/locations/${region}/services/${service}`}
        refreshKey={detail.value?.service.etag}
        onReverted={detail.retry}
      />
    </Stack>
  );
}
