import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  cleanup,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import {
  ConflictError,
  type Budget,
  type BudgetListResponse,
  type BudgetPreview,
} from '@gcp-serverless/common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { renderWithProviders } from '../../__testUtils__/renderWithProviders';
import { BudgetForm } from './BudgetForm';
import { BudgetsPage } from './BudgetsPage';

afterEach(cleanup);

const budget: Budget = {
  name: 'billingAccounts/012345-6789AB-CDEF01/budgets/b1',
  budgetId: 'b1',
  billingAccount: '012345-6789AB-CDEF01',
  displayName: 'gryyd-web monthly',
  amount: 1500,
  currency: 'USD',
  period: 'MONTH',
  projects: ['gryyd-web'],
  services: [],
  thresholds: [
    { percent: 0.5, spendBasis: 'CURRENT_SPEND' },
    { percent: 1, spendBasis: 'FORECASTED_SPEND' },
  ],
  creditTypesTreatment: 'INCLUDE_ALL_CREDITS',
  etag: '"e1"',
  consoleUrl: 'https://console.cloud.google.com/billing',
};
const preview: BudgetPreview = {
  budget,
  diff: [
    {
      field: 'amount',
      label: 'Amount',
      before: '$1,500.00',
      after: '$2,000.00',
    },
  ],
  warnings: [],
  validation: {
    status: 'skipped',
    message: 'The Budget API has no validate-only mode',
  },
  etag: '"e1"',
};
const button = (name: string) =>
  screen.getByRole('button', { name, hidden: true }) as HTMLButtonElement;

function setup(api = fakeApi()) {
  const onChanged = vi.fn();
  const onSucceeded = vi.fn();
  renderWithProviders(
    <BudgetForm
      budget={budget}
      onChanged={onChanged}
      onSucceeded={onSucceeded}
    />,
    { api },
  );
  return { api, onChanged, onSucceeded };
}

const list = (b: Budget): BudgetListResponse => ({
  status: 'configured',
  billingAccount: b.billingAccount,
  budgets: [
    {
      ...b,
      spend: {
        actual: 700,
        forecast: 1400,
        periodStart: '2026-12-01',
        source: 'billing-export',
      },
    },
  ],
  errors: [],
});

describe('BudgetForm', () => {
  it('starts from the budget, 100-based thresholds', () => {
    setup();
    expect(
      (screen.getByTestId('budget-amount') as HTMLInputElement).value,
    ).toBe('1500');
    expect(
      (screen.getByTestId('budget-threshold-percent-0') as HTMLInputElement)
        .value,
    ).toBe('50');
    expect(
      (screen.getByTestId('budget-threshold-percent-1') as HTMLInputElement)
        .value,
    ).toBe('100');
  });

  it('shows schema messages under the field and does not call the API', () => {
    const { api } = setup();
    fireEvent.change(screen.getByTestId('budget-amount'), {
      target: { value: '0' },
    });
    expect(screen.getByText('Amount must be greater than 0')).toBeTruthy();
    fireEvent.change(screen.getByTestId('budget-threshold-percent-0'), {
      target: { value: '0' },
    });
    expect(screen.getByText('Threshold must be at least 1 %')).toBeTruthy();
    fireEvent.click(button('Preview'));
    expect(api.previewBudget).not.toHaveBeenCalled();
  });

  it('previews in the shared dialog, applies with the preview etag and reports success', async () => {
    const api = fakeApi({
      previewBudget: async () => preview,
      applyBudget: async () => ({
        outcome: 'succeeded',
        budget: { ...budget, amount: 2000, etag: '"e2"' },
        diff: preview.diff,
      }),
    });
    const { onSucceeded } = setup(api);
    fireEvent.change(screen.getByTestId('budget-amount'), {
      target: { value: '2000' },
    });
    fireEvent.click(button('Preview'));
    const dialog = await screen.findByTestId('budget-preview-dialog');
    await within(dialog).findByTestId('edit-diff');
    expect(api.previewBudget).toHaveBeenCalledWith(
      'b1',
      {
        amount: 2000,
        period: 'MONTH',
        thresholds: [
          { percent: 50, spendBasis: 'CURRENT_SPEND' },
          { percent: 100, spendBasis: 'FORECASTED_SPEND' },
        ],
      },
      expect.anything(),
    );
    expect(
      within(dialog).getByTestId('budget-validation').textContent,
    ).toContain('The Budget API has no validate-only mode');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(onSucceeded).toHaveBeenCalledWith(
        'Budget gryyd-web monthly updated: $2,000.00 per month.',
      ),
    );
    expect(api.applyBudget.mock.calls[0]![1]).toMatchObject({
      etag: '"e1"',
      acknowledgedWarnings: [],
    });
  });

  it('on 409 shows the budget as it is now in the conflict dialog and takes its values', async () => {
    const current = { ...budget, amount: 1700, etag: '"e9"' };
    const api = fakeApi({
      previewBudget: async () => preview,
      applyBudget: async () =>
        Promise.reject(
          new ConflictError('changed', { details: { current, etag: '"e9"' } }),
        ),
    });
    const { onChanged } = setup(api);
    fireEvent.change(screen.getByTestId('budget-amount'), {
      target: { value: '2000' },
    });
    fireEvent.click(button('Preview'));
    fireEvent.click(
      await within(
        await screen.findByTestId('budget-preview-dialog'),
      ).findByRole('button', { name: 'Apply' }),
    );
    const conflict = await screen.findByTestId('budget-conflict-dialog');
    const amount = within(conflict).getByTestId('conflict-row-amount');
    expect(amount.textContent).toContain('$1,700.00');
    expect(amount.textContent).toContain('$2,000.00');
    expect(
      within(conflict).getByTestId('conflict-row-thresholds').textContent,
    ).toContain('50 %, 100 % forecast');
    fireEvent.click(
      within(conflict).getByRole('button', { name: 'Use current values' }),
    );
    await waitFor(() =>
      expect(screen.queryByTestId('budget-conflict-dialog')).toBeNull(),
    );
    expect(
      (screen.getByTestId('budget-amount') as HTMLInputElement).value,
    ).toBe('1700');
    expect(onChanged).toHaveBeenCalledTimes(1);
  });
});

