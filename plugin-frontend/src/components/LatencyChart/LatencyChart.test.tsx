import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { createTheme, ThemeProvider } from '@mui/material/styles';
import { seriesFixture } from '../../__testUtils__/fixtures';
import { LatencyChart } from './LatencyChart';

afterEach(cleanup);

/** Tick labels of the value (Y) axis as drawn in the SVG. */
function valueTicks(container: HTMLElement): string[] {
  return [
    ...container.querySelectorAll(
      '.recharts-yAxis .recharts-cartesian-axis-tick-value',
    ),
  ].map(t => t.textContent ?? '');
}

function renderChart(values: (i: number) => number) {
  const series = ['p50', 'p95', 'p99'].map((key, n) =>
    seriesFixture(key, 10, i => values(i) * (n + 1)),
  );
  return render(
    <ThemeProvider theme={createTheme()}>
      <LatencyChart series={series} window="1h" />
    </ThemeProvider>,
  );
}

describe('LatencyChart', () => {
  it('labels the axis of long requests in seconds or minutes, never 10,000 ms or more', () => {
    // gryd-worker's generation jobs: ~70 s median, p99 above 3 min.
    const { container } = renderChart(i => 70_000 + i * 1_000);
    const ticks = valueTicks(container);
    expect(ticks.length).toBeGreaterThan(2);
    expect(ticks.some(t => / (s|min)$/.test(t))).toBe(true);
    expect(ticks.filter(t => /\d{5,} ?ms|\d{2},\d{3} ?ms/.test(t))).toEqual([]);
  });

  it('keeps milliseconds for fast services', () => {
    const { container } = renderChart(i => 40 + i);
    const ticks = valueTicks(container);
    expect(ticks.length).toBeGreaterThan(2);
    expect(ticks.every(t => / ms$/.test(t))).toBe(true);
  });
});
