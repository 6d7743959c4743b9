/** One applied or failed change: who, what, before, after, result. */
export interface AuditEntry {
  /** ISO 8601 time of the attempt. */
  time: string;
  /** Identity of the user, or "anonymous" standalone without identity. */
  actor: string;
  action:
    | 'budget.apply'
    | 'scaling.apply'
    | 'queue.apply'
    | 'queue.pause'
    | 'queue.resume'
    | 'queue.purge'
    | 'redis.apply'
    | 'urlMap.apply'
    | 'cdn.apply';
  /** Full resource name, e.g. projects/P/locations/L/services/S. */
  resource: string;
  before: unknown;
  after: unknown;
  result: 'succeeded' | 'conflict' | 'failed';
  /** Google long-running operation name, when one was started. */
  operation?: string;
  error?: string;
}

/** Where audit entries go. Standalone writes them to the log; the Backstage wiring adds a database and the auditor. */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
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
    log.call(
      this.logger,
      `audit ${entry.action} ${entry.resource} ${entry.result}`,
      { audit: entry },
    );
  }
}

/** Keeps entries in memory; used by tests and by the standalone history until a database lands. */
export class InMemoryAuditLog implements AuditLog {
  readonly entries: AuditEntry[] = [];
  async record(entry: AuditEntry): Promise<void> {
    this.entries.push(entry);
  }
}
