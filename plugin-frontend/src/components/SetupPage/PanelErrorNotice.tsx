import Alert from '@mui/material/Alert';
import { describeSetupHint, type PanelError } from '@gcp-serverless/common';
import { SetupLink } from './SetupLink';

/**
 * One panel of a page that could not be filled (`errors` of a partial answer): what failed, and when
 * the cause is the Google Cloud setup, that the panel is unavailable, why, and a link to the setup page.
 */
export function PanelErrorNotice({
  error,
  what,
}: {
  error: PanelError;
  /** What the panel shows, e.g. "Traffic per route"; defaults to the error's source. */
  what?: string;
}) {
  const label = what ?? error.source;
  return (
    <Alert
      severity="warning"
      data-testid="panel-error"
      data-setup-reason={error.setup?.reason}
    >
      {error.setup ? (
        <>
          {label} unavailable: {describeSetupHint(error.setup)} <SetupLink />
        </>
      ) : (
        <>
          {label}: {error.message}
        </>
      )}
    </Alert>
  );
}
