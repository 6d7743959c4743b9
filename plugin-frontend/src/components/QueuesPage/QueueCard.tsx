import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type {
  NamedSeries,
  PanelError,
  QueueWithSummary,
  TimeWindow,
} from '@gcp-serverless/common';
import { useGcpServerlessApi } from '../../api/GcpServerlessApiContext';
import { formatNumber, formatRate } from '../../format';
import { useChangePermission } from '../../hooks/useChangePermission';
import { ChangePermissionNotice } from '../ChangePermission/ChangePermissionNotice';
import { CapacityChart } from '../CapacityCharts/CapacityChart';
import { ChartPanel } from '../ChartPanel/ChartPanel';
import { PurgeQueueDialog } from '../QueueForm/PurgeQueueDialog';
import { QueueForm } from '../QueueForm/QueueForm';

/** Props of {@link QueueCard}. */
export interface QueueCardProps {
  queue: QueueWithSummary;
  series: readonly NamedSeries[];
  window: TimeWindow;
  /** Metric panels that failed for the whole page (depth, attempts). */
  errors: readonly PanelError[];
  /** True when this queue's edit form is open (`?queue=` in the URL). */
  editing: boolean;
  onToggleEdit: () => void;
  onChanged: () => void;
}

const STATE_COLOR = {
  RUNNING: 'success',
  PAUSED: 'warning',
  DISABLED: 'error',
  STATE_UNSPECIFIED: 'default',
} as const;

