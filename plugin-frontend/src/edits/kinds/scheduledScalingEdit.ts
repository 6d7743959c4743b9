import type {
  ScalingChange,
  ScalingConflictDetails,
  ScalingPreview,
  ScheduleWindow,
  ScheduledChange,
} from '@gcp-serverless/common';
import type { ServiceRef } from '../../api/GcpServerlessApi';
import type { EditKind } from '../EditKind';
import { scalingEdit } from './scalingEdit';

/** A Cloud Run service and the window a scaling change is scheduled for. */
export interface ScheduledScalingRef extends ServiceRef {
  window: ScheduleWindow;
}

/** `2026-12-11 17:00 to 23:00 Asia/Seoul`. */
export function windowLabel(window: ScheduleWindow): string {
  const sameDay = window.start.slice(0, 10) === window.end.slice(0, 10);
  return `${window.start.replace('T', ' ')} to ${
    sameDay ? window.end.slice(11) : window.end.replace('T', ' ')
  } ${window.timeZone}`;
}

/**
 * A scaling change scheduled for a window (docs/scheduled-changes.md): the scaling edit's preview,
 * then "Schedule" instead of "Apply" — the same body plus the window, checked by the backend like
 * an apply (etag, acknowledged warnings) and again when the window starts.
 */
export const scheduledScalingEdit: EditKind<
  ScheduledScalingRef,
  ScalingChange,
  ScalingPreview,
  ScheduledChange,
  ScalingConflictDetails
> = {
  ...(scalingEdit as unknown as EditKind<
    ScheduledScalingRef,
    ScalingChange,
    ScalingPreview,
    ScheduledChange,
    ScalingConflictDetails
  >),
  testId: 'schedule',
  applyLabel: 'Schedule',
  title: ref =>
    `Schedule scaling of ${ref.service}: ${windowLabel(ref.window)}, then back`,
  apply: (api, ref, { change, preview, acknowledgedWarnings }, options) =>
    api.scheduleScaling(
      { projectId: ref.projectId, region: ref.region, service: ref.service },
      { change, etag: preview.etag, acknowledgedWarnings, window: ref.window },
      options,
    ),
  succeededMessage: (scheduled, ref) =>
    `Scheduled for ${ref.service}: ${scheduled.diff
      .map(d => `${d.label} ${d.before} → ${d.after}`)
      .join(', ')} from ${windowLabel(scheduled.window)}, then back.`,
};
