/** A Google Cloud project the portal may read and change (the configured allowlist). */
export interface ProjectSummary {
  /** Google Cloud project id, e.g. `gryyd-web`. */
  projectId: string;
  /** Human name shown in the UI; defaults to the project id. */
  displayName: string;
  /** Regions of the allowlist, e.g. `asia-northeast3`. Only these are read or written. */
  regions: string[];
}
