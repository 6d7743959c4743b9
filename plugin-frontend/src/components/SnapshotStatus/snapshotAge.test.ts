import { describe, expect, it } from 'vitest';
import {
  formatRefreshFailure,
  formatSnapshotAge,
  snapshotOf,
} from './snapshotAge';

const at = '2026-12-05T12:00:00.000Z';
const plus = (ms: number) => Date.parse(at) + ms;

describe('formatSnapshotAge', () => {
  it('reads as seconds, minutes, hours and days', () => {
    expect(formatSnapshotAge(at, plus(2_000))).toBe('updated just now');
    expect(formatSnapshotAge(at, plus(40_000))).toBe('updated 40 s ago');
    expect(formatSnapshotAge(at, plus(3 * 60_000 + 59_000))).toBe(
      'updated 3 min ago',
    );
    expect(formatSnapshotAge(at, plus(5 * 3_600_000))).toBe('updated 5 h ago');
    expect(formatSnapshotAge(at, plus(3 * 86_400_000))).toBe('updated 3 d ago');
  });

  it('never shows a negative age when the snapshot is ahead of the browser clock', () => {
    expect(formatSnapshotAge(at, plus(-30_000))).toBe('updated just now');
  });
});

describe('snapshotOf', () => {
  it('finds the field when present and nothing otherwise', () => {
    const snapshot = { computedAt: at, stale: false, refreshing: true };
    expect(snapshotOf({ services: [], snapshot })).toEqual(snapshot);
    expect(snapshotOf({ services: [] })).toBeUndefined();
    expect(snapshotOf(undefined)).toBeUndefined();
  });
});

describe('formatRefreshFailure', () => {
  const urlMaps = {
    source: 'urlMaps',
    status: 503,
    message:
      'listing URL maps of gryyd-web failed: The service is currently unavailable.',
  };
  it('names when, the first failing panel’s message and status, and how many more', () => {
    expect(formatRefreshFailure({ at, errors: [urlMaps] }, plus(90_000))).toBe(
      'last refresh failed 1 min ago: listing URL maps of gryyd-web failed: The service is currently unavailable. (503)',
    );
    expect(
      formatRefreshFailure(
        {
          at,
          errors: [
            urlMaps,
            { source: 'cdn', status: 504, message: 'x' },
            { source: 'traffic', status: 503, message: 'y' },
          ],
        },
        plus(2_000),
      ),
    ).toBe(
      'last refresh failed just now: listing URL maps of gryyd-web failed: The service is currently unavailable. (503) and 2 more',
    );
  });
});
