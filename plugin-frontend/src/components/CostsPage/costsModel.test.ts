import { describe, expect, it } from 'vitest';
import { costReportFixture } from './costsFixture';
import { costsView, dailyCostCsv } from './costsModel';

describe('costsView', () => {
  const view = costsView(costReportFixture(), { resource: '', dimension: 'resource' });

  it('totals the range and the previous range, credits apart', () => {
    // Feb 27, 28: 2 × 12; Mar 1–4: 4 × 12; Mar 5: 6 → 78 gross, −1 credit.
    expect(view.range).toEqual({ cost: 78, credits: -1, net: 77 });
    expect(view.previous).toEqual({ cost: 84, credits: 0, net: 84 });
  });

  it('month to date: cumulative net, forecast from the last 7 complete days', () => {
    // Mar 1–4 net 11 + 12 + 12 + 12 = 47, today 6 → 53; rate = (12 × 6 + 11) ÷ 7 = 83/7 over Feb 26 – Mar 4.
    expect(view.month.totals.net).toBe(53);
    expect(view.month.forecast.dailyRate).toBeCloseTo(83 / 7, 10);
    expect(view.month.forecast.forecast).toBeCloseTo(47 + (83 / 7) * 27, 10);
    expect(view.month.points).toHaveLength(31);
    expect(view.month.points[4]).toEqual({ date: '2026-03-05', actual: 53, forecast: 53 });
    expect(view.month.points[30]!.forecast).toBeCloseTo(view.month.forecast.forecast, 10);
    expect(view.month.points[30]!.actual).toBeUndefined();
    expect(view.month.budget?.amount).toBe(500);
  });

  it('movers and cost per 1,000 requests', () => {
    // gryd-be: 64 net now (20 + 9 + 30 + 5) vs 70; gryd-fe: 13 vs 14.
    expect(view.movers.map(m => [m.key, m.change])).toEqual([['gryd-be', -6], ['gryd-fe', -1]]);
    expect(view.perRequests[0]).toEqual({ resource: 'gryd-be', cost: 64, requests: 70_000, per1000: 64 / 70 });
  });

  it('filters every figure to one resource', () => {
    const be = costsView(costReportFixture(), { resource: 'gryd-be', dimension: 'skuFamily' });
    expect(be.range.net).toBe(64);
    expect(be.stack.keys).toEqual(['cpu']);
    expect(be.perRequests.map(p => p.resource)).toEqual(['gryd-be']);
  });

  it('exports the daily table exactly as shown', () => {
    const csv = dailyCostCsv(costsView(costReportFixture(), { resource: 'gryd-fe', dimension: 'skuFamily' }), 'skuFamily', { projectId: 'gryyd-web', resource: 'gryd-fe' });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('date,Memory,total,currency,project,filter');
    expect(lines[1]).toBe('2026-02-27,2,2,USD,gryyd-web,gryd-fe');
    expect(lines.at(-1)).toBe('2026-03-05,1,1,USD,gryyd-web,gryd-fe');
    expect(lines).toHaveLength(8);
  });
});
