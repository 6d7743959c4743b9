import {
  queueApplyRequestSchema,
  queueChangeSchema,
  queuePreviewRequestSchema,
  type QueueChange,
} from '../../schemas/queues';
import { diffQueue } from '../../queues/queueDiff';
import type { QueueSettings } from '../../types/queues';
import { revertBySchema, type EditContract } from '../editContract';

/**
 * Cloud Tasks rate limits and retry config. Queues have no etag: the guard is the portal's settings
 * fingerprint, and the backend serializes read-compare-write per queue (docs/api.md, "Guards").
 */
export const queueEditContract: EditContract<QueueSettings, QueueChange> = {
  kind: 'queue',
  action: 'queue.apply',
  changeSchema: queueChangeSchema,
  previewRequestSchema: queuePreviewRequestSchema,
  applyRequestSchema: queueApplyRequestSchema,
  diff: diffQueue,
  revertOf: before => revertBySchema(queueChangeSchema, before),
};
