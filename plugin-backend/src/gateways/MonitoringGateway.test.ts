import { describe, expect, it } from 'vitest';
import { pageSizeOf, type TimeSeriesQuery } from './MonitoringGateway';

const HOUR_MS = 3_600_000;
const END_MS = Date.UTC(2026, 11, 6, 12);

/** A grouped query over `hours` ending at noon, aligned every `alignmentHours`. */
function query(
  hours: number,
  alignmentHours: number,
  more: Partial<TimeSeriesQuery> = {},
): TimeSeriesQuery {
  return {
    projectId: 'p',
    filter: 'metric.type = "run.googleapis.com/request_count"',
    startMs: END_MS - hours * HOUR_MS,
    endMs: END_MS,
    alignmentPeriodSeconds: alignmentHours * 3600,
    aligner: 'ALIGN_RATE',
    reducer: 'REDUCE_SUM',
    groupByFields: ['resource.labels.location', 'resource.labels.service_name'],
    purpose: 'request rates of p',
    ...more,
  };
}

describe('pageSizeOf', () => {
  it('answers a fleet summary (one point per service) of 10,000 services in one page', () => {
    // The summaries of the overview and the services list: an alignment period as long as the window.
    expect(pageSizeOf(query(1, 1))).toBe(10_000);
    expect(pageSizeOf(query(24, 24))).toBe(10_000);
  });

  it('gives a summary of distributions fewer series a page: each weighs its bucket counts', () => {
    const starts = query(6, 6, {
      aligner: 'ALIGN_DELTA',
      distributions: true,
      distributionValue: 'count',
    });
    expect(pageSizeOf(starts)).toBe(5_714);
    expect(pageSizeOf(starts)).toBeLessThan(pageSizeOf(query(6, 6)));
  });

  it('keeps the pages of long series at about 4,000 points', () => {
    // A week at 1 h alignment (the recommendations' reads): 168 points per series, 23 whole series.
    const week = pageSizeOf(query(168, 1));
    expect(week).toBe(3_929);
    expect(Math.floor(week / 168)).toBe(23);
    // Two points per series are no summary: 800 series of 2 points (and 1.5 for the series).
    expect(pageSizeOf(query(2, 1))).toBe(1_600);
    // A week of distributions: about 1,000 points.
    expect(
      pageSizeOf(
        query(168, 1, { aligner: 'ALIGN_DELTA', distributions: true }),
      ),
    ).toBe(995);
  });

  it('never asks for more points than Monitoring answers in a page, nor for fewer than 100', () => {
    const sizes = [
      query(1, 1),
      query(1, 1, { distributions: true }),
      query(168, 1),
      query(168, 1, { distributions: true }),
      query(24 * 365, 1 / 60),
      query(1 / 60, 1 / 60, { distributions: true }),
    ].map(pageSizeOf);
    for (const size of sizes) {
      expect(size).toBeGreaterThanOrEqual(100);
      expect(size).toBeLessThanOrEqual(100_000);
    }
  });
});
