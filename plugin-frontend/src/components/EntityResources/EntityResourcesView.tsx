import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { EntityResources } from '@gcp-serverless/common';
import { useGcpServerlessApi } from '../../api/GcpServerlessApiContext';
import { useAsyncData } from '../../hooks/useAsyncData';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { EntityServiceSection } from './EntityServiceSection';

/** Props of {@link EntityResourcesView}. */
export interface EntityResourcesViewProps {
  /** Parsed from the entity's `gcp-serverless/*` annotations. */
  resources: EntityResources;
}

/**
 * Exactly the resources an entity's annotations name: its Cloud Run services (health, scaling form,
 * history) — a service written without region is found in the project's allowlisted regions — and
 * the project's history of those services. Other kinds appear here as their pages land.
 */
export function EntityResourcesView({ resources }: EntityResourcesViewProps) {
  const api = useGcpServerlessApi();
  const needsLookup = resources.cloudRunServices.some(s => s.region === null);
  const list = useAsyncData(
    signal => (needsLookup ? api.listServices(resources.projectId, '1h', { signal }) : Promise.resolve(undefined)),
    [api, resources.projectId, needsLookup],
  );
  if (resources.cloudRunServices.length === 0) {
    return <Alert severity="info">This entity names no Cloud Run service (annotation gcp-serverless/cloud-run-services).</Alert>;
  }
  if (needsLookup && list.loading && !list.value) return <LinearProgress aria-label="Finding the entity's services" />;
  if (needsLookup && list.error) return <ErrorPanel title={`Could not list the services of ${resources.projectId}`} error={list.error} onRetry={list.retry} />;

  const services = resources.cloudRunServices.map(s => ({
    name: s.name,
    region: s.region ?? list.value?.services.find(found => found.name === s.name)?.region ?? null,
  }));
  return (
    <Stack spacing={4} data-testid="entity-resources">
      <Typography variant="body2" color="text.secondary">
        Project {resources.projectId}
      </Typography>
      {services.map(s =>
        s.region ? (
          <EntityServiceSection key={`${s.region}/${s.name}`} projectId={resources.projectId} region={s.region} service={s.name} />
        ) : (
          <Alert key={s.name} severity="warning">
            Cloud Run service {s.name} was not found in {resources.projectId}.
          </Alert>
        ),
      )}
    </Stack>
  );
}
