import {
  costBreakdownOfRows,
  costReportDays,
  costReportFigures,
  type CostReportResponse,
  type CostRow,
} from '@gcp-serverless/common';

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

/**
 * A 7-day report as of 2026-03-05 12:00 UTC: gryd-be $10/day CPU (with −$1 credit on Mar 1) and
 * gryd-fe $2/day memory from Feb 20; the 7-day range is Feb 27 – Mar 5, the previous Feb 20 – 26.
 * Shaped from the daily rows as the backend shapes a cost source's breakdown (costReportFigures), of
 * the whole project or of `resource`.
 */
export function costReportFixture(
  overrides: Partial<CostReportResponse> & { rows?: CostRow[] } = {},
  resource: string | null = null,
): CostReportResponse {
  const { rows: given, ...rest } = overrides;
  const rows: CostRow[] = given ?? defaultRows();
  const days = costReportDays('2026-03-05', '7d');
  const figures = costReportFigures(
    costBreakdownOfRows(rows, 'USD', days, resource),
    days,
  );
  return {
    projectId: 'gryyd-web',
    range: '7d',
    resource,
    currency: 'USD',
    source: {
      kind: 'billing-export',
      description:
        'Billed cost from the Cloud Billing export p.billing.t in BigQuery.',
    },
    asOf: '2026-03-05T12:00:00.000Z',
    rangeStart: '2026-02-27',
    previousStart: '2026-02-20',
    monthStart: '2026-03-01',
    ...figures,
    requests: [
      { resource: 'gryd-be', requests: 70_000 },
      { resource: 'gryd-fe', requests: 0 },
    ].filter(r => resource === null || r.resource === resource),
    budgets: [
      {
        budgetId: 'b1',
        displayName: 'gryyd-web monthly',
        amount: 500,
        currency: 'USD',
        calendarPeriod: 'MONTH',
        thresholds: [
          { percent: 0.5, spendBasis: 'CURRENT_SPEND' },
          { percent: 1, spendBasis: 'FORECASTED_SPEND' },
        ],
      },
    ],
    errors: [],
    ...rest,
  };
}

function defaultRows(): CostRow[] {
  const rows: CostRow[] = [];
  for (let d = 20; d <= 28; d++)
    rows.push(
      row(`2026-02-${d}`, 'gryd-be', 'cpu', 10),
      row(`2026-02-${d}`, 'gryd-fe', 'memory', 2),
    );
  for (let d = 1; d <= 5; d++) {
    rows.push(
      row(
        `2026-03-0${d}`,
        'gryd-be',
        'cpu',
        d === 5 ? 5 : 10,
        d === 1 ? -1 : 0,
      ),
      row(`2026-03-0${d}`, 'gryd-fe', 'memory', d === 5 ? 1 : 2),
    );
  }
  return rows;
}
