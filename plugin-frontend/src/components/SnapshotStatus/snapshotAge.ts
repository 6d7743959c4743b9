import type { RefreshFailure, SnapshotMeta } from '@gcp-serverless/common';

/**
 * The `snapshot` field of any page's answer (every read served from the backend's read model carries
 * one), or undefined when the answer was read directly: then the page shows no age.
 */
export function snapshotOf(response: unknown): SnapshotMeta | undefined {
  if (
    typeof response !== 'object' ||
    response === null ||
    !('snapshot' in response)
  )
    return undefined;
  const s = (response as { snapshot?: unknown }).snapshot;
  return typeof s === 'object' &&
    s !== null &&
    typeof (s as SnapshotMeta).computedAt === 'string'
    ? (s as SnapshotMeta)
    : undefined;
}

/**
 * "updated 40 s ago" from the snapshot's time and now (ms since the epoch). A time ahead of the
 * browser's clock (clock skew, the sandbox's clock) reads "just now", never a negative age.
 */
export function formatSnapshotAge(computedAt: string, nowMs: number): string {
  const computed = Date.parse(computedAt);
  if (Number.isNaN(computed)) return 'updated at an unknown time';
  const seconds = Math.floor((nowMs - computed) / 1000);
  if (seconds < 5) return 'updated just now';
  if (seconds < 60) return `updated ${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `updated ${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `updated ${hours} h ago`;
  return `updated ${Math.floor(hours / 24)} d ago`;
}

/**
 * The failed last refresh in one line: "last refresh failed 1 min ago: listing URL maps of gryyd-web
 * failed: The service is currently unavailable. (503)", "… and 2 more" when several panels failed.
 */
export function formatRefreshFailure(
  failure: RefreshFailure,
  nowMs: number,
): string {
  const when = formatSnapshotAge(failure.at, nowMs).replace(/^updated /, '');
  const [first, ...rest] = failure.errors;
  const what = first ? `: ${first.message} (${first.status})` : '';
  const more = rest.length > 0 ? ` and ${rest.length} more` : '';
  return `last refresh failed ${when}${what}${more}`;
}
