import type {
  PanelError,
  RefreshFailure,
  SnapshotMeta,
} from '@gcp-serverless/common';

/** The failures of several parts as one: the latest time, every part's errors (each once). */
function combineFailures(parts: SnapshotMeta[]): RefreshFailure | undefined {
  const failures = parts
    .map(p => p.lastRefreshFailure)
    .filter((f): f is RefreshFailure => Boolean(f));
  if (failures.length === 0) return undefined;
  const seen = new Set<string>();
  const errors: PanelError[] = [];
  for (const e of failures.flatMap(f => f.errors)) {
    const id = `${e.source}\n${e.status}\n${e.message}`;
    if (!seen.has(id)) errors.push(e);
    seen.add(id);
  }
  const at = failures.reduce((a, b) =>
    Date.parse(b.at) > Date.parse(a.at) ? b : a,
  ).at;
  return { at, errors };
}

/**
 * The age of a page built from several snapshots: the oldest part's time; stale or refreshing if
 * any part is; the failures of the parts whose last refresh failed. With no part at all the page
 * is as of `emptyAtMs` (epoch ms: the caller's clock now), or the epoch when the caller has none.
 */
export function combineSnapshotMeta(
  parts: SnapshotMeta[],
  emptyAtMs = 0,
): SnapshotMeta {
  if (parts.length === 0)
    return {
      computedAt: new Date(emptyAtMs).toISOString(),
      stale: false,
      refreshing: false,
    };
  const oldest = parts.reduce((a, b) =>
    Date.parse(b.computedAt) < Date.parse(a.computedAt) ? b : a,
  );
  const failure = combineFailures(parts);
  return {
    computedAt: oldest.computedAt,
    stale: parts.some(p => p.stale),
    refreshing: parts.some(p => p.refreshing),
    ...(failure ? { lastRefreshFailure: failure } : {}),
  };
}

/** A served page without its `snapshot` field, to embed it in a larger page. */
export function withoutSnapshot<T extends { snapshot?: SnapshotMeta }>(
  served: T,
): Omit<T, 'snapshot'> {
  const { snapshot: _snapshot, ...rest } = served;
  return rest;
}
