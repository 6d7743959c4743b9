import type { Knex } from 'knex';
import type { GcpServerlessConfig } from '../config/config';
import type { RequestAuthorizer } from '../access/RequestAuthorizer';
import { StandaloneAuthorizer } from '../access/StandaloneAuthorizer';
import { LoggingGateway } from '../gateways/LoggingGateway';
import type { GoogleCredentials } from '../gateways/credentials/GoogleCredentials';
import { CloudLoggingAuditLog } from '../history/CloudLoggingAuditLog';
import { CompositeAuditLog } from '../history/CompositeAuditLog';
import {
  KnexChangeHistory,
  type ChangeHistory,
} from '../history/KnexChangeHistory';
import { openStandaloneDatabase } from '../history/standaloneDatabase';
import {
  LoggerAuditLog,
  type AuditLog,
  type PluginLogger,
} from '../services/AuditLog';

/** The options of the access and history wiring (part of `PluginServicesOptions`). */
export interface AccessAndHistoryOptions {
  /** Who may do what; default: standalone roles from `config.access`. Backstage passes its permission framework. */
  authorizer?: RequestAuthorizer;
  /** Database of the change history (knex); default: the standalone SQLite file. Backstage passes its database service's client. */
  database?: Knex;
  /** Extra copies of every audit entry (the Backstage auditor); the log copy is `audit` (default: the logger). */
  auditMirrors?: Array<{ name: string; log: AuditLog }>;
  /** Replaces the log copy of audit entries (tests pass an in-memory log). */
  audit?: AuditLog;
  /** Cloud Logging gateway; default built from `config.cloudLogging` when that is set. */
  cloudLogging?: LoggingGateway;
}

/** What the router and the services get from this wiring. */
export interface AccessAndHistory {
  authorizer: RequestAuthorizer;
  history: ChangeHistory;
  /** The audit log the services record to: the database first, then every mirror. */
  audit: AuditLog;
  /** The database itself (history, the read model's leases, edit leases). */
  database: Knex;
}

/** Builds the authorizer, the history database and the audit fan-out; shared by standalone and Backstage wiring. */
export function createAccessAndHistory(
  options: AccessAndHistoryOptions,
  config: GcpServerlessConfig,
  logger: PluginLogger,
  credentials: GoogleCredentials,
): AccessAndHistory {
  const database = options.database ?? openStandaloneDatabase(config);
  const history = new KnexChangeHistory(database);
  const mirrors: Array<{ name: string; log: AuditLog }> = [
    { name: 'log', log: options.audit ?? new LoggerAuditLog(logger) },
    ...(options.auditMirrors ?? []),
  ];
  if (config.cloudLogging) {
    const gateway =
      options.cloudLogging ??
      LoggingGateway.fromConfig(config, config.cloudLogging, credentials);
    mirrors.push({
      name: 'cloud-logging',
      log: new CloudLoggingAuditLog(gateway),
    });
  }
  return {
    authorizer: options.authorizer ?? StandaloneAuthorizer.fromConfig(config),
    history,
    audit: new CompositeAuditLog(history, mirrors, logger),
    database,
  };
}
