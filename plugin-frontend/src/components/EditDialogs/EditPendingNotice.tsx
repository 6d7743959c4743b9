import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Link from '@mui/material/Link';
import { useChangeHistoryHref } from './useChangeHistoryHref';

/** Props of {@link EditPendingNotice}. */
export interface EditPendingNoticeProps {
  /** The backend's explanation. */
  message: string;
  changeId: string;
  /** Who is confirming it, e.g. "Cloud Run". */
  upstream: string;
  testId: string;
}

/**
 * A 202 apply: the change was submitted and is being confirmed. Not a failure: the change history
 * entry will say how it ended once the backend has re-read the resource.
 */
export function EditPendingNotice({
  message,
  changeId,
  upstream,
  testId,
}: EditPendingNoticeProps) {
  const historyHref = useChangeHistoryHref();
  return (
    <Alert severity="info" data-testid={`${testId}-pending`}>
      <AlertTitle>Submitted, being confirmed</AlertTitle>
      {message} The change was sent to {upstream}, which has not confirmed it
      yet; the portal checks again and records how it ended in the{' '}
      {historyHref ? (
        <Link
          component={RouterLink}
          to={historyHref}
          data-testid={`${testId}-pending-history`}
        >
          change history
        </Link>
      ) : (
        'change history'
      )}{' '}
      (entry {changeId}).
    </Alert>
  );
}