/** One queue: state, depth now and over time, dispatch rate against its limit, failed attempts, wiring, actions. */
export function QueueCard({
  queue,
  series,
  window,
  errors,
  editing,
  onToggleEdit,
  onChanged,
}: QueueCardProps) {
  const api = useGcpServerlessApi();
  const ref = {
    projectId: queue.projectId,
    region: queue.region,
    queue: queue.name,
  };
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string>();
  const [purging, setPurging] = useState(false);
  // The backend enforces it (403); this only disables the actions and says why.
  const permission = useChangePermission('queue');
  const locked = permission.loading || !permission.allowed;
  const run = (action: () => Promise<unknown>, after?: () => void) => {
    setBusy(true);
    setActionError(undefined);
    action().then(
      () => {
        setBusy(false);
        after?.();
        onChanged();
      },
      (error: Error) => {
        setBusy(false);
        setActionError(error.message);
      },
    );
  };
  const s = queue.summary;
  const paused = queue.state === 'PAUSED';
  const depthErrors = errors
    .filter(e => e.source === 'depth')
    .map(e => e.message);
  const depthSeries = series.filter(x => x.key === 'depth');
  const attemptErrors = errors
    .filter(e => e.source === 'attempts')
    .map(e => e.message);
  const attemptSeries = series.filter(
    x => x.key === 'dispatches' || x.key === 'failed',
  );
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-label={`Queue ${queue.name}`}
      data-testid={`queue-${queue.name}`}
      sx={{ p: 2 }}
    >
      <Stack
        direction={{ xs: 'column', md: 'row' }}
        spacing={2}
        justifyContent="space-between"
        alignItems={{ md: 'center' }}
      >
        <Stack direction="row" spacing={1} alignItems="center">
          <Typography variant="h6" component="h3">
            {queue.name}
          </Typography>
          <Chip
            size="small"
            label={queue.state}
            color={STATE_COLOR[queue.state]}
            data-testid="queue-state"
          />
          <Typography variant="body2" color="text.secondary">
            {queue.region}
          </Typography>
          <Link
            href={queue.consoleUrl}
            target="_blank"
            rel="noreferrer"
            variant="body2"
          >
            Cloud Console
          </Link>
        </Stack>
        <Stack direction="row" spacing={1}>
          <Button
            size="small"
            variant="outlined"
            disabled={busy || locked}
            onClick={() =>
              run(() => (paused ? api.resumeQueue(ref) : api.pauseQueue(ref)))
            }
          >
            {paused ? 'Resume' : 'Pause'}
          </Button>
          <Button
            size="small"
            variant="outlined"
            color="error"
            disabled={busy || locked}
            onClick={() => setPurging(true)}
          >
            Purge
          </Button>
          <Button size="small" onClick={onToggleEdit}>
            {editing ? 'Close editor' : 'Edit limits'}
          </Button>
        </Stack>
      </Stack>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={3} sx={{ my: 1 }}>
        <Figure
          label="Depth now"
          value={s.depth === null ? '—' : `${formatNumber(s.depth)} tasks`}
          testId="queue-depth"
        />
        {/* Observed and configured apart: the observed rate is a mean over the window, so right after a limit change
            it may be far above the new limit ("observed 5.00/s over the last 1h; limit 0.20/s" is not a contradiction). */}
        <Figure
          label={`Observed dispatches (mean, last ${window})`}
          value={`${formatRate(s.dispatchesPerSecond)} /s`}
          testId="queue-observed-rate"
          hint="Task attempts per second averaged over the page's time window (cloudtasks.googleapis.com/queue/task_attempt_count)"
        />
        <Figure
          label="Dispatch limit (configured)"
          value={`${formatRate(queue.rateLimits.maxDispatchesPerSecond)} /s`}
          testId="queue-rate-limit"
          hint="rateLimits.maxDispatchesPerSecond of the queue as configured now"
        />
        <Figure
          label="Max concurrent (configured)"
          value={formatNumber(queue.rateLimits.maxConcurrentDispatches)}
        />
        <Figure
          label="Failed attempts"
          value={`${formatRate(s.failedAttemptsPerSecond)} /s`}
        />
        <Figure
          label="Targets"
          value={queue.targets.map(t => t.service).join(', ') || 'unknown'}
          hint={queue.targets.map(t => t.via).join('; ')}
        />
        <Figure
          label="Producers"
          value={queue.producers.map(t => t.service).join(', ') || 'unknown'}
          hint={queue.producers.map(t => t.via).join('; ')}
        />
      </Stack>
      {!editing && (
        <ChangePermissionNotice permission={permission} what="queues" />
      )}
      {actionError && (
        <Alert
          severity="error"
          onClose={() => setActionError(undefined)}
          sx={{ mb: 1 }}
        >
          {actionError}
        </Alert>
      )}
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <ChartPanel
            title="Depth"
            subtitle="tasks in the queue"
            errors={depthErrors}
            empty={depthSeries.every(x => x.points.length === 0)}
            height={180}
          >
            <CapacityChart
              series={depthSeries}
              lines={[{ key: 'depth', name: 'depth', color: 'primary' }]}
              window={window}
              unit="tasks"
              height={180}
            />
          </ChartPanel>
        </Grid>
        <Grid item xs={12} md={6}>
          <ChartPanel
            title="Dispatches"
            subtitle="task attempts per second, failed = non-2xx"
            errors={attemptErrors}
            empty={attemptSeries.every(x => x.points.length === 0)}
            height={180}
          >
            <CapacityChart
              series={attemptSeries}
              lines={[
                { key: 'dispatches', name: 'dispatches', color: 'primary' },
                { key: 'failed', name: 'failed', color: 'error' },
              ]}
              window={window}
              unit="/s"
              digits={2}
              height={180}
              limit={{
                value: queue.rateLimits.maxDispatchesPerSecond,
                label: `limit ${queue.rateLimits.maxDispatchesPerSecond}/s`,
              }}
            />
          </ChartPanel>
        </Grid>
      </Grid>
      {editing && (
        <Box sx={{ mt: 2 }}>
          <QueueForm queue={queue} onChanged={onChanged} />
        </Box>
      )}
      <PurgeQueueDialog
        queueName={queue.name}
        open={purging}
        busy={busy}
        error={purging ? actionError : undefined}
        onCancel={() => setPurging(false)}
        onConfirm={confirmName =>
          run(
            () => api.purgeQueue(ref, confirmName),
            () => setPurging(false),
          )
        }
      />
    </Paper>
  );
}

function Figure({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string;
  hint?: string;
  testId?: string;
}) {
  return (
    <Box title={hint}>
      <Typography variant="caption" color="text.secondary" component="p">
        {label}
      </Typography>
      <Typography variant="body1" data-testid={testId}>
        {value}
      </Typography>
    </Box>
  );
}
