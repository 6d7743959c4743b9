import {
  QUEUE_FIELD_LABELS,
  QUEUE_FIELD_PATHS,
  queueFieldValue,
  type QueueApplyResult,
  type QueueChange,
  type QueueConflictDetails,
  type QueuePreview,
} from '@gcp-serverless/common';
import type { QueueRef } from '../../api/QueuesRedisApi';
import type { EditKind } from '../EditKind';

/** Rate limits and retry config of a Cloud Tasks queue, guarded by a fingerprint of its settings. */
export const queueEdit: EditKind<
  QueueRef,
  QueueChange,
  QueuePreview,
  QueueApplyResult,
  QueueConflictDetails
> = {
  kind: 'queue',
  testId: 'queue',
  title: ref => `Preview queue ${ref.queue}`,
  resourceName: ref => ref.queue,
  upstream: 'Cloud Tasks',
  preview: (api, ref, change, options) =>
    api.previewQueue(ref, change, options),
  apply: (api, ref, { change, preview, acknowledgedWarnings }, options) =>
    api.applyQueue(
      ref,
      { change, etag: preview.etag, acknowledgedWarnings },
      options,
    ),
  isConflictDetails: (details): details is QueueConflictDetails =>
    typeof (details as QueueConflictDetails | undefined)?.current?.rateLimits
      ?.maxDispatchesPerSecond === 'number',
  conflictRows: (details, wanted) =>
    QUEUE_FIELD_PATHS.map(p => ({
      field: p,
      label: QUEUE_FIELD_LABELS[p],
      now: String(queueFieldValue(details.current, p)),
      yours: String(queueFieldValue(wanted, p)),
    })),
  succeededMessage: (_, ref) => `Queue ${ref.queue} updated.`,
  sections: preview => ({ impacts: preview.impacts }),
};
