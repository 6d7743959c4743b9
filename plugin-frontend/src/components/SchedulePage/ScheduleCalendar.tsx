import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import {
  windowsOnDay,
  type CalendarDay,
  type ScheduledChange,
} from '@gcp-serverless/common';
import { ScheduledWindowCard } from './ScheduledWindowCard';

/** Props of {@link ScheduleCalendar}. */
export interface ScheduleCalendarProps {
  days: CalendarDay[];
  entries: ScheduledChange[];
  /** The zone the days and times are shown in. */
  timeZone: string;
  /** The backend's now, epoch ms: today is marked. */
  nowMs: number;
  onCancel(entry: ScheduledChange): void;
  cancelling?: string;
}

/** A week, Monday to Sunday: each day lists the windows that overlap it, scheduled and past with their outcome. */
export function ScheduleCalendar({
  days,
  entries,
  timeZone,
  nowMs,
  onCancel,
  cancelling,
}: ScheduleCalendarProps) {
  return (
    <Box
      role="list"
      aria-label="Scheduled changes of the week"
      data-testid="schedule-calendar"
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', md: 'repeat(7, minmax(0, 1fr))' },
        gap: 1,
      }}
    >
      {days.map(day => {
        const today = nowMs >= day.startMs && nowMs < day.endMs;
        const windows = windowsOnDay(entries, day);
        return (
          <Paper
            key={day.date}
            role="listitem"
            variant="outlined"
            data-testid={`schedule-day-${day.date}`}
            sx={{
              p: 1,
              minHeight: 160,
              borderColor: today ? 'primary.main' : undefined,
            }}
          >
            <Typography
              variant="subtitle2"
              component="h3"
              color={today ? 'primary' : undefined}
              gutterBottom
            >
              {day.label}
              {today ? ' (today)' : ''}
            </Typography>
            {windows.length === 0 ? (
              <Typography variant="caption" color="text.secondary">
                Nothing scheduled
              </Typography>
            ) : (
              windows.map(entry => (
                <ScheduledWindowCard
                  key={entry.id}
                  entry={entry}
                  timeZone={timeZone}
                  onCancel={onCancel}
                  cancelling={cancelling === entry.id}
                />
              ))
            )}
          </Paper>
        );
      })}
    </Box>
  );
}
