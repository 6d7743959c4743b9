import type {
  ScalingApplyResult,
  ScalingChange,
  ScalingConflictDetails,
  ScalingPreview,
} from '@gcp-serverless/common';
import type { ServiceRef } from '../../api/GcpServerlessApi';
import type { EditKind } from '../EditKind';

const FIELDS = [
  ['minInstances', 'Min instances'],
  ['maxInstances', 'Max instances'],
  ['concurrency', 'Concurrency'],
] as const;

/** Min/max instances and concurrency of a Cloud Run service, guarded by the service's etag. */
export const scalingEdit: EditKind<
  ServiceRef,
  ScalingChange,
  ScalingPreview,
  ScalingApplyResult,
  ScalingConflictDetails
> = {
  kind: 'scaling',
  testId: 'scaling',
  title: ref => `Preview scaling of ${ref.service}`,
  resourceName: ref => ref.service,
  upstream: 'Cloud Run',
  preview: (api, ref, change, options) =>
    api.previewScaling(ref, change, options),
  apply: (api, ref, { change, preview, acknowledgedWarnings }, options) =>
    api.applyScaling(
      ref,
      { change, etag: preview.etag, acknowledgedWarnings },
      options,
    ),
  isConflictDetails: (details): details is ScalingConflictDetails =>
    typeof (details as ScalingConflictDetails | undefined)?.current
      ?.maxInstances === 'number',
  conflictRows: (details, wanted) =>
    FIELDS.map(([field, label]) => ({
      field,
      label,
      now: String(details.current[field]),
      yours: String(wanted[field]),
    })),
  succeededMessage: ({ service: { name, scaling } }) =>
    `Scaling of ${name} updated: min ${scaling.minInstances}, max ${scaling.maxInstances}, concurrency ${scaling.concurrency}.`,
  sections: preview => ({
    impacts: preview.capacityImpact,
    cost: preview.cost,
    whatIf: preview.whatIf,
    whatIfUnavailable: preview.whatIfError,
  }),
};
