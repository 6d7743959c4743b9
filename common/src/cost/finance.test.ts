import { describe, expect, it } from 'vitest';
import type { BudgetWithSpend } from '../types/budgets';
import type { CostRow } from '../types/costs';
import { allProjectsMonthCost } from './allProjectsCost';
import { budgetStatus } from './budgetStatus';
import { niceTicks, OTHER_KEY, topNWithOther } from './chartScale';
import { costAnomalies } from './costAnomalies';
import { formatCurrency } from './currency';

const row = (
  date: string,
  projectId: string,
  resource: string,
  cost: number,
  credits = 0,
): CostRow => ({
  date,
  projectId,
  resource,
  resourceKind: 'cloud-run',
  skuFamily: 'cpu',
  cost,
  credits,
});
const budget = (over: Partial<BudgetWithSpend>): BudgetWithSpend =>
  ({
    budgetId: 'b',
    name: 'billingAccounts/A/budgets/b',
    displayName: 'gryyd-web monthly',
    projects: ['gryyd-web'],
    services: [],
    period: 'MONTH',
    amount: 2500,
    currency: 'USD',
    thresholds: [
      { percent: 0.5, spendBasis: 'CURRENT_SPEND' },
      { percent: 1, spendBasis: 'FORECASTED_SPEND' },
    ],
    etag: 'e',
    consoleUrl: '',
    spend: {
      actual: 1400,
      forecast: 3132.81,
      periodStart: '2026-12-01',
      source: 'billing-export',
    },
    ...over,
  } as unknown as BudgetWithSpend);

describe('nice ticks', () => {
  it('ends on a round figure above the data: never "$26.3K"', () => {
    expect(niceTicks(26_300)).toEqual([0, 10_000, 20_000, 30_000]);
    expect(
      niceTicks(26_300).map(v => formatCurrency(v, 'USD', { compact: true })),
    ).toEqual(['$0', '$10K', '$20K', '$30K']);
    expect(niceTicks(480.41)).toEqual([0, 200, 400, 600]);
    expect(niceTicks(9)).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});

describe('top N plus other', () => {
  it('keeps the largest keys and sums the rest into other, totals unchanged', () => {
    const keys = ['a', 'b', 'c', 'd'];
    const days = [
      { date: '2026-12-01', values: { a: 5, b: 3, c: 2, d: 1 }, total: 11 },
    ];
    const top = topNWithOther({ keys, days }, 2);
    expect(top.keys).toEqual(['a', 'b', OTHER_KEY]);
    expect(top.days[0]).toEqual({
      date: '2026-12-01',
      values: { a: 5, b: 3, other: 3 },
      total: 11,
    });
    expect(topNWithOther({ keys: ['a', 'b', 'c'], days }, 2).keys).toEqual([
      'a',
      'b',
      'c',
    ]); // "other" of one would hide a name
  });
});

describe('budget flags', () => {
  it('flags a forecast over the amount and the thresholds crossed by the spend each watches', () => {
    const s = budgetStatus(budget({}));
    expect(s.forecastOver).toBe(true);
    expect(s.forecastOverBy).toBeCloseTo(632.81, 6);
    expect(s.actualOver).toBe(false);
    expect(s.thresholds.map(t => [t.percent, t.spendBasis, t.crossed])).toEqual(
      [
        [0.5, 'CURRENT_SPEND', true],
        [1, 'FORECASTED_SPEND', true],
      ],
    );
    expect(
      budgetStatus(
        budget({
          spend: {
            actual: 100,
            forecast: 900,
            periodStart: '2026-12-01',
            source: 'estimate',
          },
        }),
      ).forecastOver,
    ).toBe(false);
  });
});

describe('all projects this month', () => {
  it('sums the projects; each budget counts once', () => {
    const rows = [
      ...['01', '02', '03', '04'].map(d =>
        row(`2026-12-${d}`, 'gryyd-web', 'gryd-be', 100, -1),
      ),
      ...['01', '02', '03', '04'].map(d =>
        row(`2026-12-${d}`, 'chat-realtime', 'chatservice', 50),
      ),
      row('2026-11-30', 'gryyd-web', 'gryd-be', 100),
    ];
    const all = allProjectsMonthCost(
      rows,
      ['gryyd-web', 'chat-realtime'],
      '2026-12-04',
      [
        budget({}),
        budget({ budgetId: 'c', amount: 1000, projects: ['chat-realtime'] }),
        budget({ budgetId: 'q', period: 'QUARTER', amount: 9000 }),
      ],
      'USD',
    );
    expect(all.projects.map(p => [p.projectId, p.monthToDate.net])).toEqual([
      ['gryyd-web', 396],
      ['chat-realtime', 200],
    ]);
    expect(all.total.monthToDate).toEqual({ cost: 600, credits: -4, net: 596 });
    expect(all.total.forecast).toBeCloseTo(
      all.projects[0]!.forecast + all.projects[1]!.forecast,
      9,
    );
    expect(all.total.budget).toBe(3500);
  });
});

describe('cost anomalies', () => {
  it('flags a day far above its trend, per service, and stays quiet on steady spend', () => {
    const rows: CostRow[] = [];
    for (let d = 1; d <= 20; d++) {
      const date = `2026-11-${String(d).padStart(2, '0')}`;
      rows.push(
        row(date, 'p', 'gryd-be', d === 18 ? 60 : 10 + (d % 3)),
        row(date, 'p', 'gryd-fe', 5),
      );
    }
    const found = costAnomalies(rows, '2026-11-05', '2026-11-21');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      resource: 'gryd-be',
      date: '2026-11-18',
      amount: 60,
      trend: 11,
    });
    expect(
      costAnomalies(rows, '2026-11-05', '2026-11-21', { minExcess: 100 }),
    ).toEqual([]);
  });
});
