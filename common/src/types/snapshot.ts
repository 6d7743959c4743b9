import type { PanelError } from './metrics';

/**
 * The last refresh of a snapshot, when it failed: the snapshot served is the last good one, and this
 * says when its refresh was tried and why it failed.
 */
export interface RefreshFailure {
  /** ISO 8601 time the failed refresh started (the backend's clock). */
  at: string;
  /**
   * Each panel that got no answer, in the panels' error shape: which one, the HTTP status our API
   * gives for it, and the message naming the Google API and what Google said.
   */
  errors: PanelError[];
}

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
  /**
   * Present when the last refresh of the page (or of a part of it) failed: the figures served are
   * the last good ones, `stale` is true, and this names the failure.
   */
  lastRefreshFailure?: RefreshFailure;
}

/** Answer of `POST /projects/:projectId/refresh`: every page of the project recomputed. */
export interface RefreshResponse {
  projectId: string;
  /** The windows that were recomputed. */
  windows: string[];
  snapshot: SnapshotMeta;
}
