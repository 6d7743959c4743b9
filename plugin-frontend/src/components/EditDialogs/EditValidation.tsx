import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import type { UpstreamValidation } from '@gcp-serverless/common';

/** Props of {@link EditValidation}. */
export interface EditValidationProps {
  validation: UpstreamValidation;
  /** Who validated, e.g. "Cloud Run". */
  upstream: string;
  testId: string;
}

/** Google's verdict on a previewed change: passed, rejected (Apply stays disabled) or skipped with the reason. */
export function EditValidation({
  validation,
  upstream,
  testId,
}: EditValidationProps) {
  const { status, message } = validation;
  if (status === 'passed') {
    return (
      <Alert severity="success" data-testid={`${testId}-validation`}>
        {upstream} validation passed{message ? `: ${message}` : '.'}
      </Alert>
    );
  }
  if (status === 'failed') {
    return (
      <Alert severity="error" data-testid={`${testId}-validation`}>
        {upstream} rejected the change: {message ?? 'no reason given'}
      </Alert>
    );
  }
  return (
    <Typography
      variant="body2"
      color="text.secondary"
      data-testid={`${testId}-validation`}
    >
      {upstream} validation skipped{message ? `: ${message}` : '.'}
    </Typography>
  );
}
