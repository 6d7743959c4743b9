import { describe, expect, it } from 'vitest';
import type { CostRow } from '../types/costs';
import { selectRows, totalsBy } from './aggregate';
import { costAnomalies } from './costAnomalies';
import {
  costBreakdownOfRows,
  costReportDays,
  costReportFigures,
} from './costBreakdown';
import { addDays } from './dates';

/** A fleet's rows over 75 days: steady services, spikes, gaps, services that start late or stop. */
function fleetRows(): CostRow[] {
  const rows: CostRow[] = [];
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  for (let s = 0; s < 14; s++) {
    const starts = s % 5 === 0 ? 40 : 0;
    const stops = s % 7 === 3 ? 50 : 75;
    for (let d = starts; d < stops; d++) {
      if (s % 4 === 1 && d % 9 === 0) continue; // a day without lines
      const date = addDays('2026-01-01', d);
      const base = 2 + s + (d % 7 === 5 ? 3 : 0);
      const spike = random() < 0.05 ? 20 + 10 * random() : 0;
      for (const skuFamily of ['cpu', 'memory', 'requests'] as const)
        rows.push({
          date,
          projectId: 'p',
          resource: `svc-${s}`,
          resourceKind: 'cloud-run',
          skuFamily,
          cost: (base + spike) * (skuFamily === 'cpu' ? 0.7 : 0.15),
          credits: d < 3 ? -0.5 : 0,
        });
    }
  }
  return rows;
}

describe('the costs page from a breakdown', () => {
  const rows = fleetRows();
  for (const range of ['7d', '30d'] as const) {
    const days = costReportDays('2026-03-12', range);
    const figures = costReportFigures(
      costBreakdownOfRows(rows, 'USD', days, null),
      days,
    );

    it(`${range}: the anomalies equal those of every row from the page's first day`, () => {
      const fromRows = costAnomalies(
        selectRows(rows, days.fromDay, days.today),
        days.rangeStart,
        days.today,
      );
      expect(fromRows.length).toBeGreaterThan(0);
      expect(figures.anomalies).toEqual(fromRows);
    });

    it(`${range}: the stack by resource keeps the 8 largest and sums the rest, per day`, () => {
      const current = selectRows(rows, days.rangeStart, days.toDay);
      const ranked = totalsBy(current, 'resource').map(t => t.key);
      expect(figures.byResource.keys).toEqual([...ranked.slice(0, 8), 'other']);
      expect(figures.byResource.otherCount).toBe(ranked.length - 8);
      const total = (list: { cost: number }[]) =>
        list.reduce((s, r) => s + r.cost, 0);
      expect(total(figures.byResource.rows)).toBeCloseTo(total(current), 9);
      const previous = selectRows(rows, days.previousStart, days.rangeStart);
      expect(total(figures.resources.map(r => r.previous))).toBeCloseTo(
        total(previous),
        9,
      );
    });
  }
});
