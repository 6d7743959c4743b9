import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { formatCurrency, type CostAnomaly } from '@gcp-serverless/common';

/** Days on which a service cost far more than its trend (the median of the 14 days before). */
export function CostAnomaliesTable({
  anomalies,
  currency,
}: {
  anomalies: readonly CostAnomaly[];
  currency: string;
}) {
  if (anomalies.length === 0) {
    return (
      <Typography color="text.secondary" variant="body2">
        No day in the range was far above its service's trend (at least twice
        the median of the 14 days before, and $5 more).
      </Typography>
    );
  }
  return (
    <Table
      size="small"
      aria-label="Cost anomalies"
      data-testid="cost-anomalies"
    >
      <TableHead>
        <TableRow>
          <TableCell>Service</TableCell>
          <TableCell>Day (UTC)</TableCell>
          <TableCell align="right">Net cost</TableCell>
          <TableCell align="right">Trend (median of 14 days before)</TableCell>
          <TableCell align="right">× trend</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {anomalies.slice(0, 10).map(a => (
          <TableRow key={`${a.resource}/${a.date}`} data-testid="cost-anomaly">
            <TableCell component="th" scope="row">
              {a.resource}
            </TableCell>
            <TableCell>{a.date}</TableCell>
            <TableCell align="right">
              {formatCurrency(a.amount, currency)}
            </TableCell>
            <TableCell align="right">
              {formatCurrency(a.trend, currency)}
            </TableCell>
            <TableCell align="right">
              {Number.isFinite(a.ratio) ? `${a.ratio.toFixed(1)}×` : 'new'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
