import type { SnapshotMeta } from '@gcp-serverless/common';

/** The age of a page built from several snapshots: the oldest part's time; stale or refreshing if any part is. */
export function combineSnapshotMeta(parts: SnapshotMeta[]): SnapshotMeta {
  if (parts.length === 0)
    return {
      computedAt: new Date(0).toISOString(),
      stale: false,
      refreshing: false,
    };
  const oldest = parts.reduce((a, b) =>
    Date.parse(b.computedAt) < Date.parse(a.computedAt) ? b : a,
  );
  return {
    computedAt: oldest.computedAt,
    stale: parts.some(p => p.stale),
    refreshing: parts.some(p => p.refreshing),
  };
}

/** A served page without its `snapshot` field, to embed it in a larger page. */
export function withoutSnapshot<T extends { snapshot?: SnapshotMeta }>(
  served: T,
): Omit<T, 'snapshot'> {
  const { snapshot: _snapshot, ...rest } = served;
  return rest;
}
