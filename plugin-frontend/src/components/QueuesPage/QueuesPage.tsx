import Alert from '@mui/material/Alert';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useParams, useSearchParams } from 'react-router-dom';
import { useTimeWindow } from '../../hooks/useTimeWindow';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { QueueCard } from './QueueCard';
import { useQueuesQuery } from '../../queries/reads';
import { useReloadAfterChange } from '../../queries/useReloadAfterChange';
import { PanelSetupHint } from '../SetupPage/PanelSetupHint';

/** Query parameter holding the queue whose editor is open (`?queue=generation`). */
export const QUEUE_PARAM = 'queue';

/**
 * `projects/:projectId/queues?window=&queue=`: the project's Cloud Tasks queues. Loading, empty and
 * error states per panel: a failing metric leaves its chart in error while the queues still list.
 */
export function QueuesPage() {
  const { projectId = '' } = useParams();
  const [window] = useTimeWindow();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = useQueuesQuery(projectId, window);
  const reload = useReloadAfterChange(projectId);
  const open = searchParams.get(QUEUE_PARAM);
  const toggle = (name: string) =>
    setSearchParams(prev => {
      const params = new URLSearchParams(prev);
      if (params.get(QUEUE_PARAM) === name) params.delete(QUEUE_PARAM);
      else params.set(QUEUE_PARAM, name);
      return params;
    });

  if (query.error && !query.data) {
    return (
      <ErrorPanel
        title={`Could not load the queues of ${projectId}`}
        error={query.error}
        onRetry={() => void query.refetch()}
        testId="queues-error"
      />
    );
  }
  if (!query.data)
    return (
      <Skeleton
        variant="rectangular"
        height={240}
        aria-label="Loading queues"
      />
    );
  const { queues, series, errors } = query.data;
  return (
    <Stack spacing={2} data-testid="queues-page">
      <Typography variant="h5" component="h2">
        Cloud Tasks queues
      </Typography>
      {errors
        .filter(e => e.source === 'wiring')
        .map(e => (
          <Alert key={e.source} severity="warning">
            The Cloud Run services wired to the queues could not be read:{' '}
            {e.message}
            <PanelSetupHint errors={e} />
          </Alert>
        ))}
      {queues.length === 0 && (
        <Alert severity="info">
          No Cloud Tasks queues in {projectId}'s allowed regions.
        </Alert>
      )}
      {queues.map(queue => (
        <QueueCard
          key={`${queue.region}/${queue.name}`}
          queue={queue}
          series={series[queue.name] ?? []}
          window={window}
          errors={errors}
          editing={open === queue.name}
          onToggleEdit={() => toggle(queue.name)}
          onChanged={reload}
        />
      ))}
    </Stack>
  );
}
