import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { formatCurrency, type Budget, type SpendBasis } from '@gcp-serverless/common';
import { ScalingDiffTable } from '../ScalingForm/ScalingDiffTable';
import { ScalingWarnings } from '../ScalingForm/ScalingWarnings';
import { useBudgetEditor } from './useBudgetEditor';

/** Props of {@link BudgetEditDialog}. */
export interface BudgetEditDialogProps {
  budget: Budget;
  onClose: () => void;
  /** Reload the page after an apply or after taking the current values of a conflict. */
  onChanged: () => void;
}

/**
 * Edits a budget's amount, thresholds and period: the form (checked with the shared schema as the
 * user types) → Preview (diff, warnings) → Apply with the etag of the preview → success, or the
 * budget as it is now when someone changed it meanwhile.
 */
export function BudgetEditDialog({ budget, onClose, onChanged }: BudgetEditDialogProps) {
  const e = useBudgetEditor(budget, onChanged);
  const { values, errors, step } = e;
  const preview = step.kind === 'previewed' || step.kind === 'applying' || step.kind === 'failed' ? step.preview : undefined;
  const setThreshold = (i: number, patch: Partial<{ percent: string; spendBasis: SpendBasis }>) =>
    e.update({ ...values, thresholds: values.thresholds.map((t, j) => (j === i ? { ...t, ...patch } : t)) });

  return (
    <Dialog open onClose={() => !e.busy && onClose()} fullWidth maxWidth="sm" aria-labelledby="budget-edit-title" data-testid="budget-edit-dialog">
      <DialogTitle id="budget-edit-title">Edit budget {budget.displayName}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Stack direction="row" spacing={2}>
            <TextField label={`Amount (${budget.currency})`} type="number" size="small" value={values.amount} disabled={e.busy}
              onChange={ev => e.update({ ...values, amount: ev.target.value })} error={!!errors['amount']} helperText={errors['amount'] ?? 'Per period'}
              inputProps={{ min: 0.01, step: 0.01, 'data-testid': 'budget-amount' }} />
            <TextField select label="Period" size="small" value={values.period} disabled={e.busy} sx={{ minWidth: 140 }}
              onChange={ev => e.update({ ...values, period: ev.target.value as 'MONTH' })} error={!!errors['period']} helperText={errors['period']}>
              {['MONTH', 'QUARTER', 'YEAR'].map(p => <MenuItem key={p} value={p}>{p.toLowerCase()}</MenuItem>)}
            </TextField>
          </Stack>
          <Typography variant="subtitle2">Alert thresholds</Typography>
          {values.thresholds.map((t, i) => (
            <Stack key={i} direction="row" spacing={1} alignItems="flex-start" data-testid={`budget-threshold-${i}`}>
              <TextField label="Percent" type="number" size="small" value={t.percent} disabled={e.busy}
                onChange={ev => setThreshold(i, { percent: ev.target.value })}
                error={!!errors[`thresholds.${i}.percent`]} helperText={errors[`thresholds.${i}.percent`] ?? '% of the amount'}
                inputProps={{ 'data-testid': `budget-threshold-percent-${i}` }} />
              <TextField select label="Compared with" size="small" value={t.spendBasis} disabled={e.busy} sx={{ minWidth: 170 }}
                onChange={ev => setThreshold(i, { spendBasis: ev.target.value as SpendBasis })} error={!!errors[`thresholds.${i}.spendBasis`]}>
                <MenuItem value="CURRENT_SPEND">actual spend</MenuItem>
                <MenuItem value="FORECASTED_SPEND">forecasted spend</MenuItem>
              </TextField>
              <IconButton aria-label={`Remove threshold ${i + 1}`} disabled={e.busy}
                onClick={() => e.update({ ...values, thresholds: values.thresholds.filter((_, j) => j !== i) })}>×</IconButton>
            </Stack>
          ))}
          {errors['thresholds'] && <Alert severity="error">{errors['thresholds']}</Alert>}
          <Button size="small" sx={{ alignSelf: 'flex-start' }} disabled={e.busy}
            onClick={() => e.update({ ...values, thresholds: [...values.thresholds, { percent: '100', spendBasis: 'CURRENT_SPEND' }] })}>
            Add threshold
          </Button>
          {step.kind === 'previewing' && <LinearProgress aria-label="Previewing" />}
          {preview && preview.diff.length === 0 && <Alert severity="info" data-testid="budget-no-change">Nothing to change: the budget already has these values.</Alert>}
          {preview && preview.diff.length > 0 && (
            <Stack spacing={1} data-testid="budget-preview">
              <ScalingDiffTable diff={preview.diff} />
              <ScalingWarnings warnings={preview.warnings} acknowledged={e.acknowledged} onAcknowledge={e.acknowledge} disabled={e.busy} />
              {preview.validation.message && <Typography variant="body2" color="text.secondary">{preview.validation.message}.</Typography>}
            </Stack>
          )}
          {step.kind === 'applying' && (
            <Stack role="status" data-testid="budget-applying"><Typography>Applying…</Typography><LinearProgress aria-label="Applying" /></Stack>
          )}
          {step.kind === 'failed' && <Alert severity="error" data-testid="budget-error">{step.error.message}</Alert>}
          {step.kind === 'conflict' && (
            <Alert severity="warning" data-testid="budget-conflict"
              action={<Button color="inherit" size="small" onClick={e.takeCurrent}>Use current values</Button>}>
              Someone changed this budget after your preview, so nothing was applied. Now: {step.details.current.amount === null ? 'last period spend' : formatCurrency(step.details.current.amount, step.details.current.currency)},
              {' '}{step.details.current.period.toLowerCase()}, thresholds {step.details.current.thresholds.map(t => `${Math.round(t.percent * 100)} %`).join(', ') || 'none'}.
            </Alert>
          )}
          {step.kind === 'applied' && (
            <Alert severity="success" data-testid="budget-applied">
              Budget {step.result.budget.displayName} updated: {step.result.budget.amount === null ? '' : formatCurrency(step.result.budget.amount, step.result.budget.currency)} per {step.result.budget.period.toLowerCase()}.
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={e.busy}>{step.kind === 'applied' ? 'Close' : 'Cancel'}</Button>
        <Button onClick={e.preview} disabled={e.busy || step.kind === 'applied'}>Preview</Button>
        <Button variant="contained" onClick={e.apply} disabled={!e.canApply || e.busy}>Apply</Button>
      </DialogActions>
    </Dialog>
  );
}
