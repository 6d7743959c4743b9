import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import {
  calendarWeek,
  type CalendarDay,
  type ScheduledChangesResponse,
} from '@gcp-serverless/common';
import { useGcpServerlessApi } from '../../api/GcpServerlessApiContext';
import { queryKeys } from '../../queries/queryKeys';

/** How often the calendar asks again, so runs show up as the scheduler makes them. */
const POLL_MS = 5_000;

/** The calendar's week and its windows. */
export interface ScheduledWeek {
  /** The backend's clock (the sandbox's in sandbox mode), epoch ms; undefined until first read. */
  nowMs?: number;
  days?: CalendarDay[];
  query: UseQueryResult<ScheduledChangesResponse>;
}

/**
 * The windows of one week of a project's calendar, in `timeZone`, `offsetWeeks` from the week of the
 * backend's now: one read learns the backend's clock, the next reads the week it falls in.
 */
export function useScheduledWeek(
  projectId: string,
  timeZone: string,
  offsetWeeks: number,
): ScheduledWeek {
  const api = useGcpServerlessApi();
  const clock = useQuery({
    queryKey: queryKeys.scheduledChanges(projectId, null),
    queryFn: ({ signal }) =>
      api.listScheduledChanges(projectId, undefined, { signal }),
    refetchInterval: POLL_MS,
  });
  const nowMs = clock.data ? Date.parse(clock.data.now) : undefined;
  const days =
    nowMs === undefined
      ? undefined
      : calendarWeek(nowMs, timeZone, offsetWeeks);
  const from = days ? new Date(days[0]!.startMs).toISOString() : null;
  const to = days ? new Date(days[6]!.endMs).toISOString() : '';
  const query = useQuery({
    queryKey: [...queryKeys.scheduledChanges(projectId, from), to],
    queryFn: ({ signal }) =>
      api.listScheduledChanges(projectId, { from: from!, to }, { signal }),
    enabled: from !== null,
    refetchInterval: POLL_MS,
  });
  return { nowMs, days, query };
}
