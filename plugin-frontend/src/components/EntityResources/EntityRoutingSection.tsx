import Alert from '@mui/material/Alert';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { AnnotatedResource } from '@gcp-serverless/common';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { UrlMapPanel } from '../RoutingPage/RoutingPage';
import type { RoutingTree } from '../RoutingPage/routingTreeModel';
import { entityRoutingTree } from './entityFilters';
import { useRoutingQuery } from '../../queries/reads';
import { useReloadAfterChange } from '../../queries/useReloadAfterChange';

/** Props of {@link EntityRoutingSection}. */
export interface EntityRoutingSectionProps {
  projectId: string;
  /** From `gcp-serverless/url-map`. */
  urlMap: string;
  /** From `gcp-serverless/hosts`; empty = the hosts whose rules reach the entity's services. */
  hosts: readonly string[];
  services: readonly AnnotatedResource[];
}

/**
 * The entity's URL map: the Routing page's panel (tree with live figures, route tester, routes
 * editor) with the tree narrowed to the entity's hosts. The editor still edits the whole map.
 */
export function EntityRoutingSection({
  projectId,
  urlMap,
  hosts,
  services,
}: EntityRoutingSectionProps) {
  const query = useRoutingQuery(projectId, '1h');
  const reload = useReloadAfterChange(projectId);
  const map = query.data?.urlMaps.find(m => m.name === urlMap);
  const narrow = (tree: RoutingTree) =>
    entityRoutingTree(tree, hosts, services);
  return (
    <Stack
      spacing={2}
      component="section"
      aria-label={`URL map ${urlMap}`}
      data-testid="entity-routing"
    >
      <Typography variant="h6" component="h3">
        Load balancer routes
      </Typography>
      {query.error && !query.data && (
        <ErrorPanel
          title={`Could not load the routes of ${projectId}`}
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      )}
      {!query.data && !query.error && (
        <Skeleton
          variant="rectangular"
          height={160}
          aria-label="Loading routes"
        />
      )}
      {query.data?.errors.map(e => (
        <Alert key={e.source} severity="warning">
          {e.source === 'traffic'
            ? 'Per-route traffic is unavailable'
            : `Could not load ${e.source}`}
          : {e.message}
        </Alert>
      ))}
      {query.data && !map && (
        <Alert severity="warning">
          URL map {urlMap} was not found in {projectId}.
        </Alert>
      )}
      {query.data && map && (
        <UrlMapPanel
          key={map.name}
          projectId={projectId}
          map={map}
          overview={query.data}
          reload={reload}
          narrowTree={narrow}
        />
      )}
    </Stack>
  );
}
