import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { EntityResources } from '@gcp-serverless/common';
import { useServicesQuery } from '../../queries/reads';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { EntityBudgetSection } from './EntityBudgetSection';
import { EntityQueuesSection } from './EntityQueuesSection';
import { EntityRedisSection } from './EntityRedisSection';
import { EntityRoutingSection } from './EntityRoutingSection';
import { EntityServiceSection } from './EntityServiceSection';
import { AccessibilityStyles } from '../AccessibilityStyles/AccessibilityStyles';

/** Props of {@link EntityResourcesView}. */
export interface EntityResourcesViewProps {
  /** Parsed from the entity's `gcp-serverless/*` annotations. */
  resources: EntityResources;
}

/**
 * Exactly the resources an entity's annotations name: its Cloud Run services (health, cost, scaling
 * form, history) — a service written without region is found in the project's allowlisted regions —
 * then its URL map routes, queues, Redis instances and budget, each through its page's components
 * filtered to the annotated names, with the same edit forms (and the same permission checks).
 */
export function EntityResourcesView({ resources }: EntityResourcesViewProps) {
  const needsLookup = resources.cloudRunServices.some(s => s.region === null);
  const list = useServicesQuery(resources.projectId, '1h', {
    enabled: needsLookup,
  });

  const services = resources.cloudRunServices.map(s => ({
    name: s.name,
    region:
      s.region ??
      list.data?.services.find(found => found.name === s.name)?.region ??
      null,
  }));
  return (
    <Stack spacing={4} data-testid="entity-resources">
      <AccessibilityStyles />
      <Typography variant="body2" color="text.secondary">
        Project {resources.projectId}
      </Typography>
      {resources.cloudRunServices.length === 0 && (
        <Alert severity="info">
          This entity names no Cloud Run service (annotation
          gcp-serverless/cloud-run-services).
        </Alert>
      )}
      {needsLookup && list.isPending && (
        <LinearProgress aria-label="Finding the entity's services" />
      )}
      {needsLookup && list.error && (
        <ErrorPanel
          title={`Could not list the services of ${resources.projectId}`}
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      )}
      {(!needsLookup || list.data) &&
        services.map(s =>
          s.region ? (
            <EntityServiceSection
              key={`${s.region}/${s.name}`}
              projectId={resources.projectId}
              region={s.region}
              service={s.name}
            />
          ) : (
            <Alert key={s.name} severity="warning">
              Cloud Run service {s.name} was not found in {resources.projectId}.
            </Alert>
          ),
        )}
      {resources.urlMap && (
        <EntityRoutingSection
          projectId={resources.projectId}
          urlMap={resources.urlMap}
          hosts={resources.hosts}
          services={resources.cloudRunServices}
        />
      )}
      {resources.queues.length > 0 && (
        <EntityQueuesSection
          projectId={resources.projectId}
          queues={resources.queues}
        />
      )}
      {resources.redisInstances.length > 0 && (
        <EntityRedisSection
          projectId={resources.projectId}
          instances={resources.redisInstances}
        />
      )}
      {resources.budget && (
        <EntityBudgetSection
          projectId={resources.projectId}
          budgetId={resources.budget}
        />
      )}
    </Stack>
  );
}
