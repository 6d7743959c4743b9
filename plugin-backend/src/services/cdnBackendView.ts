import {
  cdnPolicyOf,
  type BackendBucketView,
  type BackendServiceView,
  type CdnBackend,
} from '@gcp-serverless/common';
import { hitRatioOf, type CdnFigures } from './LoadBalancerMetrics';

function originOf(s: BackendServiceView): string {
  const runs = s.backends
    .filter(b => b.cloudRunService)
    .map(b => `Cloud Run ${b.cloudRunService}`);
  if (runs.length) return runs.join(', ');
  return (
    s.description ||
    s.backends
      .map(b => `${b.negType ?? 'group'} ${b.neg ?? b.group}`)
      .join(', ') ||
    'no backends'
  );
}

/** A backend service or bucket as the CDN page and the CDN edit show it, with hit figures when known. */
export function toCdnBackend(
  view: BackendServiceView | BackendBucketView,
  kind: CdnBackend['kind'],
  figures: CdnFigures | null,
  windowSeconds: number,
): CdnBackend {
  const totals = figures?.totals.get(view.name);
  const all = totals ? [...totals.values()].reduce((a, b) => a + b, 0) : null;
  return {
    kind,
    name: view.name,
    enableCdn: view.enableCdn,
    policy: cdnPolicyOf(view.enableCdn, view.cdnPolicy),
    fingerprint: view.fingerprint,
    origin:
      kind === 'backendBuckets'
        ? `Cloud Storage bucket ${(view as BackendBucketView).bucketName}`
        : originOf(view as BackendServiceView),
    hitRatio: hitRatioOf(totals),
    requestsPerSecond: figures ? (all ?? 0) / windowSeconds : null,
    consoleUrl: view.consoleUrl,
  };
}
