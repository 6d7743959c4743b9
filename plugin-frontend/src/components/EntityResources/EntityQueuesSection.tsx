import { useState } from 'react';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { AnnotatedResource } from '@gcp-serverless/common';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { QueueCard } from '../QueuesPage/QueueCard';
import { isAnnotated } from './entityFilters';
import { useQueuesQuery } from '../../queries/reads';
import { useReloadAfterChange } from '../../queries/useReloadAfterChange';

/** Props of {@link EntityQueuesSection}. */
export interface EntityQueuesSectionProps {
  projectId: string;
  /** From `gcp-serverless/queues`. */
  queues: readonly AnnotatedResource[];
}

/** The entity's Cloud Tasks queues (last hour): the Queues page's cards, with their form and actions, for the annotated names only. */
export function EntityQueuesSection({
  projectId,
  queues,
}: EntityQueuesSectionProps) {
  // The list route is the only queue read; filtering client-side keeps one request for any number of queues.
  const query = useQueuesQuery(projectId, '1h');
  const reload = useReloadAfterChange(projectId);
  const [open, setOpen] = useState<string | null>(null);
  const mine = query.data?.queues.filter(q => isAnnotated(queues, q)) ?? [];
  const missing = queues.filter(
    a => query.data && !mine.some(q => q.name === a.name),
  );
  return (
    <Stack
      spacing={2}
      component="section"
      aria-label="Cloud Tasks queues"
      data-testid="entity-queues"
    >
      <Typography variant="h6" component="h3">
        Cloud Tasks queues
      </Typography>
      {query.error && !query.data && (
        <ErrorPanel
          title={`Could not load the queues of ${projectId}`}
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      )}
      {!query.data && !query.error && (
        <Skeleton
          variant="rectangular"
          height={160}
          aria-label="Loading queues"
        />
      )}
      {missing.map(a => (
        <Typography key={a.name} color="warning.main">
          Queue {a.name} was not found in {projectId}.
        </Typography>
      ))}
      {query.data &&
        mine.map(queue => (
          <QueueCard
            key={`${queue.region}/${queue.name}`}
            queue={queue}
            series={query.data?.series[queue.name] ?? []}
            window="1h"
            errors={query.data?.errors ?? []}
            editing={open === queue.name}
            onToggleEdit={() =>
              setOpen(prev => (prev === queue.name ? null : queue.name))
            }
            onChanged={reload}
          />
        ))}
    </Stack>
  );
}
