import type { ChangeResult } from '@gcp-serverless/common';
import type { LogSeverity, LoggingGateway } from '../gateways/LoggingGateway';
import type { AuditEntry, AuditLog } from '../services/AuditLog';
import { kindOfAction, projectOfResource } from './KnexChangeHistory';

/** A conflict is a warning (nothing changed, the user retries); anything else not succeeded is an error. */
const SEVERITY: Partial<Record<ChangeResult, LogSeverity>> = {
  succeeded: 'NOTICE',
  conflict: 'WARNING',
};

/**
 * Mirrors each change to Cloud Logging as a structured entry, so the trail also lives where the
 * organisation's log retention, sinks and alerts already are. Labels carry what people filter on
 * (`labels.action="scaling.apply"`, `labels.result="failed"`); the payload carries before/after.
 */
export class CloudLoggingAuditLog implements AuditLog {
  private readonly gateway: LoggingGateway;

  constructor(gateway: LoggingGateway) {
    this.gateway = gateway;
  }

  async record(entry: AuditEntry): Promise<void> {
    await this.gateway.write({
      severity: SEVERITY[entry.result] ?? 'ERROR',
      time: entry.time,
      labels: {
        plugin: 'gcp-serverless',
        kind: kindOfAction(entry.action),
        action: entry.action,
        result: entry.result,
        actor: entry.actor,
        ...(projectOfResource(entry.resource)
          ? { project_id: projectOfResource(entry.resource)! }
          : {}),
      },
      payload: {
        message: `${entry.actor} ${entry.action} ${entry.resource}: ${entry.result}`,
        actor: entry.actor,
        action: entry.action,
        resource: entry.resource,
        before: entry.before ?? null,
        after: entry.after ?? null,
        result: entry.result,
        operation: entry.operation ?? null,
        error: entry.error ?? null,
      },
    });
  }
}
