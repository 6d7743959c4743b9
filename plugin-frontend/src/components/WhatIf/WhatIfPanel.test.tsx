import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import {
  CLOUD_RUN_LIST_PRICES_USD,
  whatIfReport,
  type ObservedMinute,
} from '@gcp-serverless/common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { renderWithProviders } from '../../__testUtils__/renderWithProviders';
import { WhatIfPanel } from './WhatIfPanel';
import { whatIfFigures, whatIfHeadline, whatIfNotes } from './whatIfFigures';

afterEach(cleanup);

// Fri 5 Dec 2025 18:00 UTC: a quiet hour, then an hour at gryd-worker's max 10 with 429s.
const FRIDAY_17 = Date.UTC(2025, 11, 5, 17, 0);
const minutes: ObservedMinute[] = Array.from({ length: 120 }, (_, i) => ({
  startMs: FRIDAY_17 + i * 60_000,
  requests: i >= 60 ? 12 : 3,
  refused: i >= 60 ? 2 : 0,
  meanLatencyMs: i >= 60 ? 200_000 : 70_000,
  instances: i >= 60 ? 10 : 6,
}));
const report = (maxInstances: number) =>
  whatIfReport(
    {
      settings: { minInstances: 0, maxInstances: 10, concurrency: 1 },
      cpu: 2,
      memoryGiB: 4,
      cpuIdle: false,
      minutes,
    },
    { minInstances: 0, maxInstances, concurrency: 1 },
    CLOUD_RUN_LIST_PRICES_USD,
  );

describe('what-if figures', () => {
  it('heads with the worst episode and the monthly cost change, or says the week fits', () => {
    // 12 jobs a minute need 14 in flight; max 12 refuses 2 of 14 (14.3 %) for the whole hour.
    expect(whatIfHeadline(report(12), 'UTC')).toBe(
      'Fri 18:00 peak: 14 % refused for 60 min; +$115.63/month',
    );
    expect(whatIfHeadline(report(30), 'UTC')).toBe(
      "No 429s on last week's traffic; +$809.42/month",
    );
  });

  it('lists current → proposed and the caveats', () => {
    const figures = Object.fromEntries(
      whatIfFigures(report(30)).map(f => [f.key, f.text]),
    );
    expect(figures.refused).toBe(
      'measured 120; replayed 206 → 0 (0 % of 900 requests)',
    );
    expect(figures.minutesAtMax).toBe('60 → 0');
    expect(figures.instanceHours).toBe('16 → 30 (measured 16)');
    expect(whatIfNotes(report(30)).join(' ')).toContain(
      '60 saturated minutes use the typical latency (70,000 ms)',
    );
  });

  it('renders headline, figures and chart in the preview', () => {
    renderWithProviders(<WhatIfPanel report={report(30)} testId="scaling" />, {
      api: fakeApi(),
    });
    expect(screen.getByTestId('scaling-what-if-headline').textContent).toBe(
      "No 429s on last week's traffic; +$809.42/month",
    );
    expect(screen.getByText('Minutes at max')).toBeTruthy();
    expect(screen.getByText('60 → 0')).toBeTruthy();
  });
});
