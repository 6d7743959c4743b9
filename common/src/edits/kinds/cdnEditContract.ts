import {
  cdnPolicyApplyRequestSchema,
  cdnPolicyChangeSchema,
  cdnPolicyPreviewRequestSchema,
  type CdnPolicyChange,
} from '../../schemas/cdnPolicy';
import { diffCdnPolicy } from '../../cdn/cdnPolicyEdit';
import { revertBySchema, type EditContract } from '../editContract';

/**
 * Cloud CDN on/off and cache policy of a backend service or bucket. Guard: the backend service's
 * fingerprint (Google checks it); buckets have none in compute v1, so the portal's settings
 * fingerprint under a per-bucket lease.
 */
export const cdnEditContract: EditContract<CdnPolicyChange, CdnPolicyChange> = {
  kind: 'cdn',
  action: 'cdn.apply',
  changeSchema: cdnPolicyChangeSchema,
  previewRequestSchema: cdnPolicyPreviewRequestSchema,
  applyRequestSchema: cdnPolicyApplyRequestSchema,
  diff: diffCdnPolicy,
  revertOf: before => revertBySchema(cdnPolicyChangeSchema, before),
};
