import type { TimeWindow } from '../types/timeWindow';

/** One log entry as the service page shows it (translated from Cloud Logging's LogEntry). */
export interface LogEntrySummary {
  /** ISO 8601. */
  timestamp: string;
  /** Logging severity name, e.g. "ERROR". */
  severity: string;
  /** Log id, e.g. "run.googleapis.com/stderr". */
  log: string;
  /** Text of the entry (textPayload, or jsonPayload.message), or null for a bare request log. */
  message: string | null;
  /** The request of a request log, or null. */
  httpRequest: {
    method: string;
    url: string;
    status: number;
    latencyMs: number | null;
  } | null;
  insertId: string;
}

/** Error entries with the same message. */
export interface ErrorGroup {
  message: string;
  count: number;
  /** ISO 8601 of the oldest and newest entry in the group (within what was read). */
  firstSeen: string;
  lastSeen: string;
  /** The newest entry. */
  sample: LogEntrySummary;
}

/** 5xx request logs with the same status, method and path. */
export interface RequestErrorGroup {
  status: number;
  method: string;
  /** URL path without the query string. */
  path: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  sample: LogEntrySummary;
}

/** GET /projects/:projectId/locations/:region/services/:service/errors?window= */
export interface RecentErrorsResponse {
  projectId: string;
  region: string;
  service: string;
  window: TimeWindow;
  /** ISO 8601 end of the window. */
  asOf: string;
  /** The Logging query used (paste into Logs Explorer). */
  filter: string;
  /** Logs Explorer with the same query and time range. */
  logsExplorerUrl: string;
  /** Application error entries grouped by message, most frequent first. */
  errors: ErrorGroup[];
  /** Request logs with a 5xx status, grouped, most frequent first. */
  requests: RequestErrorGroup[];
  /** Entries read (newest first). */
  scanned: number;
  /** True when more entries matched than were read: counts are then lower bounds. */
  truncated: boolean;
}
