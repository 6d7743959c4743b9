import { describe, expect, it } from 'vitest';
import { GoogleApiError } from '../../googleError';
import type { TimeSeriesJson } from './formatSeries';
import { decodePageToken, encodePageToken, slicePage } from './paging';

const series = (name: string, points: number): TimeSeriesJson => ({
  metric: { type: 'm', labels: { name } },
  resource: { type: 'r', labels: {} },
  metricKind: 'GAUGE',
  valueType: 'INT64',
  unit: '1',
  points: Array.from({ length: points }, (_, i) => ({
    interval: { startTime: `${i}`, endTime: `${i}` },
    value: { int64Value: `${i}` },
  })),
});

describe('slicePage', () => {
  const all = [series('a', 3), series('b', 2), series('c', 4)];

  it('counts points, continuing a series on the next page', () => {
    const shape = (page: TimeSeriesJson[]) =>
      page.map(s => [s.metric.labels.name, s.points.map(p => p.value)]);
    const first = slicePage(all, 0, 4, false);
    expect(shape(first.page)).toEqual([
      ['a', [{ int64Value: '0' }, { int64Value: '1' }, { int64Value: '2' }]],
      ['b', [{ int64Value: '0' }]],
    ]);
    expect(first.nextOffset).toBe(4);
    const second = slicePage(all, 4, 4, false);
    expect(shape(second.page)).toEqual([
      ['b', [{ int64Value: '1' }]],
      ['c', [{ int64Value: '0' }, { int64Value: '1' }, { int64Value: '2' }]],
    ]);
    const third = slicePage(all, second.nextOffset!, 4, false);
    expect(shape(third.page)).toEqual([['c', [{ int64Value: '3' }]]]);
    expect(third.nextOffset).toBeNull();
  });

  it('ends without a token when the page is exactly full', () => {
    expect(slicePage(all, 0, 9, false).nextOffset).toBeNull();
    expect(slicePage(all, 0, 5, false).nextOffset).toBe(5);
  });

  it('counts each series as one in the HEADERS view', () => {
    const page = slicePage(all, 1, 1, true);
    expect(page.page.map(s => s.metric.labels.name)).toEqual(['b']);
    expect(page.nextOffset).toBe(2);
  });
});

describe('page tokens', () => {
  it('round-trip and belong to one query', () => {
    const token = encodePageToken({ offset: 42, query: 'abc' });
    expect(decodePageToken(token, 'abc')).toBe(42);
    expect(decodePageToken('', 'abc')).toBe(0);
    for (const bad of [
      encodePageToken({ offset: 42, query: 'other' }),
      'garbage',
      encodePageToken({ offset: -1, query: 'abc' }),
    ]) {
      expect(() => decodePageToken(bad, 'abc')).toThrow(GoogleApiError);
    }
  });
});
