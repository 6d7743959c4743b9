import Alert from '@mui/material/Alert';
import CircularProgress from '@mui/material/CircularProgress';
import type { QueueSettings, RedisSettings } from '@gcp-serverless/common';
import { useQueuesQuery, useRedisQuery } from '../../queries/reads';
import { QueueForm } from '../QueueForm/QueueForm';
import { RedisForm } from '../RedisForm/RedisForm';
import type { RevertEditorProps } from './RevertEditorProps';

/** `projects/P/locations/L/<collection>/N` → its parts, or undefined. */
function refOf(resource: string, collection: 'queues' | 'instances') {
  const m = new RegExp(
    `^projects/([^/]+)/locations/([^/]+)/${collection}/([^/]+)$`,
  ).exec(resource);
  return m ? { projectId: m[1]!, region: m[2]!, name: m[3]! } : undefined;
}

/** A settings object from an entry's `before`, when it is one (pause/resume/purge entries have none). */
const settingsOf = <T,>(before: unknown, key: string): T | undefined =>
  before && typeof before === 'object' && key in before
    ? (before as T)
    : undefined;

/** Queue: the queue form, started from the entry's `before` rate limits and retry config. */
export function QueueRevertEditor({
  entry,
  onSucceeded,
  onChanged,
}: RevertEditorProps) {
  const ref = refOf(entry.resource, 'queues');
  // There is no single-queue route: the list is one Cloud Tasks call per region anyway.
  const list = useQueuesQuery(ref?.projectId, '1h');
  if (!ref)
    return <Alert severity="error">Not a queue: {entry.resource}</Alert>;
  if (list.error)
    return (
      <Alert severity="error">
        Could not load the queue: {list.error.message}
      </Alert>
    );
  if (!list.data) return <CircularProgress aria-label="Loading the queue" />;
  const queue = list.data.queues.find(
    q => q.name === ref?.name && q.region === ref?.region,
  );
  if (!queue)
    return (
      <Alert severity="warning">Queue {ref?.name} no longer exists.</Alert>
    );
  return (
    <QueueForm
      queue={queue}
      initialValues={settingsOf<QueueSettings>(entry.before, 'rateLimits')}
      onChanged={onChanged}
      onSucceeded={onSucceeded}
    />
  );
}

/** Redis: the Redis form, started from the entry's `before` memory size and configs. */
export function RedisRevertEditor({
  entry,
  onSucceeded,
  onChanged,
}: RevertEditorProps) {
  const ref = refOf(entry.resource, 'instances');
  const list = useRedisQuery(ref?.projectId, '1h');
  if (!ref)
    return (
      <Alert severity="error">Not a Redis instance: {entry.resource}</Alert>
    );
  if (list.error)
    return (
      <Alert severity="error">
        Could not load the instance: {list.error.message}
      </Alert>
    );
  if (!list.data) return <CircularProgress aria-label="Loading the instance" />;
  const instance = list.data.instances.find(
    i => i.name === ref?.name && i.region === ref?.region,
  );
  if (!instance)
    return (
      <Alert severity="warning">
        Redis instance {ref?.name} no longer exists.
      </Alert>
    );
  return (
    <RedisForm
      instance={instance}
      initialValues={settingsOf<RedisSettings>(entry.before, 'memorySizeGb')}
      onChanged={onChanged}
      onSucceeded={onSucceeded}
    />
  );
}
