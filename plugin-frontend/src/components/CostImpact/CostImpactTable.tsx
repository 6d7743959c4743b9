import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import {
  formatCurrency,
  formatCurrencyChange,
  type CostImpact,
} from '@gcp-serverless/common';

/** Props of {@link CostImpactTable}. */
export interface CostImpactTableProps {
  impact: CostImpact;
}

/**
 * The cost side of a preview (scaling, Redis resize, CDN policy): each figure before → after with its
 * change, the formula with the numbers behind it, where the prices come from and the caveats.
 */
/** Dearer in red, cheaper in green; changes under half a cent stay plain. */
function changeColor(change: number): string | undefined {
  if (change > 0.005) return 'error.main';
  return change < -0.005 ? 'success.main' : undefined;
}

export function CostImpactTable({ impact }: CostImpactTableProps) {
  const money = (v: number) => formatCurrency(v, impact.currency);
  return (
    <Stack spacing={1} data-testid="cost-impact">
      <Typography variant="subtitle2">Cost impact</Typography>
      <Table size="small" aria-label="Cost impact">
        <TableHead>
          <TableRow>
            <TableCell>Figure</TableCell>
            <TableCell align="right">Before</TableCell>
            <TableCell align="right">After</TableCell>
            <TableCell align="right">Change</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {impact.figures.map(f => (
            <TableRow key={f.key} data-testid={`cost-figure-${f.key}`}>
              <TableCell component="th" scope="row">
                {f.label}{' '}
                <Typography
                  component="span"
                  variant="caption"
                  color="text.secondary"
                >
                  per {f.per}
                </Typography>
                <Typography
                  variant="caption"
                  color="text.secondary"
                  component="p"
                  data-testid={`cost-formula-${f.key}`}
                >
                  {f.formula}
                </Typography>
              </TableCell>
              <TableCell align="right">{money(f.before)}</TableCell>
              <TableCell align="right">{money(f.after)}</TableCell>
              {/* nowrap: the minus sign of "−$27.11/h" must never wrap onto a line of its own. */}
              <TableCell
                align="right"
                sx={{
                  fontWeight: 'bold',
                  whiteSpace: 'nowrap',
                  color: changeColor(f.change),
                }}
                data-testid={`cost-change-${f.key}`}
              >
                {formatCurrencyChange(f.change, impact.currency)}/
                {f.per === 'month' ? 'mo' : 'h'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Alert severity="info" icon={false}>
        {impact.priceSource === 'catalog'
          ? 'Prices from the Cloud Billing Catalog.'
          : "Prices: Google's published list prices."}{' '}
        {impact.notes.join(' ')}
      </Alert>
    </Stack>
  );
}
