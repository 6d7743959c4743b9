import { useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import {
  CHANGE_KIND_LABELS,
  type ChangeRequest,
  type ChangeRequestView,
  type ChangeWarning,
  type CostImpact,
  type FieldChange,
} from '@gcp-serverless/common';
import { useAccessSummary } from '../../hooks/useChangePermission';
import { CostImpactTable } from '../CostImpact/CostImpactTable';
import { EditDiffTable } from '../EditDialogs/EditDiffTable';
import { ChangeRequestStatusChip } from './ChangeRequestStatusChip';
import {
  useChangeRequestDecision,
  useChangeRequestQuery,
} from './useChangeRequests';

/** What every kind's preview has that this page shows (the rest is the kind's own). */
interface PreviewShape {
  diff?: FieldChange[];
  warnings?: ChangeWarning[];
  cost?: CostImpact;
}

/**
 * One change request (docs/approvals.md): the preview exactly as the requester saw it, what changed on
 * the resource since (and whether approval would now fail), then approve or reject with a comment.
 * The requester, and anyone without the approve permission, sees why the buttons are disabled.
 */
export function ChangeRequestPage() {
  const { projectId, requestId = '' } = useParams();
  const query = useChangeRequestQuery(requestId);
  const view = query.data;
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Link component={RouterLink} to="..">
        All change requests
      </Link>
      {query.isPending && <LinearProgress aria-label="Loading the request" />}
      {query.error && (
        <Alert severity="error">
          Could not load the change request: {query.error.message}
        </Alert>
      )}
      {view && <RequestView view={view} projectId={projectId} />}
    </Stack>
  );
}

function RequestView({
  view,
  projectId,
}: {
  view: ChangeRequestView;
  projectId: string | undefined;
}) {
  const { request } = view;
  const then = request.preview as PreviewShape;
  return (
    <>
      <Stack direction="row" spacing={2} alignItems="center">
        <Typography variant="h5" component="h2">
          {CHANGE_KIND_LABELS[request.kind] ?? request.kind}:{' '}
          {request.resource.split('/').pop()}
        </Typography>
        <ChangeRequestStatusChip status={request.status} />
      </Stack>
      <Typography variant="body2" data-testid="change-request-requested">
        Requested by {request.requestedBy} on{' '}
        {new Date(request.requestedAt).toLocaleString()} because{' '}
        {request.reasons.join('; ')}.
      </Typography>
      <Decided request={request} />

      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack spacing={2}>
          <Typography variant="h6" component="h3">
            The preview as the requester saw it
          </Typography>
          <div data-testid="change-request-frozen-diff">
            <EditDiffTable diff={then.diff ?? []} />
          </div>
          {(then.warnings ?? []).map(w => (
            <Alert key={w.code} severity={w.severity}>
              {w.message}
              {request.acknowledgedWarnings.includes(w.code) &&
                ' (acknowledged by the requester)'}
            </Alert>
          ))}
          {then.cost && <CostImpactTable impact={then.cost} />}
        </Stack>
      </Paper>

      {request.status === 'open' && <SinceThen view={view} />}
      {request.status === 'open' && (
        <DecisionForm request={request} projectId={projectId} />
      )}
    </>
  );
}

/** What moved on the resource since the request, and whether approval would fail. */
function SinceThen({ view }: { view: ChangeRequestView }) {
  const now = view.now as PreviewShape | null;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="change-request-since">
      <Stack spacing={2}>
        <Typography variant="h6" component="h3">
          Now
        </Typography>
        {view.nowError && (
          <Alert severity="warning">
            Could not preview the change again now: {view.nowError}
          </Alert>
        )}
        {view.stale ? (
          <Alert severity="warning" data-testid="change-request-stale">
            <AlertTitle>The resource changed since the request</AlertTitle>
            Approving will fail and write nothing; the requester should preview
            the change again and make a new request.
          </Alert>
        ) : (
          !view.nowError && (
            <Alert severity="success" data-testid="change-request-unchanged">
              Nothing changed on the resource since the request: approving
              applies exactly this preview.
            </Alert>
          )
        )}
        {view.changedSince.length > 0 && (
          <>
            <Typography variant="body2">Changed since the request:</Typography>
            <EditDiffTable diff={view.changedSince} />
          </>
        )}
        {now?.cost && view.stale && <CostImpactTable impact={now.cost} />}
      </Stack>
    </Paper>
  );
}

function Decided({ request }: { request: ChangeRequest }) {
  if (request.status === 'open') return null;
  const when = request.decidedAt
    ? ` on ${new Date(request.decidedAt).toLocaleString()}`
    : '';
  const comment = request.comment ? `: “${request.comment}”` : '';
  const text = {
    approved: `Approved by ${request.decidedBy}${when}${comment}. ${
      request.outcome ?? ''
    }`,
    rejected: `Rejected by ${request.decidedBy}${when}${comment}.`,
    failed: `Approved by ${request.decidedBy}${when}${comment}, but not applied: ${request.outcome}`,
  }[request.status];
  const severity = {
    approved: 'success',
    rejected: 'info',
    failed: 'error',
  }[request.status] as 'success' | 'info' | 'error';
  return (
    <Alert severity={severity} data-testid="change-request-decision">
      {text}{' '}
      <Link component={RouterLink} to="../../history">
        Change history
      </Link>
    </Alert>
  );
}

/** Approve or reject with a comment; disabled, with the reason, for the requester or a user without the permission. */
function DecisionForm({
  request,
  projectId,
}: {
  request: ChangeRequest;
  projectId: string | undefined;
}) {
  const access = useAccessSummary();
  const decide = useChangeRequestDecision(projectId);
  const [comment, setComment] = useState('');
  let blocked: string | undefined;
  if (access?.approve && access.approve.verdict === 'deny')
    blocked = `You cannot approve: ${access.approve.reason ?? 'not allowed'}.`;
  else if (access?.user && access.user === request.requestedBy)
    blocked =
      'You requested this change: another person with the approver role must decide on it.';
  const busy = decide.isPending;
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Stack spacing={2}>
        <Typography variant="h6" component="h3">
          Decision
        </Typography>
        {blocked && (
          <Alert severity="info" data-testid="change-request-blocked">
            {blocked}
          </Alert>
        )}
        <TextField
          label="Comment"
          helperText="Required to reject; kept in the change history"
          value={comment}
          onChange={e => setComment(e.target.value)}
          multiline
          minRows={2}
          disabled={Boolean(blocked) || busy}
          inputProps={{ 'data-testid': 'change-request-comment' }}
        />
        <Stack direction="row" spacing={1}>
          <Button
            variant="contained"
            disabled={Boolean(blocked) || busy}
            onClick={() =>
              decide.mutate({ id: request.id, decision: 'approve', comment })
            }
            data-testid="change-request-approve"
          >
            Approve and apply
          </Button>
          <Button
            variant="outlined"
            color="error"
            disabled={Boolean(blocked) || busy || comment.trim() === ''}
            onClick={() =>
              decide.mutate({ id: request.id, decision: 'reject', comment })
            }
            data-testid="change-request-reject"
          >
            Reject
          </Button>
        </Stack>
        {busy && <LinearProgress aria-label="Applying the decision" />}
        {decide.error && (
          <Alert severity="error" data-testid="change-request-error">
            {decide.error.message}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
