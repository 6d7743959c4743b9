import {
  diffCdnPolicy,
  type CdnConflictDetails,
  type CdnPolicyApplyResult,
  type CdnPolicyChange,
  type CdnPolicyPreview,
} from '@gcp-serverless/common';
import type { CdnBackendRef } from '../../api/LoadBalancingApi';
import type { EditKind } from '../EditKind';

/** The Cloud CDN cache policy of a backend service or bucket, guarded by compute's fingerprint. */
export const cdnPolicyEdit: EditKind<
  CdnBackendRef,
  CdnPolicyChange,
  CdnPolicyPreview,
  CdnPolicyApplyResult,
  CdnConflictDetails
> = {
  kind: 'cdn',
  testId: 'cdn',
  title: ref => `Preview cache policy of ${ref.name}`,
  resourceName: ref => ref.name,
  upstream: 'the compute operation',
  preview: (api, ref, change, options) =>
    api.previewCdnPolicy(ref, change, options),
  apply: (api, ref, { change, preview }, options) =>
    api.applyCdnPolicy(
      ref,
      { change, fingerprint: preview.fingerprint },
      options,
    ),
  isConflictDetails: (details): details is CdnConflictDetails =>
    typeof details === 'object' &&
    details !== null &&
    'current' in details &&
    'backend' in details,
  conflictRows: (details, wanted) =>
    diffCdnPolicy(details.current, wanted).map(d => ({
      field: d.field,
      label: d.label,
      now: show(d.before),
      yours: show(d.after),
    })),
  succeededMessage: (result, ref) =>
    `Cache policy of ${ref.name} updated (operation ${result.operation
      .split('/')
      .pop()}).`,
  sections: preview => ({
    cost: preview.cost,
    costUnavailable: preview.costUnavailable,
  }),
};

function show(value: string | number | boolean | null): string {
  return value === null ? 'not set' : String(value);
}
