/**
 * Snapshot metadata as the backend sends it with every read served from its read model
 * (docs/api.md, "Snapshots"): when the figures were computed, whether they are older than the refresh
 * interval, and whether a refresh is running.
 */
export interface SnapshotInfo {
  /** ISO 8601. */
  computedAt: string;
  stale: boolean;
  refreshing: boolean;
}

/** The `snapshot` field of an answer, or undefined when the answer was read directly (no read model). */
export function snapshotOf(response: unknown): SnapshotInfo | undefined {
  if (
    typeof response !== 'object' ||
    response === null ||
    !('snapshot' in response)
  )
    return undefined;
  const s = (response as { snapshot?: unknown }).snapshot;
  return typeof s === 'object' &&
    s !== null &&
    typeof (s as SnapshotInfo).computedAt === 'string'
    ? (s as SnapshotInfo)
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
