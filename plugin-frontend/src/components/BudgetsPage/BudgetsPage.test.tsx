import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { renderWithProviders } from '../../__testUtils__/renderWithProviders';
import { BudgetsPage } from './BudgetsPage';

afterEach(cleanup);

describe('BudgetsPage without a billing account', () => {
  it('shows the setup hint, not an error and not "no budgets"', async () => {
    const api = fakeApi({
      listBudgets: async () => ({
        status: 'notConfigured',
        setup: {
          key: 'gcpServerless.billing.accountId',
          message:
            'No billing account is configured, so there are no budgets to show: set gcpServerless.billing.accountId (docs/configuration.md)',
        },
        billingAccount: null,
        budgets: [],
        month: null,
        errors: [],
      }),
    });
    renderWithProviders(<BudgetsPage />, { api });
    const hint = await screen.findByTestId('budgets-not-configured');
    expect(hint.textContent).toContain('set gcpServerless.billing.accountId');
    expect(screen.queryByText(/Could not load the budgets/)).toBeNull();
    expect(screen.queryByText(/has no budgets/)).toBeNull();
    expect(screen.queryByText(/billing account null/)).toBeNull();
  });
});
