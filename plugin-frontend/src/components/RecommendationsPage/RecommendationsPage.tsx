import { useMemo, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import Typography from '@mui/material/Typography';
import type { Recommendation } from '@gcp-serverless/common';
import { useRecommendationsQuery } from '../../queries/recommendationsQuery';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { usePluginRoot } from '../SetupPage/SetupLink';
import { formatSnapshotAge } from '../SnapshotStatus/snapshotAge';
import {
  changeText,
  money,
  previewPath,
  RULE_LABELS,
  savingText,
} from './recommendationView';

type SortKey = 'saving' | 'service';

function sorted(
  list: readonly Recommendation[],
  key: SortKey,
  dir: 'asc' | 'desc',
): Recommendation[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...list].sort((a, b) =>
    key === 'saving'
      ? sign * (a.monthlySaving - b.monthlySaving)
      : sign *
        (a.service.localeCompare(b.service) ||
          a.projectId.localeCompare(b.projectId)),
  );
}

const n = (v: number) => Math.round(v).toLocaleString('en-US');

/** The what-if figures of a row: current → suggested. */
function RiskCell({ r }: { r: Recommendation }) {
  const { current: c, suggested: s } = r.risk;
  return (
    <Typography variant="body2" component="div">
      429s at the hourly peaks {n(c.refusedAtPeaks)} → {n(s.refusedAtPeaks)}
      <br />
      hours at max {n(c.hoursAtMax)} → {n(s.hoursAtMax)}; peak instances{' '}
      {n(c.peakInstances)} → {n(s.peakInstances)}
      <br />
      scale-ups between hours {n(c.hourlyScaleUps)} → {n(s.hourlyScaleUps)}
    </Typography>
  );
}

/**
 * Right-sizing recommendations across projects (docs/recommendations.md): the total saving on top
 * (what finance reads), then one row per service — why, the change, the risk and the saving — each
 * opening the scaling preview pre-filled with the suggestion. Sortable by saving and by service.
 */
export function RecommendationsPage() {
  const query = useRecommendationsQuery();
  const root = usePluginRoot() ?? '';
  const [sortKey, setSortKey] = useState<SortKey>('saving');
  const [dir, setDir] = useState<'asc' | 'desc'>('desc');
  const rows = useMemo(
    () => sorted(query.data?.recommendations ?? [], sortKey, dir),
    [query.data, sortKey, dir],
  );
  const sortBy = (key: SortKey) => {
    if (key === sortKey) setDir(dir === 'asc' ? 'desc' : 'asc');
    else {
      setSortKey(key);
      setDir(key === 'saving' ? 'desc' : 'asc');
    }
  };
  const data = query.data;

  return (
    <Stack spacing={2} data-testid="recommendations-page">
      <Typography variant="h5" component="h2">
        Right-sizing recommendations
      </Typography>
      {query.error && (
        <ErrorPanel
          title="Could not load the recommendations"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      )}
      {data && (
        <Paper
          variant="outlined"
          sx={{ p: 2 }}
          data-testid="recommendations-total"
        >
          <Typography variant="h6" component="p">
            {money(data.totals.monthlySaving, data.totals.currency)}/month
            savings available
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {data.totals.saving} of {data.totals.count} recommendations save
            money on last week's traffic
            {data.totals.monthlyCost > 0
              ? `; the raises cost ${money(
                  data.totals.monthlyCost,
                  data.totals.currency,
                )}/month`
              : ''}
            . From the last 7 days,{' '}
            {formatSnapshotAge(data.snapshot.computedAt, Date.now())}
            {data.snapshot.stale ? ' (stale)' : ''}
            {data.snapshot.refreshing ? ', refreshing' : ''}.
          </Typography>
        </Paper>
      )}
      {data?.errors.map(e => (
        <Alert severity="warning" key={e.source}>
          {e.source}: {e.message}
        </Alert>
      ))}
      {!data && !query.error && (
        <Skeleton
          variant="rectangular"
          height={240}
          aria-label="Loading recommendations"
        />
      )}
      {data && rows.length === 0 && (
        <Alert severity="success">
          Every service's settings fit its last week: nothing to recommend.
        </Alert>
      )}
      {rows.length > 0 && (
        <TableContainer component={Paper} variant="outlined">
          <Table
            size="small"
            aria-label="Recommendations"
            data-testid="recommendations-table"
          >
            <TableHead>
              <TableRow>
                <TableCell sortDirection={sortKey === 'service' ? dir : false}>
                  <TableSortLabel
                    active={sortKey === 'service'}
                    direction={sortKey === 'service' ? dir : 'asc'}
                    onClick={() => sortBy('service')}
                  >
                    Service
                  </TableSortLabel>
                </TableCell>
                <TableCell>Suggested change</TableCell>
                <TableCell>Why</TableCell>
                <TableCell>Risk (last week replayed)</TableCell>
                <TableCell
                  align="right"
                  sortDirection={sortKey === 'saving' ? dir : false}
                >
                  <TableSortLabel
                    active={sortKey === 'saving'}
                    direction={sortKey === 'saving' ? dir : 'desc'}
                    onClick={() => sortBy('saving')}
                  >
                    Monthly saving
                  </TableSortLabel>
                </TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map(r => (
                <TableRow
                  key={`${r.projectId}/${r.region}/${r.service}`}
                  data-testid="recommendation-row"
                  data-service={r.service}
                >
                  <TableCell>
                    <Typography variant="body2" fontWeight={600}>
                      {r.service}
                    </Typography>
                    <Typography variant="caption" color="text.secondary">
                      {r.projectId} · {r.region}
                    </Typography>
                  </TableCell>
                  <TableCell>{changeText(r)}</TableCell>
                  <TableCell>
                    {r.reasons.map(reason => (
                      <Typography
                        variant="body2"
                        key={reason.rule}
                        component="div"
                      >
                        <strong>{RULE_LABELS[reason.rule]}</strong>:{' '}
                        {reason.message}
                      </Typography>
                    ))}
                  </TableCell>
                  <TableCell>
                    <RiskCell r={r} />
                  </TableCell>
                  <TableCell align="right" data-testid="recommendation-saving">
                    {savingText(r)}
                  </TableCell>
                  <TableCell>
                    <Button
                      component={RouterLink}
                      to={previewPath(root, r)}
                      size="small"
                      variant="outlined"
                      aria-label={`Preview ${r.service}: ${changeText(r)}`}
                    >
                      Preview
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Stack>
  );
}
