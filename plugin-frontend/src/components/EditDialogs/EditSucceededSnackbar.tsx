import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';

/** Props of {@link EditSucceededSnackbar}. */
export interface EditSucceededSnackbarProps {
  /** The kind's success message; nothing shows while undefined. */
  message: string | undefined;
  testId: string;
  onClose: () => void;
}

/** "Scaling of gryd-be updated: …" after an apply Google confirmed; hides after 8 s or when dismissed. */
export function EditSucceededSnackbar({
  message,
  testId,
  onClose,
}: EditSucceededSnackbarProps) {
  return (
    <Snackbar
      open={message !== undefined}
      autoHideDuration={8000}
      onClose={(_, reason) => reason !== 'clickaway' && onClose()}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
    >
      <Alert
        severity="success"
        variant="filled"
        onClose={onClose}
        data-testid={`${testId}-applied`}
      >
        {message}
      </Alert>
    </Snackbar>
  );
}
