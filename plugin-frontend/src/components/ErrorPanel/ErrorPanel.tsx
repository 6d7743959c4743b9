import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import {
  describeSetupHint,
  GcpServerlessError,
  setupHintOf,
} from '@gcp-serverless/common';
import { SetupLink } from '../SetupPage/SetupLink';

/** Props of {@link ErrorPanel}. */
export interface ErrorPanelProps {
  /** What could not be loaded, e.g. "Could not load the services of gryyd-web". */
  title: string;
  error: Error;
  /** Shows a "Retry" button when given. */
  onRetry?: () => void;
  /** `data-testid` of the panel (default `error-panel`). */
  testId?: string;
}

/**
 * An error state with the server's message and a retry button. When the cause is the Google Cloud
 * setup (no credentials, a disabled API, a missing permission), it says the panel is unavailable,
 * why and what fixes it, and links to the setup page.
 */
export function ErrorPanel({
  title,
  error,
  onRetry,
  testId = 'error-panel',
}: ErrorPanelProps) {
  const hint =
    error instanceof GcpServerlessError
      ? setupHintOf(error.details)
      : undefined;
  return (
    <Alert
      severity={hint ? 'warning' : 'error'}
      role="alert"
      data-testid={testId}
      data-setup-reason={hint?.reason}
      action={
        onRetry && (
          <Button color="inherit" size="small" onClick={onRetry}>
            Retry
          </Button>
        )
      }
    >
      <AlertTitle>{hint ? `${title}: unavailable` : title}</AlertTitle>
      {hint && (
        <Typography variant="body2" sx={{ fontWeight: 500 }} gutterBottom>
          {describeSetupHint(hint)} <SetupLink />
        </Typography>
      )}
      {error.message}
    </Alert>
  );
}
