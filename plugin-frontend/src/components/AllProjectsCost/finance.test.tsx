import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import type { BudgetWithSpend } from '@gcp-serverless/common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { renderWithProviders } from '../../__testUtils__/renderWithProviders';
import { BudgetsTable } from '../BudgetsPage/BudgetsTable';
import { AllProjectsCostView } from './AllProjectsCostPanel';

afterEach(cleanup);

const gryyd = {
  budgetId: 'b1',
  name: 'billingAccounts/A/budgets/b1',
  displayName: 'gryyd-web monthly',
  projects: ['gryyd-web'],
  services: [],
  period: 'MONTH',
  amount: 2500,
  currency: 'USD',
  etag: 'e',
  consoleUrl: '',
  thresholds: [
    { percent: 0.5, spendBasis: 'CURRENT_SPEND' },
    { percent: 0.9, spendBasis: 'CURRENT_SPEND' },
    { percent: 1, spendBasis: 'FORECASTED_SPEND' },
  ],
  spend: {
    actual: 1400,
    forecast: 3132.81,
    periodStart: '2026-12-01',
    source: 'billing-export',
  },
} as unknown as BudgetWithSpend;

describe('finance that adds up', () => {
  it('the budgets table flags a forecast over the amount and the thresholds crossed', () => {
    renderWithProviders(
      <BudgetsTable
        budgets={[gryyd]}
        projectId="gryyd-web"
        onEdit={() => {}}
      />,
      { api: fakeApi({}) },
    );
    expect(screen.getByTestId('budget-forecast-over').textContent).toBe(
      'Forecast over by $632.81',
    );
    expect(
      screen
        .getAllByTestId('budget-threshold')
        .map(t => [t.textContent, t.getAttribute('data-crossed')]),
    ).toEqual([
      ['50 % — crossed', 'true'],
      ['90 %', 'false'],
      ['100 % forecast — crossed', 'true'],
    ]);
  });

  it('the all-projects figures and the per-project lines they add up from', () => {
    const month = {
      monthStart: '2026-12-01',
      currency: 'USD',
      projects: [
        {
          projectId: 'gryyd-web',
          monthToDate: { cost: 486.72, credits: -6.31, net: 480.41 },
          forecast: 3132.81,
        },
        {
          projectId: 'chat-realtime',
          monthToDate: { cost: 100, credits: 0, net: 100 },
          forecast: 700,
        },
      ],
      total: {
        monthToDate: { cost: 586.72, credits: -6.31, net: 580.41 },
        forecast: 3832.81,
        budget: 3500,
      },
    };
    renderWithProviders(<AllProjectsCostView month={month} />, {
      api: fakeApi({}),
    });
    expect(screen.getByTestId('all-projects-mtd').textContent).toBe('$580.41');
    expect(screen.getByTestId('all-projects-forecast').textContent).toBe(
      '$3,832.81',
    );
    expect(screen.getByTestId('all-projects-budget').textContent).toBe(
      '$3,500.00',
    );
    expect(
      screen.getByTestId('all-projects-forecast-over').textContent,
    ).toContain('$332.81 over');
    expect(
      screen.getByRole('row', { name: /All projects/ }).textContent,
    ).toContain('$580.41');
  });
});
