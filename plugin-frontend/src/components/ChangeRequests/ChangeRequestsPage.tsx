import { Link as RouterLink, useParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { CHANGE_KIND_LABELS } from '@gcp-serverless/common';
import { shortResource } from '../ChangeHistory/shortResource';
import { ChangeRequestStatusChip } from './ChangeRequestStatusChip';
import { useChangeRequestsQuery } from './useChangeRequests';

/**
 * The Approvals tab of a project: change requests newest first (docs/approvals.md), open ones on top;
 * each row opens the request's page with its frozen preview and the approve/reject form.
 */
export function ChangeRequestsPage() {
  const { projectId = '' } = useParams();
  const query = useChangeRequestsQuery(projectId);
  const requests = [...(query.data?.requests ?? [])].sort(
    (a, b) => Number(b.status === 'open') - Number(a.status === 'open'),
  );
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Typography variant="h5" component="h2">
        Change requests
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Changes the approval policy held for a second person. An approver
        applies them (the guard is checked again) or rejects them with a
        comment.
      </Typography>
      {query.isPending && <LinearProgress aria-label="Loading requests" />}
      {query.error && (
        <Alert
          severity="error"
          action={<Button onClick={() => void query.refetch()}>Retry</Button>}
        >
          Could not load the change requests: {query.error.message}
        </Alert>
      )}
      {query.data && requests.length === 0 && (
        <Alert severity="info" data-testid="change-requests-empty">
          No change requests in this project.
        </Alert>
      )}
      {requests.length > 0 && (
        <Table size="small" aria-label="Change requests">
          <TableHead>
            <TableRow>
              <TableCell>Requested</TableCell>
              <TableCell>By</TableCell>
              <TableCell>Change</TableCell>
              <TableCell>Why it needs approval</TableCell>
              <TableCell>Status</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {requests.map(r => (
              <TableRow
                key={r.id}
                data-testid="change-request-row"
                data-status={r.status}
              >
                <TableCell>
                  <Link
                    component={RouterLink}
                    to={r.id}
                    data-testid="change-request-link"
                  >
                    <time dateTime={r.requestedAt}>
                      {new Date(r.requestedAt).toLocaleString()}
                    </time>
                  </Link>
                </TableCell>
                <TableCell>{r.requestedBy}</TableCell>
                <TableCell>
                  {CHANGE_KIND_LABELS[r.kind] ?? r.kind} ·{' '}
                  {shortResource(r.resource)}
                </TableCell>
                <TableCell>{r.reasons.join('; ')}</TableCell>
                <TableCell>
                  <ChangeRequestStatusChip status={r.status} />
                  {r.decidedBy && (
                    <Typography variant="caption" component="div">
                      by {r.decidedBy}
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Stack>
  );
}
