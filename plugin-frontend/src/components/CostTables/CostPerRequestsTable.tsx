import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import {
  formatCurrency,
  formatUnitPrice,
  type CostPerRequests,
} from '@gcp-serverless/common';
import { formatNumber, MISSING } from '../../format';

/** Props of {@link CostPerRequestsTable}. */
export interface CostPerRequestsTableProps {
  rows: readonly CostPerRequests[];
  currency: string;
}

/** Net cost per 1,000 requests of each service over the range (requests from Cloud Monitoring). */
export function CostPerRequestsTable({
  rows,
  currency,
}: CostPerRequestsTableProps) {
  if (rows.length === 0)
    return (
      <Typography color="text.secondary">No requests in this range.</Typography>
    );
  return (
    <Table
      size="small"
      aria-label="Cost per 1,000 requests"
      data-testid="cost-per-requests"
    >
      <TableHead>
        <TableRow>
          <TableCell>Service</TableCell>
          <TableCell align="right">Requests</TableCell>
          <TableCell align="right">Net cost</TableCell>
          <TableCell align="right">Per 1,000 requests</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(r => (
          <TableRow key={r.resource} data-testid={`per-requests-${r.resource}`}>
            <TableCell component="th" scope="row">
              {r.resource}
            </TableCell>
            <TableCell align="right">{formatNumber(r.requests)}</TableCell>
            <TableCell align="right">
              {formatCurrency(r.cost, currency)}
            </TableCell>
            <TableCell align="right">
              {r.per1000 === null
                ? MISSING
                : formatUnitPrice(r.per1000, currency)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
