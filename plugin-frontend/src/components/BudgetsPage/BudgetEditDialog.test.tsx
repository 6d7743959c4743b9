import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { ConflictError, type Budget, type BudgetPreview } from '@gcp-serverless/common';
import { fakeApi } from '../../testing/fakeApi';
import { renderWithProviders } from '../../testing/renderWithProviders';
import { BudgetEditDialog } from './BudgetEditDialog';

afterEach(cleanup);

const budget: Budget = {
  name: 'billingAccounts/012345-6789AB-CDEF01/budgets/b1', budgetId: 'b1', billingAccount: '012345-6789AB-CDEF01',
  displayName: 'gryyd-web monthly', amount: 1500, currency: 'USD', period: 'MONTH', projects: ['gryyd-web'], services: [],
  thresholds: [{ percent: 0.5, spendBasis: 'CURRENT_SPEND' }, { percent: 1, spendBasis: 'FORECASTED_SPEND' }],
  creditTypesTreatment: 'INCLUDE_ALL_CREDITS', etag: '"e1"', consoleUrl: 'https://console.cloud.google.com/billing',
};
const preview: BudgetPreview = {
  budget, diff: [{ field: 'amount', label: 'Amount', before: '$1,500.00', after: '$2,000.00' }], warnings: [],
  validation: { status: 'skipped', message: 'The Budget API has no validate-only mode' }, etag: '"e1"',
};
const button = (name: string) => screen.getByRole('button', { name, hidden: true }) as HTMLButtonElement;

function setup(api = fakeApi()) {
  const onChanged = vi.fn();
  renderWithProviders(<BudgetEditDialog budget={budget} onClose={() => {}} onChanged={onChanged} />, { api });
  return { api, onChanged };
}

describe('BudgetEditDialog', () => {
  it('starts from the budget, 100-based thresholds', () => {
    setup();
    expect((screen.getByTestId('budget-amount') as HTMLInputElement).value).toBe('1500');
    expect((screen.getByTestId('budget-threshold-percent-0') as HTMLInputElement).value).toBe('50');
    expect((screen.getByTestId('budget-threshold-percent-1') as HTMLInputElement).value).toBe('100');
  });

  it('shows schema messages under the field and does not call the API', () => {
    const { api } = setup();
    fireEvent.change(screen.getByTestId('budget-amount'), { target: { value: '0' } });
    expect(screen.getByText('Amount must be greater than 0')).toBeTruthy();
    fireEvent.change(screen.getByTestId('budget-threshold-percent-0'), { target: { value: '0' } });
    expect(screen.getByText('Threshold must be at least 1 %')).toBeTruthy();
    fireEvent.click(button('Preview'));
    expect(api.previewBudget).not.toHaveBeenCalled();
  });

  it('previews, applies with the preview etag and reports success', async () => {
    const api = fakeApi({
      previewBudget: async () => preview,
      applyBudget: async () => ({ budget: { ...budget, amount: 2000, etag: '"e2"' }, diff: preview.diff }),
    });
    const { onChanged } = setup(api);
    fireEvent.change(screen.getByTestId('budget-amount'), { target: { value: '2000' } });
    fireEvent.click(button('Preview'));
    await screen.findByTestId('budget-preview');
    expect(api.previewBudget).toHaveBeenCalledWith('b1', {
      amount: 2000, period: 'MONTH',
      thresholds: [{ percent: 50, spendBasis: 'CURRENT_SPEND' }, { percent: 100, spendBasis: 'FORECASTED_SPEND' }],
    });
    fireEvent.click(button('Apply'));
    expect((await screen.findByTestId('budget-applied')).textContent).toContain('$2,000.00 per month');
    expect(api.applyBudget.mock.calls[0]![1]).toMatchObject({ etag: '"e1"', acknowledgedWarnings: [] });
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('on 409 shows the budget as it is now and takes its values', async () => {
    const current = { ...budget, amount: 1700, etag: '"e9"' };
    const api = fakeApi({
      previewBudget: async () => preview,
      applyBudget: async () => Promise.reject(new ConflictError('changed', { details: { current, etag: '"e9"' } })),
    });
    setup(api);
    fireEvent.change(screen.getByTestId('budget-amount'), { target: { value: '2000' } });
    fireEvent.click(button('Preview'));
    await screen.findByTestId('budget-preview');
    fireEvent.click(button('Apply'));
    const conflict = await screen.findByTestId('budget-conflict');
    expect(conflict.textContent).toContain('$1,700.00');
    fireEvent.click(within(conflict).getByRole('button', { name: 'Use current values', hidden: true }));
    expect((screen.getByTestId('budget-amount') as HTMLInputElement).value).toBe('1700');
  });
});
