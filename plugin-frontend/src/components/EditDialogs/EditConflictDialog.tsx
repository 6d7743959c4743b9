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

/** One row of the conflict table. */
export interface ConflictRow {
  field: string;
  label: string;
  now: string;
  yours: string;
}

/** Props of {@link EditConflictDialog}. */
export interface EditConflictDialogProps {
  /** e.g. "generation". */
  resourceName: string;
  rows: readonly ConflictRow[];
  /** Loads the current values into the form and refreshes the page. */
  onUseCurrent: () => void;
  onCancel: () => void;
  testId: string;
}

/** Shown on 409: the resource changed after the preview; its values now next to the user's. */
export function EditConflictDialog({ resourceName, rows, onUseCurrent, onCancel, testId }: EditConflictDialogProps) {
  return (
    <Dialog open onClose={onCancel} aria-labelledby={`${testId}-conflict-title`} data-testid={`${testId}-conflict-dialog`}>
      <DialogTitle id={`${testId}-conflict-title`}>{resourceName} changed meanwhile</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          Someone changed it after your preview, so nothing was applied. Compare its values now with yours.
        </DialogContentText>
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
              <TableRow key={row.field} data-testid={`conflict-row-${row.field}`}>
                <TableCell component="th" scope="row">
                  {row.label}
                </TableCell>
                <TableCell align="right">{row.now}</TableCell>
                <TableCell align="right" sx={{ fontWeight: row.now !== row.yours ? 'bold' : undefined }}>
                  {row.yours}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button variant="contained" onClick={onUseCurrent}>
          Use current values
        </Button>
      </DialogActions>
    </Dialog>
  );
}
