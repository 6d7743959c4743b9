import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import {
  windowTimesIn,
  type ScheduledChange,
  type ScheduledChangeStatus,
  type ScheduledRun,
} from '@gcp-serverless/common';

const STATUS_COLOR: Record<
  ScheduledChangeStatus,
  'default' | 'primary' | 'success' | 'warning' | 'error' | 'info'
> = {
  scheduled: 'info',
  starting: 'primary',
  active: 'primary',
  reverting: 'primary',
  completed: 'success',
  skipped: 'warning',
  failed: 'error',
  cancelled: 'default',
};

/** The resource's short name: the last segment of its full name. */
function shortName(resource: string): string {
  return resource.split('/').pop() ?? resource;
}

const RUN_COLOR: Record<ScheduledRun['outcome'], string> = {
  applied: 'text.secondary',
  pending: 'text.secondary',
  skipped: 'warning.main',
  failed: 'error',
};

function RunLine({ run }: { run: ScheduledRun }) {
  const what = run.step === 'start' ? 'Start' : 'Revert';
  return (
    <Typography
      variant="caption"
      component="div"
      color={RUN_COLOR[run.outcome]}
      data-testid={`scheduled-${run.step}`}
    >
      {what}: {run.outcome}
      {run.reason ? ` — ${run.reason}` : ''}
    </Typography>
  );
}

/** One window on the calendar: what, when (in the calendar's zone and its own), its status and runs; cancel while it waits. */
export function ScheduledWindowCard({
  entry,
  timeZone,
  onCancel,
  cancelling,
}: {
  entry: ScheduledChange;
  timeZone: string;
  onCancel(entry: ScheduledChange): void;
  cancelling: boolean;
}) {
  const name = shortName(entry.resource);
  const own = entry.window.timeZone !== timeZone;
  return (
    <Box
      data-testid="scheduled-window"
      data-status={entry.status}
      sx={{
        borderLeft: 3,
        borderColor: `${
          STATUS_COLOR[entry.status] === 'default'
            ? 'grey'
            : STATUS_COLOR[entry.status]
        }.main`,
        pl: 1,
        mb: 1,
      }}
    >
      <Typography variant="body2" fontWeight="bold">
        {windowTimesIn(entry, timeZone)} {name}
      </Typography>
      {own && (
        <Typography variant="caption" component="div" color="text.secondary">
          {entry.window.start.slice(11)}–{entry.window.end.slice(11)}{' '}
          {entry.window.timeZone}
        </Typography>
      )}
      <Typography variant="caption" component="div">
        {entry.diff.map(d => `${d.label} ${d.before} → ${d.after}`).join(', ')},
        then back
      </Typography>
      <Typography variant="caption" component="div" color="text.secondary">
        Scheduled by {entry.scheduledBy}
      </Typography>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, my: 0.5 }}>
        <Chip
          size="small"
          variant="outlined"
          label={entry.status}
          color={STATUS_COLOR[entry.status]}
          data-testid="scheduled-status"
        />
        {entry.status === 'scheduled' && (
          <Button
            size="small"
            onClick={() => onCancel(entry)}
            disabled={cancelling}
            aria-label={`Cancel the window of ${name} at ${windowTimesIn(
              entry,
              timeZone,
            )}`}
          >
            Cancel
          </Button>
        )}
      </Box>
      {entry.start && <RunLine run={entry.start} />}
      {entry.revert && <RunLine run={entry.revert} />}
    </Box>
  );
}
