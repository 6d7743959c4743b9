import Box from '@mui/material/Box';
import {
  describeSetupHint,
  GcpServerlessError,
  setupHintOf,
  type PanelError,
} from '@gcp-serverless/common';
import { SetupLink } from './SetupLink';

/**
 * Inside the notice of a panel that could not be filled (a `PanelError` of a partial answer, or a
 * failed read): when
 * the cause is the Google Cloud setup, says the panel is unavailable, what fixes it, and links to
 * the setup page. Nothing for other failures (the notice's message says what failed).
 */
export function PanelSetupHint({
  errors,
  error,
}: {
  /** The panel errors of a partial answer. */
  errors?: PanelError | readonly PanelError[];
  /** Or the error of a whole read that failed. */
  error?: Error;
}) {
  let list: readonly PanelError[] = [];
  if (Array.isArray(errors)) list = errors;
  else if (errors) list = [errors as PanelError];
  const hint =
    list.find(e => e.setup)?.setup ??
    (error instanceof GcpServerlessError
      ? setupHintOf(error.details)
      : undefined);
  if (!hint) return null;
  return (
    <Box
      component="span"
      sx={{ display: 'block', fontWeight: 500 }}
      data-testid="panel-setup-hint"
      data-setup-reason={hint.reason}
    >
      Unavailable: {describeSetupHint(hint)} <SetupLink />
    </Box>
  );
}
