import Stack from '@mui/material/Stack';
import { useServiceQuery } from '../../queries/reads';
import { useReloadAfterChange } from '../../queries/useReloadAfterChange';
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
  const detail = useServiceQuery({ projectId, region, service }, '1h');
  const reload = useReloadAfterChange(projectId);
  return (
    <Stack
      spacing={2}
      component="section"
      aria-label={`Cloud Run service ${service}`}
      data-testid="entity-service"
    >
      <ServiceHeader
        service={detail.data?.service}
        name={service}
        region={region}
      />
      {detail.error && (
        <ErrorPanel
          title={`Could not load ${service} in ${region}`}
          error={detail.error}
          onRetry={() => void detail.refetch()}
        />
      )}
      {detail.data && (
        <ScalingForm service={detail.data.service} onChanged={reload} />
      )}
      {!detail.error && <ServiceCharts detail={detail.data} window="1h" />}
      <ServiceCostPanel
        projectId={projectId}
        serviceName={service}
        showCostsLink={false}
      />
      <ChangeHistoryPanel
        projectId={projectId}
        resource={`projects/${projectId}/locations/${region}/services/${service}`}
        refreshKey={detail.data?.service.etag}
        onReverted={reload}
      />
    </Stack>
  );
}
