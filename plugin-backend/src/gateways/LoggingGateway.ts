import type { Log } from '@google-cloud/logging';
import { googleClientClass } from './googleClients';
import type { GcpServerlessConfig } from '../config/config';
import type { GoogleCredentials } from './credentials/GoogleCredentials';
import { guardClient } from './credentials/guardClient';
import type { CloudLoggingConfig } from '../config/accessConfig';
import { callOptions, withDeadline } from './callSettings';
import { googleClientOptions } from './googleClientOptions';
import { wrapGoogleError } from './googleErrors';

/** Severity names of Cloud Logging (google.logging.type.LogSeverity). */
export type LogSeverity = 'INFO' | 'NOTICE' | 'WARNING' | 'ERROR';

/** One structured entry to write. */
export interface StructuredLogEntry {
  severity: LogSeverity;
  /** Indexed string labels (Logging filters on them cheaply). */
  labels: Record<string, string>;
  /** The payload, written as `jsonPayload`. */
  payload: Record<string, unknown>;
  /** ISO 8601 time of the event. */
  time: string;
}

/** Cloud Logging v2 behind our own interface: structured entries to one log of one project. */
export class LoggingGateway {
  private readonly log: Log;
  private readonly what: string;
  private readonly writeDeadlineMs: number;

  constructor(log: Log, what: string, writeDeadlineMs: number) {
    this.log = log;
    this.what = what;
    this.writeDeadlineMs = writeDeadlineMs;
  }

  /**
   * The official client pointed like every other gateway (sandbox or ADC). The `global` resource is
   * passed on every write: without one the library probes the metadata server (docs/google-apis.md §1).
   */
  static fromConfig(
    config: GcpServerlessConfig,
    logging: CloudLoggingConfig,
    credentials: GoogleCredentials,
  ): LoggingGateway {
    const client = new (googleClientClass.logging())({
      ...googleClientOptions(config),
      projectId: logging.projectId,
    });
    client.detectedResource = { type: 'global', labels: {} };
    return new LoggingGateway(
      guardClient(client.log(logging.logName), credentials, ['write']),
      `projects/${logging.projectId}/logs/${logging.logName}`,
      config.timeouts.writeMs,
    );
  }

  /** Writes one entry; failures are wrapped with the log's name. Writes are not retried (no duplicate entries). */
  async write(entry: StructuredLogEntry): Promise<void> {
    const logEntry = this.log.entry(
      {
        resource: { type: 'global', labels: {} },
        severity: entry.severity,
        labels: entry.labels,
        timestamp: new Date(entry.time),
      },
      entry.payload,
    );
    try {
      await withDeadline(
        this.log.write(logEntry, {
          gaxOptions: callOptions(this.writeDeadlineMs),
        }),
        this.writeDeadlineMs,
        `writing to ${this.what}`,
      );
    } catch (err) {
      throw wrapGoogleError(err, `writing an entry to ${this.what}`);
    }
  }
}
