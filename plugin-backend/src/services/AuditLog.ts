/** One applied or failed change: who, what, before, after, result. */
export interface AuditEntry {
  /** Stable id of the history entry (UUID); set by the edit path so that a pending entry can be settled later. */
  id?: string;
  /** ISO 8601 time of the attempt. */
  time: string;
  /** Identity of the user, or "anonymous" standalone without identity. */
  actor: string;
  /** `<kind>.apply` of an edit contract (e.g. `scaling.apply`, `urlMap.apply`), or `queue.pause|resume|purge`. */
  action: string;
  /** Full resource name, e.g. projects/P/locations/L/services/S. */
  resource: string;
  before: unknown;
  after: unknown;
  /** `pending`: submitted, not yet confirmed; settled later through `AuditLog.settle`. */
  result: 'succeeded' | 'conflict' | 'failed' | 'pending';
  /** Projects whose history lists the entry; default: the project in `resource`. Budgets list the projects they cover. */
  projects?: string[];
  /**
   * The HTTP request that made the change (opaque here: services never import express). The Backstage
   * auditor takes the acting user from it; absent when the reconciler settles an entry.
   */
  origin?: unknown;
  /** Google long-running operation name, when one was started. */
  operation?: string;
  error?: string;
  /** Why the change was made or decided, e.g. "approved by bob@… (requested by ana@…): peak sale" (docs/approvals.md). */
  note?: string;
}

/** Where audit entries go. Standalone writes them to the log; the Backstage wiring adds a database and the auditor. */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Settles a `pending` entry (same `id`) as succeeded or failed; logs without state just record it again. */
  settle?(entry: AuditEntry): Promise<void>;
}

/** Minimal logger the plugin needs (Backstage's LoggerService and console both fit). */
export interface PluginLogger {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

/** Audit entries as structured log lines. */
export class LoggerAuditLog implements AuditLog {
  private readonly logger: PluginLogger;

  constructor(logger: PluginLogger) {
    this.logger = logger;
  }

  async record(entry: AuditEntry): Promise<void> {
    const log =
      entry.result === 'succeeded' ? this.logger.info : this.logger.warn;
    const { origin: _origin, ...audit } = entry;
    log.call(
      this.logger,
      `audit ${entry.action} ${entry.resource} ${entry.result}`,
      { audit },
    );
  }
}

/** Keeps entries in memory; used by tests and by the standalone history until a database lands. */
export class InMemoryAuditLog implements AuditLog {
  readonly entries: AuditEntry[] = [];
  async record(entry: AuditEntry): Promise<void> {
    const { origin: _origin, ...rest } = entry;
    this.entries.push(rest);
  }
}
