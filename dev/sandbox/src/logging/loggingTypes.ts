/** One stored log entry: the LogEntry JSON as written, plus the fields Logging fills in. */
export interface SandboxLogEntry {
  /** `projects/P/logs/LOG` (log id URL-encoded as the client sends it). */
  logName: string;
  resource: { type: string; labels?: Record<string, string> };
  /** RFC 3339, from the entry or the sandbox clock. */
  timestamp: string;
  /** RFC 3339, sandbox clock at write. */
  receiveTimestamp: string;
  severity?: string | number;
  insertId: string;
  labels?: Record<string, string>;
  jsonPayload?: unknown;
  textPayload?: string;
  /** Request logs (Cloud Run's `run.googleapis.com/requests`): method, URL, status, latency (`"0.120s"`). */
  httpRequest?: {
    requestMethod?: string;
    requestUrl?: string;
    status?: number;
    latency?: string;
  };
}

/** Cloud Logging state of a sandbox project (SandboxProject.logging); absent until the first write. */
export interface SandboxLogging {
  /** Entries in write order. */
  entries: SandboxLogEntry[];
  /** Counter for insertIds the client left out. */
  nextInsertId: number;
}
