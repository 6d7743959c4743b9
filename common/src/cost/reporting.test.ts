import { describe, expect, it } from 'vitest';
import type { CostRow } from '../types/costs';
import {
  costPer1000Requests,
  dailyNet,
  dailyStack,
  selectRows,
  topMovers,
  totalsOf,
} from './aggregate';
import { toCsv } from './csv';
import {
  formatCurrency,
  formatCurrencyChange,
  formatUnitPrice,
} from './currency';
import { budgetPeriodBounds, forecastMonthEnd } from './forecast';
import { skuFamilyOf } from './skuFamily';

const row = (
  date: string,
  resource: string,
  skuFamily: CostRow['skuFamily'],
  cost: number,
  credits = 0,
): CostRow => ({
  date,
  projectId: 'gryyd-web',
  resource,
  resourceKind: 'cloud-run',
  skuFamily,
  cost,
  credits,
});

describe('forecastMonthEnd', () => {
  it('complete days + mean of the last 7 complete days × days left including today', () => {
    // $10 every day from Feb 20 to Mar 4, $3 so far today (Mar 5; March has 31 days).
    const daily = [];
    for (let d = 20; d <= 28; d++)
      daily.push({ date: `2026-02-${d}`, amount: 10 });
    for (let d = 1; d <= 4; d++)
      daily.push({ date: `2026-03-0${d}`, amount: 10 });
    daily.push({ date: '2026-03-05', amount: 3 });
    const f = forecastMonthEnd(daily, '2026-03-05');
    expect(f).toMatchObject({
      completeDays: 4,
      remainingDays: 27,
      rateDays: 7,
      dailyRate: 10,
      monthToDate: 43,
      forecast: 310,
    });
    expect(f.method).toContain(
      'mean of the last 7 complete day(s) × 27 day(s) left',
    );
  });

  it('uses the days there are when history is short, and counts missing days as 0', () => {
    const f = forecastMonthEnd(
      [
        { date: '2026-04-01', amount: 20 },
        { date: '2026-04-03', amount: 5 },
      ],
      '2026-04-03',
    );
    // complete days Apr 1–2 = 20 + 0; rate over 2 days = 10; 30 − 2 = 28 days left including today.
    expect(f).toMatchObject({
      completeDays: 2,
      rateDays: 2,
      dailyRate: 10,
      remainingDays: 28,
      forecast: 20 + 10 * 28,
      monthToDate: 25,
    });
  });
});

