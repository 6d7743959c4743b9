import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Link from '@mui/material/Link';
import type {
  ApprovalRequirement,
  ChangeRequest,
} from '@gcp-serverless/common';
import { useApprovalsHref } from './useApprovalsHref';

/** In a preview: the approval policy will turn Apply into a change request, and why (docs/approvals.md). */
export function ApprovalRequiredNotice({
  approval,
  testId,
}: {
  approval: ApprovalRequirement | undefined;
  testId: string;
}) {
  if (!approval?.required) return null;
  return (
    <Alert severity="info" data-testid={`${testId}-approval-required`}>
      <AlertTitle>Needs approval</AlertTitle>
      {approval.reasons.length === 1 ? (
        <>This change needs a second person: {approval.reasons[0]}.</>
      ) : (
        <>
          This change needs a second person:
          <ul style={{ margin: 0 }}>
            {approval.reasons.map(r => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      )}{' '}
      Requesting approval writes nothing; an approver applies it or rejects it.
    </Alert>
  );
}

/** After Apply: the change request was made; where it can be followed. */
export function ApprovalRequestedNotice({
  request,
  testId,
}: {
  request: ChangeRequest;
  testId: string;
}) {
  const href = useApprovalsHref(request.id);
  return (
    <Alert severity="success" data-testid={`${testId}-approval-requested`}>
      <AlertTitle>Approval requested</AlertTitle>
      Nothing was changed yet. Another person with the approver role sees this
      preview, applies the change or rejects it with a comment; the change
      history records each step.{' '}
      {href ? (
        <Link
          component={RouterLink}
          to={href}
          data-testid={`${testId}-approval-request-link`}
        >
          Open the request
        </Link>
      ) : (
        `Request ${request.id}.`
      )}
    </Alert>
  );
}
