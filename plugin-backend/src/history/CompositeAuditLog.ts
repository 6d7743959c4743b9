import type { AuditEntry, AuditLog, PluginLogger } from '../services/AuditLog';

/**
 * Writes each entry to the system of record first (the history database), then to the mirrors
 * (Backstage auditor, Cloud Logging, the log). A mirror failing never fails the user's change: it
 * is logged with the whole entry so nothing is lost. The database failing is logged the same way, at
 * error level, and not rethrown: the change already happened at Google, and answering it as failed
 * would invite a second, duplicate apply.
 */
export class CompositeAuditLog implements AuditLog {
  private readonly primary: AuditLog;
  private readonly mirrors: Array<{ name: string; log: AuditLog }>;
  private readonly logger: PluginLogger;

  constructor(
    primary: AuditLog,
    mirrors: Array<{ name: string; log: AuditLog }>,
    logger: PluginLogger,
  ) {
    this.primary = primary;
    this.mirrors = mirrors;
    this.logger = logger;
  }

  async record(entry: AuditEntry): Promise<void> {
    try {
      await this.primary.record(entry);
    } catch (err) {
      this.logger.error(
        `change history write failed; entry kept in this log line`,
        { audit: withoutOrigin(entry), error: String(err) },
      );
    }
    await this.mirror(entry);
  }

  /** Settles a pending entry in the system of record, then tells the mirrors the final result. */
  async settle(entry: AuditEntry): Promise<void> {
    try {
      await (this.primary.settle
        ? this.primary.settle(entry)
        : this.primary.record(entry));
    } catch (err) {
      this.logger.error(
        `change history settle failed; entry kept in this log line`,
        { audit: withoutOrigin(entry), error: String(err) },
      );
    }
    await this.mirror(entry);
  }

  private async mirror(entry: AuditEntry): Promise<void> {
    await Promise.all(
      this.mirrors.map(async ({ name, log }) => {
        try {
          await log.record(entry);
        } catch (err) {
          this.logger.warn(`audit mirror ${name} failed`, {
            audit: withoutOrigin(entry),
            error: String(err),
          });
        }
      }),
    );
  }
}

/** The entry without its request object (which does not belong in a log line). */
function withoutOrigin(entry: AuditEntry): AuditEntry {
  const { origin: _origin, ...rest } = entry;
  return rest;
}
