/**
 * How fresh a page read from the backend's read model is (docs/architecture.md, "The read model").
 * Every read served from a snapshot carries it as `snapshot` at the top level of its JSON body.
 */
export interface SnapshotMeta {
  /** ISO 8601 time the snapshot was computed (the backend's clock; the sandbox's in sandbox mode). */
  computedAt: string;
  /** True when the snapshot is older than the refresh interval, or its last refresh failed. */
  stale: boolean;
  /** True when a refresh of this snapshot is running now (the page will have newer figures soon). */
  refreshing: boolean;
}

/** Answer of `POST /projects/:projectId/refresh`: every page of the project recomputed. */
export interface RefreshResponse {
  projectId: string;
  /** The windows that were recomputed. */
  windows: string[];
  snapshot: SnapshotMeta;
}
