import { describe, expect, it } from 'vitest';
import { formatCurrency } from '@gcp-serverless/common';
import { costReportFixture } from './costsFixture';
import { costsView, dailyCostCsv } from './costsModel';

describe('costsView', () => {
  const view = costsView(costReportFixture(), { dimension: 'resource' });

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
    expect(view.month.points[4]).toEqual({
      date: '2026-03-05',
      actual: 53,
      forecast: 53,
    });
    expect(view.month.points[30]!.forecast).toBeCloseTo(
      view.month.forecast.forecast,
      10,
    );
    expect(view.month.points[30]!.actual).toBeUndefined();
    expect(view.month.budget?.amount).toBe(500);
  });

  it('movers and cost per 1,000 requests', () => {
    // gryd-be: 64 net now (20 + 9 + 30 + 5) vs 70; gryd-fe: 13 vs 14.
    expect(view.movers.map(m => [m.key, m.change])).toEqual([
      ['gryd-be', -6],
      ['gryd-fe', -1],
    ]);
    expect(view.perRequests[0]).toEqual({
      resource: 'gryd-be',
      cost: 64,
      requests: 70_000,
      per1000: 64 / 70,
    });
  });

  it('filters every figure to one resource (the backend answers for it alone)', () => {
    const be = costsView(costReportFixture({}, 'gryd-be'), {
      dimension: 'skuFamily',
    });
    expect(be.range.net).toBe(64);
    expect(be.stack.keys).toEqual(['cpu']);
    expect(be.perRequests.map(p => p.resource)).toEqual(['gryd-be']);
    expect(be.movers.map(m => m.key)).toEqual(['cpu']);
    // The service filter still lists every resource of the project.
    expect(be.resources).toEqual(['gryd-be', 'gryd-fe']);
  });

  it('a fleet: the stack by service carries the 8 largest and the rest as one "other", the totals unchanged', () => {
    const rows = Array.from({ length: 30 * 7 }, (_, i) => ({
      date: `2026-02-${27 + (i % 2)}`,
      projectId: 'p',
      resource: `svc-${String(Math.floor(i / 7)).padStart(2, '0')}`,
      resourceKind: 'cloud-run' as const,
      skuFamily: 'cpu' as const,
      cost: 1 + Math.floor(i / 7),
      credits: 0,
    }));
    const report = costReportFixture({ rows });
    expect(report.byResource.keys).toHaveLength(9);
    expect(report.byResource.keys.slice(0, 2)).toEqual(['svc-29', 'svc-28']);
    expect(report.byResource.otherCount).toBe(22);
    // Two days × nine keys, not two days × thirty services.
    expect(report.byResource.rows).toHaveLength(18);
    expect(report.resources).toHaveLength(30);
    const shown = costsView(report, { dimension: 'resource' });
    expect(shown.otherCount).toBe(22);
    const stacked = shown.stack.days.reduce((s, d) => s + d.total, 0);
    expect(stacked).toBeCloseTo(shown.range.cost, 9);
    const csv = dailyCostCsv(
      report,
      { dimension: 'resource' },
      { projectId: 'p' },
    );
    expect(csv).toContain('Other (22)');
  });

  it('exports gross, credits and net per day and service; the columns sum to the figures on screen', () => {
    const report = costReportFixture();
    const csv = dailyCostCsv(
      report,
      { dimension: 'resource' },
      { projectId: 'gryyd-web' },
    );
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'date,service,gross_cost,credits,net_cost,currency,project,filter',
    );
    expect(lines).toContain(
      '2026-03-01,gryd-be,10,-1,9,USD,gryyd-web,all resources',
    );
    const records = lines.slice(1).map(l => l.split(','));
    const sum = (col: number, month = false) =>
      records
        .filter(r => !month || r[0]! >= report.monthStart)
        .reduce((s, r) => s + Number(r[col]), 0);
    // Reconciles with what the page shows: the range's cost, credits and net, and the month's net.
    const shown = costsView(report, { dimension: 'resource' });
    expect(formatCurrency(sum(2), 'USD')).toBe(
      formatCurrency(shown.range.cost, 'USD'),
    );
    expect(formatCurrency(sum(3), 'USD')).toBe(
      formatCurrency(shown.range.credits, 'USD'),
    );
    expect(formatCurrency(sum(4), 'USD')).toBe(
      formatCurrency(shown.range.net, 'USD'),
    );
    expect(formatCurrency(sum(4, true), 'USD')).toBe(
      formatCurrency(shown.month.totals.net, 'USD'),
    );
    expect(sum(2) + sum(3)).toBeCloseTo(sum(4), 6);
  });

  it('reconciles to the cent with amounts that do not round evenly', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({
      date: `2026-03-0${1 + (i % 5)}`,
      projectId: 'p',
      resource: `svc-${i}`,
      resourceKind: 'cloud-run' as const,
      skuFamily: 'cpu' as const,
      cost: 1.004999,
      credits: -0.333333,
    }));
    const report = costReportFixture({ rows });
    const csv = dailyCostCsv(
      report,
      { dimension: 'resource' },
      { projectId: 'p' },
    );
    const net = csv
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .reduce((s, l) => s + Number(l.split(',')[4]), 0);
    const shown = costsView(report, { dimension: 'resource' });
    expect(formatCurrency(net, 'USD')).toBe(
      formatCurrency(shown.range.net, 'USD'),
    );
  });
});
