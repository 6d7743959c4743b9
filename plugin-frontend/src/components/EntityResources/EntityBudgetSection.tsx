import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { BudgetWithSpend } from '@gcp-serverless/common';
import { BudgetEditDialog } from '../BudgetsPage/BudgetEditDialog';
import { EditSucceededSnackbar } from '../EditDialogs/EditSucceededSnackbar';
import { BudgetsTable } from '../BudgetsPage/BudgetsTable';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { useBudgetsQuery } from '../../queries/reads';
import { useReloadAfterChange } from '../../queries/useReloadAfterChange';

/** Props of {@link EntityBudgetSection}. */
export interface EntityBudgetSectionProps {
  projectId: string;
  /** Budget id from `gcp-serverless/budget` (the `B` of `billingAccounts/A/budgets/B`). */
  budgetId: string;
}

/** The entity's Cloud Billing budget with spend against it and the Budgets page's edit dialog. */
export function EntityBudgetSection({
  projectId,
  budgetId,
}: EntityBudgetSectionProps) {
  const list = useBudgetsQuery();
  const reload = useReloadAfterChange(projectId);
  const [editing, setEditing] = useState<BudgetWithSpend>();
  const [succeeded, setSucceeded] = useState<string>();
  // The annotation may hold the id or the full resource name; both identify one budget.
  const mine =
    list.data?.budgets.filter(
      b => b.budgetId === budgetId || b.name === budgetId,
    ) ?? [];
  return (
    <Stack
      spacing={1}
      component="section"
      aria-label="Budget"
      data-testid="entity-budget"
    >
      <Typography variant="h6" component="h3">
        Budget
      </Typography>
      {list.error && (
        <ErrorPanel
          title="Could not load the budgets"
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      )}
      {list.data?.errors.map(e => (
        <Alert key={e.source} severity="warning">
          Spend could not be read: {e.message}
        </Alert>
      ))}
      {list.isPending && (
        <Skeleton
          variant="rectangular"
          height={80}
          aria-label="Loading the budget"
        />
      )}
      {list.data?.status === 'notConfigured' && (
        <Alert severity="info">
          {list.data.setup?.message ??
            'No billing account is configured, so there are no budgets to show.'}
        </Alert>
      )}
      {list.data?.status === 'configured' && mine.length === 0 && (
        <Alert severity="warning">
          Budget {budgetId} was not found in billing account{' '}
          {list.data.billingAccount}.
        </Alert>
      )}
      {mine.length > 0 && (
        <BudgetsTable
          budgets={mine}
          projectId={projectId}
          onEdit={setEditing}
        />
      )}
      {editing && (
        <BudgetEditDialog
          key={editing.etag}
          budget={editing}
          onClose={() => setEditing(undefined)}
          onChanged={reload}
          onSucceeded={setSucceeded}
        />
      )}
      <EditSucceededSnackbar
        message={succeeded}
        testId="budget"
        onClose={() => setSucceeded(undefined)}
      />
    </Stack>
  );
}
