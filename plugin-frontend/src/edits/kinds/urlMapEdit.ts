import {
  diffUrlMaps,
  type UrlMapApplyResult,
  type UrlMapConflictDetails,
  type UrlMapEdit,
  type UrlMapPreview,
} from '@gcp-serverless/common';
import type { UrlMapRef } from '../../api/LoadBalancingApi';
import type { EditKind } from '../EditKind';

/** The routes of a global URL map (defaults, host rules, path matchers), guarded by compute's fingerprint. */
export const urlMapEdit: EditKind<
  UrlMapRef,
  UrlMapEdit,
  UrlMapPreview,
  UrlMapApplyResult,
  UrlMapConflictDetails
> = {
  kind: 'routing',
  testId: 'urlmap',
  title: ref => `Preview routes of ${ref.urlMap}`,
  resourceName: ref => ref.urlMap,
  upstream: 'Google (urlMaps.validate)',
  preview: (api, ref, change, options) =>
    api.previewUrlMap(ref, change, options),
  apply: (api, ref, { change, preview }, options) =>
    api.applyUrlMap(ref, { change, fingerprint: preview.fingerprint }, options),
  isConflictDetails: (details): details is UrlMapConflictDetails =>
    typeof details === 'object' &&
    details !== null &&
    'current' in details &&
    'fingerprint' in details,
  // Only the routes that differ: a map has too many lines to list them all.
  conflictRows: (details, _wanted, preview) =>
    diffUrlMaps(details.current.spec, preview.proposed).map(d => ({
      field: d.field,
      label: d.label,
      now: show(d.before),
      yours: show(d.after),
    })),
  succeededMessage: (result, ref) =>
    `Routes of ${ref.urlMap} updated (operation ${result.operation
      .split('/')
      .pop()}).`,
  sections: preview => ({ findings: preview.findings }),
};

function show(value: string | number | boolean | null): string {
  return value === null ? '—' : String(value);
}
