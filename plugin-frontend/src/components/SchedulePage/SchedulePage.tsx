import { useState } from 'react';
import { useParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import {
  isIanaTimeZone,
  localTimeZone,
  type ScheduledChange,
} from '@gcp-serverless/common';
import { useGcpServerlessApi } from '../../api/GcpServerlessApiContext';
import { useReloadAfterChange } from '../../queries/useReloadAfterChange';
import { useServicesQuery } from '../../queries/reads';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { ScheduleCalendar } from './ScheduleCalendar';
import { ScheduleForm } from './ScheduleForm';
import { useScheduledWeek } from './useScheduledChanges';

/**
 * The Schedule tab of a project (docs/scheduled-changes.md): a week of scheduled windows and past runs
 * with their outcome, in a zone of the viewer's choice, a form that schedules a scaling change for a
 * window through the edit's preview, and cancel for a window that has not started.
 */
export function SchedulePage() {
  const { projectId = '' } = useParams();
  const api = useGcpServerlessApi();
  const reload = useReloadAfterChange(projectId);
  const [zoneInput, setZoneInput] = useState(localTimeZone);
  const zone = isIanaTimeZone(zoneInput) ? zoneInput : 'UTC';
  const [offset, setOffset] = useState(0);
  const week = useScheduledWeek(projectId, zone, offset);
  const services = useServicesQuery(projectId, '1h');
  const [cancelling, setCancelling] = useState<string>();
  const [cancelError, setCancelError] = useState<string>();

  const cancel = async (entry: ScheduledChange) => {
    setCancelling(entry.id);
    setCancelError(undefined);
    try {
      await api.cancelScheduledChange(entry);
    } catch (err) {
      setCancelError(err instanceof Error ? err.message : String(err));
    } finally {
      setCancelling(undefined);
      await reload();
    }
  };

  return (
    <Stack spacing={2}>
      {services.error && (
        <ErrorPanel
          title={`Could not load the services of ${projectId}`}
          error={services.error}
          onRetry={() => void services.refetch()}
        />
      )}
      {services.data && week.nowMs !== undefined && (
        <ScheduleForm
          projectId={projectId}
          services={services.data.services}
          nowMs={week.nowMs}
          defaultTimeZone={zone}
          onScheduled={() => void reload()}
        />
      )}
      <Box component="section" aria-label="Calendar">
        <Stack
          direction={{ xs: 'column', md: 'row' }}
          spacing={2}
          alignItems={{ md: 'center' }}
          sx={{ mb: 1 }}
        >
          <Typography variant="subtitle1" component="h2" sx={{ flexGrow: 1 }}>
            Calendar
            {week.days
              ? `: ${week.days[0]!.label} – ${week.days[6]!.label}`
              : ''}
          </Typography>
          <TextField
            size="small"
            label="Shown in time zone"
            value={zoneInput}
            onChange={e => setZoneInput(e.target.value)}
            error={!isIanaTimeZone(zoneInput)}
            helperText={
              isIanaTimeZone(zoneInput) ? ' ' : 'Unknown zone: shown in UTC'
            }
            inputProps={{ 'data-testid': 'schedule-calendar-zone' }}
          />
          <Button onClick={() => setOffset(o => o - 1)}>Previous week</Button>
          <Button onClick={() => setOffset(0)} disabled={offset === 0}>
            This week
          </Button>
          <Button onClick={() => setOffset(o => o + 1)}>Next week</Button>
        </Stack>
        {cancelError && (
          <Alert
            severity="error"
            sx={{ mb: 1 }}
            data-testid="schedule-cancel-error"
          >
            {cancelError}
          </Alert>
        )}
        {week.query.error && (
          <ErrorPanel
            title={`Could not load the scheduled changes of ${projectId}`}
            error={week.query.error}
            onRetry={() => void week.query.refetch()}
          />
        )}
        {!week.query.data && !week.query.error && (
          <LinearProgress aria-label="Loading the calendar" />
        )}
        {week.days && week.query.data && week.nowMs !== undefined && (
          <ScheduleCalendar
            days={week.days}
            entries={week.query.data.entries}
            timeZone={zone}
            nowMs={week.nowMs}
            onCancel={e => void cancel(e)}
            cancelling={cancelling}
          />
        )}
      </Box>
    </Stack>
  );
}
