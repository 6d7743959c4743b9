import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';

/** Props of {@link ErrorPanel}. */
export interface ErrorPanelProps {
  /** What could not be loaded, e.g. "Could not load the services of gryyd-web". */
  title: string;
  error: Error;
  /** Shows a "Retry" button when given. */
  onRetry?: () => void;
}

/** An error state with the server's message and a retry button. */
export function ErrorPanel({ title, error, onRetry }: ErrorPanelProps) {
  return (
    <Alert
      severity="error"
      role="alert"
      data-testid="error-panel"
      action={
        onRetry && (
          <Button color="inherit" size="small" onClick={onRetry}>
            Retry
          </Button>
        )
      }
    >
      <AlertTitle>{title}</AlertTitle>
      {error.message}
    </Alert>
  );
}
