import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import {
  budgetStatus,
  formatCurrency,
  type BudgetWithSpend,
} from '@gcp-serverless/common';
import { MISSING } from '../../format';

/** Props of {@link BudgetsTable}. */
export interface BudgetsTableProps {
  budgets: readonly BudgetWithSpend[];
  /** Budgets covering this project are marked. */
  projectId: string;
  onEdit: (budget: BudgetWithSpend) => void;
}

/** Red once the budget is spent, amber from 90 %. */
function budgetUsedColor(used: number): 'error' | 'warning' | 'primary' {
  if (used >= 1) return 'error';
  return used >= 0.9 ? 'warning' : 'primary';
}

const pct = (p: number) => `${Math.round(p * 10_000) / 100} %`;

/** Every budget of the billing account: amount, period, scope, thresholds and spend against it. */
export function BudgetsTable({
  budgets,
  projectId,
  onEdit,
}: BudgetsTableProps) {
  return (
    <Table size="small" aria-label="Budgets" data-testid="budgets-table">
      <TableHead>
        <TableRow>
          <TableCell>Budget</TableCell>
          <TableCell>Scope</TableCell>
          <TableCell>Period</TableCell>
          <TableCell align="right">Amount</TableCell>
          <TableCell>Thresholds (actual / forecast)</TableCell>
          <TableCell align="right">Spend this period</TableCell>
          <TableCell align="right">Forecast</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {budgets.map(b => {
          const used =
            b.amount && b.spend.actual !== null
              ? b.spend.actual / b.amount
              : null;
          const status = budgetStatus(b);
          return (
            <TableRow
              key={b.budgetId}
              data-testid={`budget-row-${b.budgetId}`}
              selected={b.projects.includes(projectId)}
            >
              <TableCell component="th" scope="row">
                <Link href={b.consoleUrl} target="_blank" rel="noopener">
                  {b.displayName}
                </Link>
              </TableCell>
              <TableCell>
                {b.projects.length
                  ? b.projects.join(', ')
                  : 'whole billing account'}
                {b.services.length ? ` · ${b.services.length} service(s)` : ''}
              </TableCell>
              <TableCell>{b.period.toLowerCase()}</TableCell>
              <TableCell align="right" data-testid="budget-amount-cell">
                {b.amount === null
                  ? 'last period spend'
                  : formatCurrency(b.amount, b.currency)}
              </TableCell>
              <TableCell>
                {status.thresholds.length === 0 ? (
                  'none'
                ) : (
                  <Stack
                    direction="row"
                    spacing={0.5}
                    flexWrap="wrap"
                    useFlexGap
                  >
                    {status.thresholds.map(t => (
                      <Chip
                        key={`${t.percent}-${t.spendBasis}`}
                        size="small"
                        variant={t.crossed ? 'filled' : 'outlined'}
                        color={t.crossed ? 'warning' : 'default'}
                        data-testid="budget-threshold"
                        data-crossed={t.crossed}
                        label={`${pct(t.percent)}${
                          t.spendBasis === 'FORECASTED_SPEND' ? ' forecast' : ''
                        }${t.crossed ? ' — crossed' : ''}`}
                      />
                    ))}
                  </Stack>
                )}
              </TableCell>
              <TableCell align="right" sx={{ minWidth: 140 }}>
                {b.spend.actual === null
                  ? MISSING
                  : formatCurrency(b.spend.actual, b.currency)}
                {used !== null && (
                  <>
                    <LinearProgress
                      variant="determinate"
                      value={Math.min(100, used * 100)}
                      color={budgetUsedColor(used)}
                      aria-label={`${(used * 100).toFixed(0)} % of the budget`}
                    />
                    <Typography variant="caption" color="text.secondary">
                      {(used * 100).toFixed(1)} %
                      {b.spend.source === 'estimate' ? ' (estimate)' : ''}
                    </Typography>
                  </>
                )}
              </TableCell>
              <TableCell align="right" data-testid="budget-forecast-cell">
                {b.spend.forecast === null
                  ? MISSING
                  : formatCurrency(b.spend.forecast, b.currency)}
                {status.forecastOver && (
                  <Chip
                    size="small"
                    color={status.actualOver ? 'error' : 'warning'}
                    sx={{ ml: 1 }}
                    data-testid="budget-forecast-over"
                    label={
                      status.actualOver
                        ? `Over budget by ${formatCurrency(
                            b.spend.actual! - b.amount!,
                            b.currency,
                          )}`
                        : `Forecast over by ${formatCurrency(
                            status.forecastOverBy,
                            b.currency,
                          )}`
                    }
                  />
                )}
              </TableCell>
              <TableCell>
                <Button size="small" onClick={() => onEdit(b)}>
                  Edit
                </Button>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