describe('aggregation', () => {
  const rows = [
    row('2026-03-01', 'gryd-be', 'cpu', 4, -1),
    row('2026-03-01', 'gryd-be', 'memory', 1),
    row('2026-03-02', 'gryd-fe', 'cpu', 2),
    row('2026-03-03', 'gryd-worker', 'cpu', 10),
    row('2026-02-27', 'gryd-be', 'cpu', 1),
    row('2026-02-28', 'gryd-worker', 'cpu', 3),
  ];

  it('stacks daily gross cost with every day present', () => {
    const { keys, days } = dailyStack(
      rows,
      '2026-03-01',
      '2026-03-04',
      'resource',
    );
    expect(keys).toEqual(['gryd-worker', 'gryd-be', 'gryd-fe']);
    expect(days.map(d => [d.date, d.total])).toEqual([
      ['2026-03-01', 5],
      ['2026-03-02', 2],
      ['2026-03-03', 10],
    ]);
    expect(days[0]!.values).toEqual({
      'gryd-worker': 0,
      'gryd-be': 5,
      'gryd-fe': 0,
    });
    expect(
      dailyStack(rows, '2026-03-01', '2026-03-04', 'skuFamily').keys,
    ).toEqual(['cpu', 'memory']);
  });

  it('keeps credits apart from cost', () => {
    expect(totalsOf(selectRows(rows, '2026-03-01', '2026-03-04'))).toEqual({
      cost: 17,
      credits: -1,
      net: 16,
    });
    expect(dailyNet(rows.slice(0, 2))).toEqual([
      { date: '2026-03-01', amount: 4 },
    ]);
  });

  it('ranks top movers by absolute change against the previous period', () => {
    const movers = topMovers(
      selectRows(rows, '2026-03-01', '2026-03-04'),
      selectRows(rows, '2026-02-26', '2026-03-01'),
      'resource',
    );
    expect(movers).toEqual([
      {
        key: 'gryd-worker',
        current: 10,
        previous: 3,
        change: 7,
        changeRatio: 7 / 3,
      },
      { key: 'gryd-be', current: 4, previous: 1, change: 3, changeRatio: 3 },
      { key: 'gryd-fe', current: 2, previous: 0, change: 2, changeRatio: null },
    ]);
  });

  it('cost per 1,000 requests: net ÷ requests × 1,000', () => {
    const per = costPer1000Requests(
      selectRows(rows, '2026-03-01', '2026-03-04'),
      [
        { resource: 'gryd-be', requests: 2000 },
        { resource: 'gryd-fe', requests: 0 },
      ],
    );
    expect(per).toEqual([
      { resource: 'gryd-be', cost: 4, requests: 2000, per1000: 2 },
      { resource: 'gryd-fe', cost: 2, requests: 0, per1000: null },
    ]);
  });

  it('classifies billing lines into SKU families', () => {
    expect(skuFamilyOf('Cloud Run', 'CPU Allocation Time (tier 2)')).toBe(
      'cpu',
    );
    expect(skuFamilyOf('Cloud Run', 'Memory Allocation Time')).toBe('memory');
    expect(skuFamilyOf('Cloud Run', 'Requests')).toBe('requests');
    expect(
      skuFamilyOf('Networking', 'Cloud CDN Cache Egress from Asia Pacific'),
    ).toBe('cdn-egress');
    expect(skuFamilyOf('Networking', 'Cloud CDN Cache Lookup Requests')).toBe(
      'cdn-lookups',
    );
    expect(skuFamilyOf('Networking', 'Cloud CDN Cache Fill')).toBe('cdn-fill');
    expect(
      skuFamilyOf(
        'Networking',
        'Global External Application Load Balancer Forwarding Rule',
      ),
    ).toBe('lb-rules');
    expect(skuFamilyOf('Cloud Tasks', 'Cloud Tasks API operations')).toBe(
      'tasks-operations',
    );
    expect(
      skuFamilyOf(
        'Cloud Memorystore for Redis',
        'Redis Capacity Basic M1 Seoul',
      ),
    ).toBe('redis-capacity');
    expect(skuFamilyOf('Compute Engine', 'Network Inter Zone Egress')).toBe(
      'other',
    );
  });
});

describe('CSV', () => {
  it('writes RFC 4180 with quoting, CRLF and no formula injection', () => {
    expect(
      toCsv(
        ['date', 'resource', 'cost'],
        [
          ['2026-03-01', 'a,b', 1.5],
          ['2026-03-02', 'say "hi"', null],
          ['x', '=SUM(A1)', -2],
        ],
      ),
    ).toBe(
      'date,resource,cost\r\n2026-03-01,"a,b",1.5\r\n2026-03-02,"say ""hi""",\r\nx,\'=SUM(A1),-2\r\n',
    );
  });
});

describe('currency formatting', () => {
  it('uses the billing currency and its decimals', () => {
    expect(formatCurrency(1234.5, 'USD')).toBe('$1,234.50');
    expect(formatCurrency(12345.4, 'KRW')).toBe('₩12,345');
    expect(formatCurrency(3, 'EUR')).toBe('€3.00');
    expect(formatCurrency(1, 'NOPE')).toBe('1.00 NOPE');
    expect(formatUnitPrice(0.0000025, 'USD')).toBe('$0.0000025');
    expect(formatUnitPrice(0.4, 'USD')).toBe('$0.40');
    expect(formatCurrencyChange(13.14, 'USD')).toBe('+$13.14');
    expect(formatCurrencyChange(-4, 'USD')).toBe('−$4.00');
  });
});

describe('budgetPeriodBounds', () => {
  it('month, quarter and year containing a day', () => {
    expect(budgetPeriodBounds('MONTH', '2026-12-15')).toEqual({
      start: '2026-12-01',
      end: '2027-01-01',
    });
    expect(budgetPeriodBounds('QUARTER', '2026-11-30')).toEqual({
      start: '2026-10-01',
      end: '2027-01-01',
    });
    expect(budgetPeriodBounds('QUARTER', '2026-02-01')).toEqual({
      start: '2026-01-01',
      end: '2026-04-01',
    });
    expect(budgetPeriodBounds('YEAR', '2026-06-01')).toEqual({
      start: '2026-01-01',
      end: '2027-01-01',
    });
  });
});
