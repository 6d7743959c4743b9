import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { Budget, SpendBasis } from '@gcp-serverless/common';
import { budgetEdit } from '../../edits/kinds/budgetEdit';
import { useEdit } from '../../edits/useEdit';
import { EditFlowDialogs } from '../EditDialogs/EditFlowDialogs';
import {
  budgetServerErrors,
  toBudgetFormValues,
  validateBudgetForm,
  type BudgetFieldErrors,
  type BudgetFormValues,
} from './budgetFormModel';

/** The editable part of a budget, as a change history entry's `before` holds it (thresholds 1.0-based). */
export type BudgetSettings = Pick<Budget, 'amount' | 'period' | 'thresholds'>;

/** Props of {@link BudgetForm}. */
export interface BudgetFormProps {
  budget: Budget;
  /** Values to start from instead of the budget's (a revert from the change history). */
  initialValues?: BudgetSettings;
  /** After "Use current values" or a pending apply the user closed: reload the page. */
  onChanged: () => void;
  /** After Google confirmed the apply, with the message to show (the surrounding dialog closes). */
  onSucceeded: (message: string) => void;
}

/**
 * A budget's amount, period and alert thresholds: checked with the shared schema as the user types,
 * then the edit flow of `budgetEdit` (preview, etag-guarded apply, outcome, conflict).
 */
export function BudgetForm({
  budget,
  initialValues,
  onChanged,
  onSucceeded,
}: BudgetFormProps) {
  const ref = {
    budgetId: budget.budgetId,
    displayName: budget.displayName,
    currency: budget.currency,
  };
  const [values, setValues] = useState<BudgetFormValues>(() =>
    toBudgetFormValues({ ...budget, ...initialValues }),
  );
  const [clientErrors, setClientErrors] = useState<BudgetFieldErrors>({});
  const edit = useEdit(budgetEdit, ref, {
    onSucceeded: result =>
      onSucceeded(budgetEdit.succeededMessage(result, ref)),
  });
  const errors = {
    ...budgetServerErrors(
      edit.state.status === 'idle' ? edit.state.fieldErrors : [],
    ),
    ...clientErrors,
  };
  const update = (next: BudgetFormValues) => {
    setValues(next);
    const result = validateBudgetForm(next);
    setClientErrors(result.ok ? {} : result.errors);
    edit.clearFieldErrors();
  };
  const setThreshold = (
    i: number,
    patch: Partial<{ percent: string; spendBasis: SpendBasis }>,
  ) =>
    update({
      ...values,
      thresholds: values.thresholds.map((t, j) =>
        j === i ? { ...t, ...patch } : t,
      ),
    });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateBudgetForm(values);
    if (!result.ok) setClientErrors(result.errors);
    else if (!edit.busy) edit.preview(result.change);
  };

  return (
    <Box
      component="form"
      noValidate
      onSubmit={onSubmit}
      data-testid="budget-form"
    >
      <Stack spacing={2} sx={{ pt: 1 }}>
        <Stack direction="row" spacing={2}>
          <TextField
            label={`Amount (${budget.currency})`}
            type="number"
            size="small"
            value={values.amount}
            onChange={ev => update({ ...values, amount: ev.target.value })}
            error={!!errors.amount}
            helperText={errors.amount ?? 'Per period'}
            inputProps={{
              min: 0.01,
              step: 0.01,
              'data-testid': 'budget-amount',
            }}
          />
          <TextField
            select
            label="Period"
            size="small"
            value={values.period}
            sx={{ minWidth: 140 }}
            onChange={ev =>
              update({
                ...values,
                period: ev.target.value as BudgetFormValues['period'],
              })
            }
            error={!!errors.period}
            helperText={errors.period}
          >
            {['MONTH', 'QUARTER', 'YEAR'].map(p => (
              <MenuItem key={p} value={p}>
                {p.toLowerCase()}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
        <Typography variant="subtitle2">Alert thresholds</Typography>
        {values.thresholds.map((t, i) => (
          <Stack
            key={i}
            direction="row"
            spacing={1}
            alignItems="flex-start"
            data-testid={`budget-threshold-${i}`}
          >
            <TextField
              label="Percent"
              type="number"
              size="small"
              value={t.percent}
              onChange={ev => setThreshold(i, { percent: ev.target.value })}
              error={!!errors[`thresholds.${i}.percent`]}
              helperText={
                errors[`thresholds.${i}.percent`] ?? '% of the amount'
              }
              inputProps={{ 'data-testid': `budget-threshold-percent-${i}` }}
            />
            <TextField
              select
              label="Compared with"
              size="small"
              value={t.spendBasis}
              sx={{ minWidth: 170 }}
              onChange={ev =>
                setThreshold(i, { spendBasis: ev.target.value as SpendBasis })
              }
              error={!!errors[`thresholds.${i}.spendBasis`]}
            >
              <MenuItem value="CURRENT_SPEND">actual spend</MenuItem>
              <MenuItem value="FORECASTED_SPEND">forecasted spend</MenuItem>
            </TextField>
            <IconButton
              aria-label={`Remove threshold ${i + 1}`}
              onClick={() =>
                update({
                  ...values,
                  thresholds: values.thresholds.filter((_, j) => j !== i),
                })
              }
            >
              ×
            </IconButton>
          </Stack>
        ))}
        {errors.thresholds && (
          <Alert severity="error">{errors.thresholds}</Alert>
        )}
        <Stack direction="row" spacing={1}>
          <Button
            size="small"
            onClick={() =>
              update({
                ...values,
                thresholds: [
                  ...values.thresholds,
                  { percent: '100', spendBasis: 'CURRENT_SPEND' },
                ],
              })
            }
          >
            Add threshold
          </Button>
          <Box flex={1} />
          <Button type="submit" variant="contained" ref={edit.trigger}>
            Preview
          </Button>
        </Stack>
      </Stack>
      <EditFlowDialogs
        edit={edit}
        showSucceeded={false}
        onDone={onChanged}
        onUseCurrent={details => {
          setValues(toBudgetFormValues(details.current));
          setClientErrors({});
          onChanged();
        }}
      />
    </Box>
  );
}
