import type { LogEntrySummary } from '@gcp-serverless/common';

/** What `getEntries` hands back per entry: `metadata` (LogEntry fields) and `data` (the payload). */
export interface RawEntry {
  metadata: {
    timestamp?: unknown;
    severity?: string | number | null;
    logName?: string | null;
    insertId?: string | null;
    textPayload?: string | null;
    httpRequest?: {
      requestMethod?: string | null;
      requestUrl?: string | null;
      status?: number | null;
      latency?: { seconds?: unknown; nanos?: number | null } | string | null;
    } | null;
  };
  data?: unknown;
}

const SEVERITY_NAMES: Record<number, string> = {
  0: 'DEFAULT',
  100: 'DEBUG',
  200: 'INFO',
  300: 'NOTICE',
  400: 'WARNING',
  500: 'ERROR',
  600: 'CRITICAL',
  700: 'ALERT',
  800: 'EMERGENCY',
};

function isoOf(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  if (value && typeof value === 'object' && 'seconds' in value) {
    const t = value as { seconds?: unknown; nanos?: number | null };
    return new Date(
      Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6),
    ).toISOString();
  }
  return new Date(0).toISOString();
}

function latencyMs(
  value: NonNullable<RawEntry['metadata']['httpRequest']>['latency'],
): number | null {
  if (!value) return null;
  if (typeof value === 'string') return Math.round(parseFloat(value) * 1000);
  return Math.round(
    Number(value.seconds ?? 0) * 1000 + (value.nanos ?? 0) / 1e6,
  );
}

function messageOf(entry: RawEntry): string | null {
  if (typeof entry.data === 'string' && entry.data) return entry.data;
  if (entry.metadata.textPayload) return entry.metadata.textPayload;
  if (
    entry.data &&
    typeof entry.data === 'object' &&
    typeof (entry.data as { message?: unknown }).message === 'string'
  )
    return (entry.data as { message: string }).message;
  return null;
}

/** A LogEntry as the service page shows it; the log id is decoded (`run.googleapis.com/stderr`). */
export function logEntrySummary(entry: RawEntry): LogEntrySummary {
  const m = entry.metadata;
  const http = m.httpRequest;
  const severity =
    typeof m.severity === 'number'
      ? SEVERITY_NAMES[m.severity] ?? String(m.severity)
      : m.severity ?? 'DEFAULT';
  return {
    timestamp: isoOf(m.timestamp),
    severity,
    log: decodeURIComponent(
      (m.logName ?? '').replace(/^projects\/[^/]+\/logs\//, ''),
    ),
    message: messageOf(entry),
    httpRequest:
      http && http.status
        ? {
            method: http.requestMethod ?? '',
            url: http.requestUrl ?? '',
            status: Number(http.status),
            latencyMs: latencyMs(http.latency),
          }
        : null,
    insertId: m.insertId ?? '',
  };
}
