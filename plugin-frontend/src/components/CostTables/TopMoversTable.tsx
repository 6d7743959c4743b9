import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import {
  formatCurrency,
  formatCurrencyChange,
  type CostMover,
} from '@gcp-serverless/common';

/** Props of {@link TopMoversTable}. */
export interface TopMoversTableProps {
  movers: readonly CostMover[];
  currency: string;
  /** Name of a key as shown (resource name or SKU family label). */
  label: (key: string) => string;
}

/** The resources (or SKU families) whose net cost moved most against the previous period. */
export function TopMoversTable({
  movers,
  currency,
  label,
}: TopMoversTableProps) {
  if (movers.length === 0)
    return (
      <Typography color="text.secondary">
        No change against the previous period.
      </Typography>
    );
  return (
    <Table size="small" aria-label="Top movers" data-testid="top-movers">
      <TableHead>
        <TableRow>
          <TableCell>Name</TableCell>
          <TableCell align="right">Previous</TableCell>
          <TableCell align="right">Current</TableCell>
          <TableCell align="right">Change</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {movers.map(m => (
          <TableRow key={m.key} data-testid={`mover-${m.key}`}>
            <TableCell component="th" scope="row">
              {label(m.key)}
            </TableCell>
            <TableCell align="right">
              {formatCurrency(m.previous, currency)}
            </TableCell>
            <TableCell align="right">
              {formatCurrency(m.current, currency)}
            </TableCell>
            <TableCell
              align="right"
              sx={{ color: m.change > 0 ? 'error.main' : 'success.main' }}
            >
              {formatCurrencyChange(m.change, currency)}
              {m.changeRatio !== null
                ? ` (${m.change > 0 ? '+' : ''}${(m.changeRatio * 100).toFixed(
                    0,
                  )} %)`
                : ' (new)'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
