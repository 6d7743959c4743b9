import Alert from '@mui/material/Alert';
import CircularProgress from '@mui/material/CircularProgress';
import { useBudgetsQuery } from '../../queries/reads';
import { BudgetForm, type BudgetSettings } from '../BudgetsPage/BudgetForm';
import type { RevertEditorProps } from './RevertEditorProps';

/** Budget: the budget form, started from the amount, period and thresholds before the entry's change. */
export function BudgetRevertEditor({
  entry,
  onSucceeded,
  onChanged,
}: RevertEditorProps) {
  // `billingAccounts/A/budgets/B`; the list is one Budget API call for the whole account anyway.
  const budgetId = /^billingAccounts\/[^/]+\/budgets\/([^/]+)$/.exec(
    entry.resource,
  )?.[1];
  const list = useBudgetsQuery();
  if (!budgetId)
    return <Alert severity="error">Not a budget: {entry.resource}</Alert>;
  if (list.error)
    return (
      <Alert severity="error">
        Could not load the budget: {list.error.message}
      </Alert>
    );
  if (!list.data) return <CircularProgress aria-label="Loading the budget" />;
  const budget = list.data.budgets.find(b => b.budgetId === budgetId);
  if (!budget)
    return (
      <Alert severity="warning">Budget {budgetId} no longer exists.</Alert>
    );
  return (
    <BudgetForm
      budget={budget}
      initialValues={entry.before as BudgetSettings}
      onChanged={onChanged}
      onSucceeded={onSucceeded}
    />
  );
}
