import { useState } from 'react';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { AnnotatedResource } from '@gcp-serverless/common';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { RedisCard } from '../RedisPage/RedisCard';
import { isAnnotated } from './entityFilters';
import { useRedisQuery } from '../../queries/reads';
import { useReloadAfterChange } from '../../queries/useReloadAfterChange';

/** Props of {@link EntityRedisSection}. */
export interface EntityRedisSectionProps {
  projectId: string;
  /** From `gcp-serverless/redis-instances`. */
  instances: readonly AnnotatedResource[];
}

/** The entity's Memorystore for Redis instances (last hour): the Redis page's cards, with their form, for the annotated names only. */
export function EntityRedisSection({
  projectId,
  instances,
}: EntityRedisSectionProps) {
  // The list route is the only Redis read; filtering client-side keeps one request for any number of instances.
  const query = useRedisQuery(projectId, '1h');
  const reload = useReloadAfterChange(projectId);
  const [open, setOpen] = useState<string | null>(null);
  const mine =
    query.data?.instances.filter(q => isAnnotated(instances, q)) ?? [];
  const missing = instances.filter(
    a => query.data && !mine.some(q => q.name === a.name),
  );
  return (
    <Stack
      spacing={2}
      component="section"
      aria-label="Memorystore for Redis"
      data-testid="entity-redis"
    >
      <Typography variant="h6" component="h3">
        Memorystore for Redis
      </Typography>
      {query.error && !query.data && (
        <ErrorPanel
          title={`Could not load the Redis instances of ${projectId}`}
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      )}
      {!query.data && !query.error && (
        <Skeleton
          variant="rectangular"
          height={160}
          aria-label="Loading Redis instances"
        />
      )}
      {missing.map(a => (
        <Typography key={a.name} color="warning.main">
          Redis instance {a.name} was not found in {projectId}.
        </Typography>
      ))}
      {query.data &&
        mine.map(instance => (
          <RedisCard
            key={`${instance.region}/${instance.name}`}
            instance={instance}
            series={query.data?.series[instance.name] ?? []}
            window="1h"
            errors={query.data?.errors ?? []}
            editing={open === instance.name}
            onToggleEdit={() =>
              setOpen(prev => (prev === instance.name ? null : instance.name))
            }
            onChanged={reload}
          />
        ))}
    </Stack>
  );
}
