import {
  urlMapApplyRequestSchema,
  urlMapEditSchema,
  urlMapPreviewRequestSchema,
  type UrlMapEdit,
} from '../../schemas/urlMapEdit';
import { diffUrlMaps } from '../../routing/urlMapDiff';
import { editOf } from '../../routing/urlMapEditOf';
import type { UrlMapSpec } from '../../routing/urlMapTypes';
import { revertBySchema, type EditContract } from '../editContract';

/**
 * Load balancer URL map routes. History stores whole maps (`UrlMapSpec`); a revert edits the map
 * back to `before`. Guard: the map's fingerprint, which Google checks on the write.
 */
export const urlMapEditContract: EditContract<UrlMapSpec, UrlMapEdit> = {
  kind: 'routing',
  action: 'urlMap.apply',
  changeSchema: urlMapEditSchema,
  previewRequestSchema: urlMapPreviewRequestSchema,
  applyRequestSchema: urlMapApplyRequestSchema,
  diff: diffUrlMaps,
  revertOf: before => {
    if (
      !before ||
      typeof before !== 'object' ||
      !Array.isArray((before as UrlMapSpec).hostRules ?? [])
    )
      return null;
    return revertBySchema(urlMapEditSchema, editOf(before as UrlMapSpec));
  },
};
