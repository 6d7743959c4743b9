import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';

/** Props of {@link PurgeQueueDialog}. */
export interface PurgeQueueDialogProps {
  queueName: string;
  open: boolean;
  busy: boolean;
  /** Message of a failed purge. */
  error?: string;
  onConfirm: (confirmName: string) => void;
  onCancel: () => void;
}

/** Purge deletes every task: the button stays disabled until the queue's name is typed exactly. */
export function PurgeQueueDialog({
  queueName,
  open,
  busy,
  error,
  onConfirm,
  onCancel,
}: PurgeQueueDialogProps) {
  const [typed, setTyped] = useState('');
  const close = () => {
    setTyped('');
    onCancel();
  };
  return (
    <Dialog
      open={open}
      onClose={() => !busy && close()}
      aria-labelledby="purge-title"
      data-testid="purge-dialog"
    >
      <DialogTitle id="purge-title">Purge queue {queueName}?</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          Every task in the queue is deleted and cannot be recovered. Type{' '}
          <strong>{queueName}</strong> to confirm.
        </DialogContentText>
        <TextField
          fullWidth
          size="small"
          label="Queue name"
          value={typed}
          onChange={e => setTyped(e.target.value)}
          disabled={busy}
          inputProps={{ 'data-testid': 'purge-confirm-name' }}
        />
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy}>
          Cancel
        </Button>
        <Button
          color="error"
          variant="contained"
          disabled={busy || typed !== queueName}
          onClick={() => onConfirm(typed)}
        >
          Purge
        </Button>
      </DialogActions>
    </Dialog>
  );
}
