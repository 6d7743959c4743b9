import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import type { Budget } from '@gcp-serverless/common';
import { BudgetForm } from './BudgetForm';

/** Props of {@link BudgetEditDialog}. */
export interface BudgetEditDialogProps {
  budget: Budget;
  onClose: () => void;
  /** Reload the page after an apply or after taking the current values of a conflict. */
  onChanged: () => void;
  /** Google confirmed the apply: the page shows `message`; the dialog closes itself. */
  onSucceeded: (message: string) => void;
}

/**
 * The budget form in a dialog, opened from the budgets table. It closes once the apply succeeded
 * (the page says so) and MUI returns the focus to the Edit button that opened it.
 */
export function BudgetEditDialog({
  budget,
  onClose,
  onChanged,
  onSucceeded,
}: BudgetEditDialogProps) {
  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="budget-edit-title"
      data-testid="budget-edit-dialog"
    >
      <DialogTitle id="budget-edit-title">
        Edit budget {budget.displayName}
      </DialogTitle>
      <DialogContent>
        <BudgetForm
          budget={budget}
          onChanged={onChanged}
          onSucceeded={message => {
            onChanged();
            onSucceeded(message);
            onClose();
          }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
      </DialogActions>
    </Dialog>
  );
}
