import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { EditPreviewBase } from '../../edits/editState';
import type { Edit } from '../../edits/useEdit';
import { useReturnFocus } from './useReturnFocus';

/** Props of {@link EditConflictDialog}. */
export interface EditConflictDialogProps<
  Ref,
  C,
  P extends EditPreviewBase,
  R,
  D,
> {
  edit: Edit<Ref, C, P, R, D>;
  /** Loads the resource as it is now into the form (and reloads the page); the dialog then closes. */
  onUseCurrent: (details: D) => void;
}

/**
 * Shown on 409 for any edit: the resource changed after the preview, nothing was applied. Its values
 * now next to the user's (differences in bold); "Use current values" restarts from what is there now.
 */
export function EditConflictDialog<Ref, C, P extends EditPreviewBase, R, D>({
  edit,
  onUseCurrent,
}: EditConflictDialogProps<Ref, C, P, R, D>) {
  const { state, kind } = edit;
  const conflict = state.status === 'conflict' ? state : undefined;
  useReturnFocus(conflict !== undefined, edit.trigger);
  const rows = conflict
    ? kind.conflictRows(conflict.details, conflict.change, conflict.preview)
    : [];
  const name = kind.resourceName(edit.ref);
  return (
    <Dialog
      open={conflict !== undefined}
      onClose={edit.reset}
      disableRestoreFocus
      aria-labelledby={`${kind.testId}-conflict-title`}
      data-testid={`${kind.testId}-conflict-dialog`}
    >
      <DialogTitle id={`${kind.testId}-conflict-title`}>
        {name} changed meanwhile
      </DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          Someone changed {name} after your preview, so nothing was applied.{' '}
          {rows.length > 0
            ? 'Compare its values now with yours.'
            : 'Its values now are the ones you wanted.'}
        </DialogContentText>
        {rows.length > 0 && (
          <Table size="small" aria-label="Current and wanted values">
            <TableHead>
              <TableRow>
                <TableCell>Field</TableCell>
                <TableCell align="right">Now</TableCell>
                <TableCell align="right">Yours</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map(row => (
                <TableRow
                  key={row.field}
                  data-testid={`conflict-row-${row.field}`}
                >
                  <TableCell component="th" scope="row">
                    {row.label}
                  </TableCell>
                  <TableCell align="right">{row.now}</TableCell>
                  <TableCell
                    align="right"
                    sx={{
                      fontWeight: row.now !== row.yours ? 'bold' : undefined,
                    }}
                  >
                    {row.yours}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={edit.reset}>Cancel</Button>
        <Button
          variant="contained"
          onClick={() => {
            if (conflict) onUseCurrent(conflict.details);
            edit.reset();
          }}
        >
          Use current values
        </Button>
      </DialogActions>
    </Dialog>
  );
}
