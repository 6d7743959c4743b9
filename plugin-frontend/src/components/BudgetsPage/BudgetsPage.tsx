import { useState } from 'react';
import { useParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { BudgetWithSpend } from '@gcp-serverless/common';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { BudgetEditDialog } from './BudgetEditDialog';
import { EditSucceededSnackbar } from '../EditDialogs/EditSucceededSnackbar';
import { BudgetsTable } from './BudgetsTable';
import { useBudgetsQuery } from '../../queries/reads';
import { useReloadAfterChange } from '../../queries/useReloadAfterChange';
import { PanelSetupHint } from '../SetupPage/PanelSetupHint';
import { SetupLink } from '../SetupPage/SetupLink';

/**
 * Budgets of the configured billing account (`projects/:projectId/budgets`): every budget with spend
 * against it (budgets covering this project highlighted), and an edit form with preview and an
 * etag-safe apply. Spend comes from the cost source; the Budget API holds none.
 */
export function BudgetsPage() {
  const { projectId = '' } = useParams();
  const list = useBudgetsQuery();
  const reload = useReloadAfterChange();
  const [editing, setEditing] = useState<BudgetWithSpend>();
  const [succeeded, setSucceeded] = useState<string>();
  const budgets = list.data?.budgets ?? [];
  const notConfigured = list.data?.status === 'notConfigured';

  return (
    <Stack spacing={2} data-testid="budgets-page">
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
          <PanelSetupHint errors={e} />
        </Alert>
      ))}
      <Paper
        variant="outlined"
        sx={{ p: 2 }}
        component="section"
        aria-label="Budgets"
      >
        <Typography variant="subtitle1" component="h3">
          {notConfigured
            ? 'Budgets'
            : `Budgets of billing account ${list.data?.billingAccount ?? '…'}`}
        </Typography>
        {notConfigured && (
          <Alert severity="info" data-testid="budgets-not-configured">
            {list.data?.setup?.message ??
              'No billing account is configured, so there are no budgets to show.'}{' '}
            <SetupLink />
          </Alert>
        )}
        <Typography
          variant="caption"
          color="text.secondary"
          component="p"
          sx={{ mb: 1 }}
        >
          Spend is read for the portal's projects only; budgets covering{' '}
          {projectId} are highlighted.
        </Typography>
        {list.isPending && (
          <Skeleton
            variant="rectangular"
            height={120}
            aria-label="Loading budgets"
          />
        )}
        {list.data && !notConfigured && budgets.length === 0 && (
          <Typography color="text.secondary">
            This billing account has no budgets.
          </Typography>
        )}
        {budgets.length > 0 && (
          <BudgetsTable
            budgets={budgets}
            projectId={projectId}
            onEdit={setEditing}
          />
        )}
      </Paper>
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
