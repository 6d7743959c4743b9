import { useState } from 'react';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { AnnotatedResource } from '@gcp-serverless/common';
import { useGcpServerlessApi } from '../../api/GcpServerlessApiContext';
import { useAsyncData } from '../../hooks/useAsyncData';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { RedisCard } from '../RedisPage/RedisCard';
import { isAnnotated } from './entityFilters';

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
  const api = useGcpServerlessApi();
  // The list route is the only Redis read; filtering client-side keeps one request for any number of instances.
  const data = useAsyncData(
    signal => api.listRedis(projectId, '1h', { signal }),
    [api, projectId],
  );
  const [open, setOpen] = useState<string | null>(null);
  const mine =
    data.value?.instances.filter(q => isAnnotated(instances, q)) ?? [];
  const missing = instances.filter(
    a => data.value && !mine.some(q => q.name === a.name),
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
      {data.error && !data.value && (
        <ErrorPanel
          title={`Could not load the Redis instances of ${projectId}`}
          error={data.error}
          onRetry={data.retry}
        />
      )}
      {!data.value && !data.error && (
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
      {data.value &&
        mine.map(instance => (
          <RedisCard
            key={`${instance.region}/${instance.name}`}
            instance={instance}
            series={data.value?.series[instance.name] ?? []}
            window="1h"
            errors={data.value?.errors ?? []}
            editing={open === instance.name}
            onToggleEdit={() =>
              setOpen(prev => (prev === instance.name ? null : instance.name))
            }
            onChanged={data.retry}
          />
        ))}
    </Stack>
  );
}
