import { googleClientClass, type LoggingClient } from './googleClients';
import { lazyClient } from './lazyClient';
import type { LogEntrySummary } from '@gcp-serverless/common';
import type { GcpServerlessConfig } from '../config/config';
import type { GoogleCredentials } from './credentials/GoogleCredentials';
import { guardClient } from './credentials/guardClient';
import { callOptions, readWithRetry } from './callSettings';
import { googleClientOptions } from './googleClientOptions';
import { wrapGoogleError } from './googleErrors';
import { logEntrySummary, type RawEntry } from './logEntryTranslator';

/** One page of entries, newest first. */
export interface LogEntriesPage {
  entries: LogEntrySummary[];
  /** True when more entries matched than this page holds. */
  more: boolean;
}

/**
 * Reads Cloud Logging v2 entries (`entries.list` through `@google-cloud/logging` `getEntries`) of
 * the allowlisted projects, translated to our domain type. Writing stays in LoggingGateway.
 */
export class LogEntriesGateway {
  private readonly logging: LoggingClient;
  private readonly readMs: number;

  constructor(logging: LoggingClient, readMs: number) {
    this.logging = logging;
    this.readMs = readMs;
  }

  static fromConfig(
    config: GcpServerlessConfig,
    credentials: GoogleCredentials,
  ): LogEntriesGateway {
    return new LogEntriesGateway(
      guardClient(
        lazyClient(
          () => new (googleClientClass.logging())(googleClientOptions(config)),
        ),
        credentials,
        ['getEntries'],
      ),
      config.timeouts.readMs,
    );
  }

  /** The newest `pageSize` entries of a project matching a Logging query (one call, no auto-paging). */
  async newest(
    projectId: string,
    filter: string,
    pageSize: number,
  ): Promise<LogEntriesPage> {
    const what = `reading log entries of ${projectId}`;
    try {
      const [entries, nextQuery] = await readWithRetry(
        () =>
          this.logging.getEntries({
            resourceNames: [`projects/${projectId}`],
            filter,
            orderBy: 'timestamp desc',
            pageSize,
            autoPaginate: false,
            gaxOptions: callOptions(this.readMs),
          }),
        this.readMs,
        what,
      );
      return {
        entries: entries.map(e => logEntrySummary(e as unknown as RawEntry)),
        more: Boolean(
          nextQuery && (nextQuery as { pageToken?: string }).pageToken,
        ),
      };
    } catch (err) {
      throw wrapGoogleError(err, what);
    }
  }
}
