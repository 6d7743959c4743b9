import Alert from '@mui/material/Alert';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useParams, useSearchParams } from 'react-router-dom';
import { useTimeWindow } from '../../hooks/useTimeWindow';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { PanelSetupHint } from '../SetupPage/PanelSetupHint';
import { RedisCard } from './RedisCard';
import { useRedisQuery } from '../../queries/reads';
import { useReloadAfterChange } from '../../queries/useReloadAfterChange';

/** Query parameter holding the instance whose editor is open (`?instance=chat-redis`). */
export const INSTANCE_PARAM = 'instance';

/** `projects/:projectId/redis?window=&instance=`: the project's Memorystore for Redis instances. */
export function RedisPage() {
  const { projectId = '' } = useParams();
  const [window] = useTimeWindow();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = useRedisQuery(projectId, window);
  const reload = useReloadAfterChange(projectId);
  const open = searchParams.get(INSTANCE_PARAM);
  const toggle = (name: string) =>
    setSearchParams(prev => {
      const params = new URLSearchParams(prev);
      if (params.get(INSTANCE_PARAM) === name) params.delete(INSTANCE_PARAM);
      else params.set(INSTANCE_PARAM, name);
      return params;
    });

  if (query.error && !query.data) {
    return (
      <ErrorPanel
        title={`Could not load the Redis instances of ${projectId}`}
        error={query.error}
        onRetry={() => void query.refetch()}
        testId="redis-error"
      />
    );
  }
  if (!query.data)
    return (
      <Skeleton
        variant="rectangular"
        height={240}
        aria-label="Loading Redis instances"
      />
    );
  const { instances, series, errors } = query.data;
  const wiring = errors.filter(e => e.source.startsWith('wiring.'));
  return (
    <Stack spacing={2} data-testid="redis-page">
      <Typography variant="h5" component="h2">
        Memorystore for Redis
      </Typography>
      {wiring.length > 0 && (
        <Alert severity="warning">
          Wiring and budgets may be incomplete:{' '}
          {wiring.map(e => e.message).join('; ')}
          <PanelSetupHint errors={wiring} />
        </Alert>
      )}
      {instances.length === 0 && (
        <Alert severity="info">
          No Redis instances in {projectId}'s allowed regions.
        </Alert>
      )}
      {instances.map(instance => (
        <RedisCard
          key={`${instance.region}/${instance.name}`}
          instance={instance}
          series={series[instance.name] ?? []}
          window={window}
          errors={errors}
          editing={open === instance.name}
          onToggleEdit={() => toggle(instance.name)}
          onChanged={reload}
        />
      ))}
    </Stack>
  );
}
