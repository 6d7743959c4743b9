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
import type { ScalingChange, ScalingConflictDetails } from '@gcp-serverless/common';
import { SCALING_FIELDS, SCALING_INPUT_LABELS } from './scalingFormModel';

/** Props of {@link ScalingConflictDialog}. */
export interface ScalingConflictDialogProps {
  serviceName: string;
  /** The 409's details: the service's settings now. */
  details: ScalingConflictDetails;
  /** What the user tried to apply. */
  wanted: ScalingChange;
  /** Loads `details.current` into the form and refreshes the page. */
  onUseCurrent: () => void;
  /** Closes, keeping the user's values (a new preview reads the new etag). */
  onCancel: () => void;
}

/** Shown on 409: the service changed since the preview. Lists its values now next to the user's. */
export function ScalingConflictDialog({ serviceName, details, wanted, onUseCurrent, onCancel }: ScalingConflictDialogProps) {
  return (
    <Dialog open onClose={onCancel} aria-labelledby="scaling-conflict-title" data-testid="scaling-conflict-dialog">
      <DialogTitle id="scaling-conflict-title">{serviceName} changed meanwhile</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          Someone changed this service after your preview, so nothing was applied. Compare its values now with yours.
        </DialogContentText>
        <Table size="small" aria-label="Current and wanted values">
          <TableHead>
            <TableRow>
              <TableCell>Field</TableCell>
              <TableCell align="right">Now on Cloud Run</TableCell>
              <TableCell align="right">Yours</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {SCALING_FIELDS.map(field => (
              <TableRow key={field} data-testid={`conflict-row-${field}`}>
                <TableCell component="th" scope="row">
                  {SCALING_INPUT_LABELS[field]}
                </TableCell>
                <TableCell align="right">{details.current[field]}</TableCell>
                <TableCell
                  align="right"
                  sx={{ fontWeight: wanted[field] !== details.current[field] ? 'bold' : undefined }}
                >
                  {wanted[field]}
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