describe('Budget edit dialog on the budgets page', () => {
  it('closes after a successful apply, says so, reloads and returns the focus to Edit', async () => {
    let current = budget;
    const api = fakeApi({
      listBudgets: async () => list(current),
      previewBudget: async () => preview,
      applyBudget: async () => {
        current = { ...budget, amount: 2000, etag: '"e2"' };
        return { budget: current, diff: preview.diff };
      },
    });
    renderWithProviders(<BudgetsPage />, {
      api,
      path: '/projects/gryyd-web/budgets',
    });
    const edit = await screen.findByRole('button', { name: 'Edit' });
    edit.focus();
    fireEvent.click(edit);
    const formDialog = await screen.findByTestId('budget-edit-dialog');
    fireEvent.change(within(formDialog).getByTestId('budget-amount'), {
      target: { value: '2000' },
    });
    fireEvent.click(
      within(formDialog).getByRole('button', { name: 'Preview', hidden: true }),
    );
    fireEvent.click(
      await within(
        await screen.findByTestId('budget-preview-dialog'),
      ).findByRole('button', { name: 'Apply' }),
    );

    expect((await screen.findByTestId('budget-applied')).textContent).toContain(
      'Budget gryyd-web monthly updated: $2,000.00 per month.',
    );
    await waitFor(() =>
      expect(screen.queryByTestId('budget-edit-dialog')).toBeNull(),
    );
    expect(screen.queryByTestId('budget-preview-dialog')).toBeNull();
    await waitFor(() => expect(api.listBudgets).toHaveBeenCalledTimes(2));
    await waitFor(() =>
      expect(screen.getByTestId('budget-amount-cell').textContent).toBe(
        '$2,000.00',
      ),
    );
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Edit' }),
      ),
    );
  });

  it('returns the focus to Edit when the dialog is closed with Escape', async () => {
    renderWithProviders(<BudgetsPage />, {
      api: fakeApi({ listBudgets: async () => list(budget) }),
      path: '/projects/gryyd-web/budgets',
    });
    const edit = await screen.findByRole('button', { name: 'Edit' });
    edit.focus();
    fireEvent.click(edit);
    fireEvent.keyDown(await screen.findByTestId('budget-edit-dialog'), {
      key: 'Escape',
    });
    await waitFor(() =>
      expect(screen.queryByTestId('budget-edit-dialog')).toBeNull(),
    );
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Edit' }),
    );
  });
});
