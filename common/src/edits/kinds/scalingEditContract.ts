import {
  scalingApplyRequestSchema,
  scalingChangeSchema,
  scalingPreviewRequestSchema,
  type ScalingChange,
} from '../../schemas/scaling';
import { diffScaling } from '../../scaling/scalingDiff';
import type { ScalingSettings } from '../../types/cloudRun';
import { revertBySchema, type EditContract } from '../editContract';

/** Cloud Run min/max instances and concurrency; guard: the service's etag (Google checks it too). */
export const scalingEditContract: EditContract<ScalingSettings, ScalingChange> =
  {
    kind: 'scaling',
    action: 'scaling.apply',
    changeSchema: scalingChangeSchema,
    previewRequestSchema: scalingPreviewRequestSchema,
    applyRequestSchema: scalingApplyRequestSchema,
    diff: diffScaling,
    revertOf: before => revertBySchema(scalingChangeSchema, before),
  };
