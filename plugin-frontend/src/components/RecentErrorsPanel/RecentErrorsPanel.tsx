import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { TimeWindow } from '@gcp-serverless/common';
import type { ServiceRef } from '../../api/GcpServerlessApi';
import { formatNumber } from '../../format';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { useRecentErrorsQuery } from '../../queries/reads';

const time = (iso: string) =>
  new Date(iso).toISOString().replace('T', ' ').slice(0, 19);

/**
 * Recent errors of a service from Cloud Logging: error entries grouped by message and 5xx request
 * logs grouped by status and path, with a link to Logs Explorer running the same query. Its own
 * loading, empty and error states, so a Logging outage never blanks the service page.
 */
export function RecentErrorsPanel({
  service,
  window,
}: {
  service: ServiceRef;
  window: TimeWindow;
}) {
  const query = useRecentErrorsQuery(service, window);
  const value = query.data;
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-label="Recent errors"
      sx={{ p: 2 }}
      data-testid="recent-errors"
    >
      <Stack direction="row" alignItems="baseline" spacing={2} sx={{ mb: 1 }}>
        <Typography variant="h6" component="h3" sx={{ flexGrow: 1 }}>
          Recent errors
        </Typography>
        {value && (
          <Link href={value.logsExplorerUrl} target="_blank" rel="noopener">
            Open in Logs Explorer
          </Link>
        )}
      </Stack>
      {query.error && (
        <ErrorPanel
          title="Could not load recent errors from Cloud Logging"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      )}
      {!value && !query.error && (
        <Skeleton
          variant="rectangular"
          height={80}
          aria-label="Loading recent errors"
        />
      )}
      {value && value.errors.length === 0 && value.requests.length === 0 && (
        <Alert severity="success">
          No error entries and no 5xx requests in the last {value.window}.
        </Alert>
      )}
      {value?.truncated && (
        <Alert severity="info" sx={{ mb: 1 }}>
          Showing the newest {formatNumber(value.scanned)} entries: counts are
          lower bounds.
        </Alert>
      )}
      {value && value.errors.length > 0 && (
        <Table size="small" aria-label="Errors by message">
          <TableHead>
            <TableRow>
              <TableCell>Message</TableCell>
              <TableCell align="right">Count</TableCell>
              <TableCell>First seen</TableCell>
              <TableCell>Last seen</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.errors.map(g => (
              <TableRow key={g.message} data-testid="error-group">
                <TableCell
                  title={g.sample.message ?? ''}
                  sx={{ fontFamily: 'monospace', wordBreak: 'break-word' }}
                >
                  {g.message}
                </TableCell>
                <TableCell align="right">{formatNumber(g.count)}</TableCell>
                <TableCell>{time(g.firstSeen)}</TableCell>
                <TableCell>{time(g.lastSeen)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {value && value.requests.length > 0 && (
        <Table size="small" aria-label="5xx requests" sx={{ mt: 2 }}>
          <TableHead>
            <TableRow>
              <TableCell>Status</TableCell>
              <TableCell>Request</TableCell>
              <TableCell align="right">Count</TableCell>
              <TableCell>Last seen</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.requests.map(g => (
              <TableRow
                key={`${g.status} ${g.method} ${g.path}`}
                data-testid="request-group"
              >
                <TableCell>{g.status}</TableCell>
                <TableCell
                  sx={{ fontFamily: 'monospace' }}
                  title={g.sample.httpRequest?.url ?? ''}
                >
                  {g.method} {g.path}
                </TableCell>
                <TableCell align="right">{formatNumber(g.count)}</TableCell>
                <TableCell>{time(g.lastSeen)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Paper>
  );
}
