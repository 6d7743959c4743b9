import type {
  ErrorGroup,
  LogEntrySummary,
  RequestErrorGroup,
} from './recentErrorsTypes';

/** Hex ids, numbers and quoted values vary between occurrences of the same error: masked for grouping. */
function messageKey(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/\b[0-9a-f]{8,}\b/gi, '…')
    .trim();
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0] ?? url;
  }
}

interface Acc<T> {
  key: string;
  count: number;
  first: string;
  last: string;
  sample: LogEntrySummary;
  extra: T;
}

function accumulate<T>(
  entries: LogEntrySummary[],
  keyOf: (e: LogEntrySummary) => string | null,
  extraOf: (e: LogEntrySummary) => T,
): Acc<T>[] {
  const groups = new Map<string, Acc<T>>();
  for (const e of entries) {
    const key = keyOf(e);
    if (key === null) continue;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, {
        key,
        count: 1,
        first: e.timestamp,
        last: e.timestamp,
        sample: e,
        extra: extraOf(e),
      });
      continue;
    }
    g.count += 1;
    if (e.timestamp < g.first) g.first = e.timestamp;
    if (e.timestamp > g.last) {
      g.last = e.timestamp;
      g.sample = e;
    }
  }
  return [...groups.values()].sort(
    (a, b) => b.count - a.count || b.last.localeCompare(a.last),
  );
}

/** Application error entries (not request logs) grouped by first line of message, most frequent first. Pure. */
export function groupErrorEntries(entries: LogEntrySummary[]): ErrorGroup[] {
  return accumulate(
    entries,
    e => (e.httpRequest === null && e.message ? messageKey(e.message) : null),
    () => null,
  ).map(g => ({
    message: g.key,
    count: g.count,
    firstSeen: g.first,
    lastSeen: g.last,
    sample: g.sample,
  }));
}

/** Request logs with status ≥ 500 grouped by status, method and path, most frequent first. Pure. */
export function groupRequestErrors(
  entries: LogEntrySummary[],
): RequestErrorGroup[] {
  return accumulate(
    entries,
    e =>
      e.httpRequest && e.httpRequest.status >= 500
        ? `${e.httpRequest.status} ${e.httpRequest.method} ${pathOf(
            e.httpRequest.url,
          )}`
        : null,
    e => e.httpRequest!,
  ).map(g => ({
    status: g.extra.status,
    method: g.extra.method,
    path: pathOf(g.extra.url),
    count: g.count,
    firstSeen: g.first,
    lastSeen: g.last,
    sample: g.sample,
  }));
}

/**
 * The Logs Explorer link for a query over a time range (console URL format: `query=` and `timeRange=`
 * matrix parameters; the format is the console's, not an API, and is not verified against Google here).
 */
export function logsExplorerUrl(
  projectId: string,
  filter: string,
  startIso: string,
  endIso: string,
): string {
  return `https://console.cloud.google.com/logs/query;query=${encodeURIComponent(
    filter,
  )};timeRange=${encodeURIComponent(
    `${startIso}/${endIso}`,
  )}?project=${encodeURIComponent(projectId)}`;
}
