import { describe, expect, it } from 'vitest';
import {
  groupErrorEntries,
  groupRequestErrors,
  logsExplorerUrl,
} from './groupLogEntries';
import type { LogEntrySummary } from './recentErrorsTypes';

const entry = (
  timestamp: string,
  message: string | null,
  status?: number,
  url = 'https://x.run.app/api/items?id=1',
): LogEntrySummary => ({
  timestamp,
  severity: 'ERROR',
  log: status ? 'run.googleapis.com/requests' : 'run.googleapis.com/stderr',
  message,
  insertId: timestamp,
  httpRequest: status ? { method: 'POST', url, status, latencyMs: 120 } : null,
});

describe('grouping recent errors', () => {
  it('groups messages with count, first and last seen and the newest as sample, most frequent first', () => {
    const groups = groupErrorEntries([
      entry(
        '2026-01-01T00:00:03Z',
        'Error: connect ECONNREFUSED 10.0.0.3:6379',
      ),
      entry(
        '2026-01-01T00:00:01Z',
        'Error: connect ECONNREFUSED 10.0.0.3:6379',
      ),
      entry(
        '2026-01-01T00:00:02Z',
        'TypeError: boom\n    at handler (app.js:1)',
      ),
      entry('2026-01-01T00:00:04Z', null, 503),
    ]);
    expect(groups).toEqual([
      {
        message: 'Error: connect ECONNREFUSED 10.0.0.3:6379',
        count: 2,
        firstSeen: '2026-01-01T00:00:01Z',
        lastSeen: '2026-01-01T00:00:03Z',
        sample: expect.objectContaining({ timestamp: '2026-01-01T00:00:03Z' }),
      },
      {
        message: 'TypeError: boom',
        count: 1,
        firstSeen: '2026-01-01T00:00:02Z',
        lastSeen: '2026-01-01T00:00:02Z',
        sample: expect.anything(),
      },
    ]);
  });
  it('groups 5xx request logs by status, method and path; ignores 4xx', () => {
    const groups = groupRequestErrors([
      entry('2026-01-01T00:00:01Z', null, 503),
      entry(
        '2026-01-01T00:00:02Z',
        null,
        503,
        'https://x.run.app/api/items?id=2',
      ),
      entry('2026-01-01T00:00:03Z', null, 500, 'https://x.run.app/'),
      entry('2026-01-01T00:00:04Z', null, 404),
    ]);
    expect(groups.map(g => [g.status, g.method, g.path, g.count])).toEqual([
      [503, 'POST', '/api/items', 2],
      [500, 'POST', '/', 1],
    ]);
  });
  it('builds a Logs Explorer link with the same query', () => {
    expect(
      logsExplorerUrl(
        'p',
        'severity>=ERROR',
        '2026-01-01T00:00:00Z',
        '2026-01-01T01:00:00Z',
      ),
    ).toBe(
      'https://console.cloud.google.com/logs/query;query=severity%3E%3DERROR;timeRange=2026-01-01T00%3A00%3A00Z%2F2026-01-01T01%3A00%3A00Z?project=p',
    );
  });
});
