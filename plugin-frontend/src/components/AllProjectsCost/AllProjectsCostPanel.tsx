import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import {
  formatCurrency,
  type AllProjectsMonthCost,
} from '@gcp-serverless/common';
import { useBudgetsQuery } from '../../queries/reads';

function Figure({
  label,
  value,
  testId,
  tone,
}: {
  label: string;
  value: string;
  testId: string;
  tone?: 'warning';
}) {
  return (
    <Stack>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography
        variant="h6"
        component="p"
        data-testid={testId}
        color={tone === 'warning' ? 'warning.main' : undefined}
      >
        {value}
      </Typography>
    </Stack>
  );
}

/** The all-projects figures and, unless `compact`, the per-project lines they add up from. */
export function AllProjectsCostView({
  month,
  compact = false,
}: {
  month: AllProjectsMonthCost;
  compact?: boolean;
}) {
  const money = (v: number) => formatCurrency(v, month.currency);
  const { total } = month;
  const over = total.budget !== null && total.forecast > total.budget;
  return (
    <Stack spacing={1}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={3}>
        <Figure
          label="Month to date, all projects (net)"
          value={money(total.monthToDate.net)}
          testId="all-projects-mtd"
        />
        <Figure
          label="Forecast to month end"
          value={money(total.forecast)}
          testId="all-projects-forecast"
          tone={over ? 'warning' : undefined}
        />
        <Figure
          label="Monthly budgets"
          value={total.budget === null ? 'none' : money(total.budget)}
          testId="all-projects-budget"
        />
      </Stack>
      {over && (
        <Alert severity="warning" data-testid="all-projects-forecast-over">
          The forecast is {money(total.forecast - total.budget!)} over the
          monthly budgets.
        </Alert>
      )}
      {!compact && (
        <Table size="small" aria-label="Month to date by project">
          <TableHead>
            <TableRow>
              <TableCell>Project</TableCell>
              <TableCell align="right">Gross</TableCell>
              <TableCell align="right">Credits</TableCell>
              <TableCell align="right">Net</TableCell>
              <TableCell align="right">Forecast</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {month.projects.map(p => (
              <TableRow key={p.projectId}>
                <TableCell component="th" scope="row">
                  {p.projectId}
                </TableCell>
                <TableCell align="right">{money(p.monthToDate.cost)}</TableCell>
                <TableCell align="right">
                  {money(p.monthToDate.credits)}
                </TableCell>
                <TableCell align="right">{money(p.monthToDate.net)}</TableCell>
                <TableCell align="right">{money(p.forecast)}</TableCell>
              </TableRow>
            ))}
            <TableRow>
              <TableCell component="th" scope="row" sx={{ fontWeight: 600 }}>
                All projects
              </TableCell>
              <TableCell align="right" sx={{ fontWeight: 600 }}>
                {money(total.monthToDate.cost)}
              </TableCell>
              <TableCell align="right" sx={{ fontWeight: 600 }}>
                {money(total.monthToDate.credits)}
              </TableCell>
              <TableCell align="right" sx={{ fontWeight: 600 }}>
                {money(total.monthToDate.net)}
              </TableCell>
              <TableCell align="right" sx={{ fontWeight: 600 }}>
                {money(total.forecast)}
              </TableCell>
            </TableRow>
          </TableBody>
        </Table>
      )}
    </Stack>
  );
}

/**
 * This month's spend across every project of the portal — month to date, forecast and the monthly
 * budgets — from `GET /billing/budgets` (the same rows and forecast as each budget). On the costs page
 * with the per-project lines; on the home page compact.
 */
export function AllProjectsCostPanel({
  compact = false,
}: {
  compact?: boolean;
}) {
  // The same read (and cache entry) as the budgets page: one request however many panels show it.
  const list = useBudgetsQuery();
  const month = list.data?.month ?? null;
  return (
    <Paper
      variant="outlined"
      sx={{ p: 2 }}
      component="section"
      aria-label="All projects this month"
      data-testid="all-projects-cost"
    >
      <Typography variant="subtitle1" component="h3" gutterBottom>
        All projects this month
      </Typography>
      {list.isPending && (
        <Skeleton
          variant="rectangular"
          height={compact ? 56 : 160}
          aria-label="Loading all projects' cost"
        />
      )}
      {list.error && (
        <Alert severity="warning">
          Cost across projects unknown: {list.error.message}
        </Alert>
      )}
      {list.data && !month && (
        <Alert severity="warning">
          Cost across projects unknown:{' '}
          {list.data.errors.map(e => e.message).join('; ') ||
            'the cost source did not answer'}
        </Alert>
      )}
      {month && <AllProjectsCostView month={month} compact={compact} />}
    </Paper>
  );
}
