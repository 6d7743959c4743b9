import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
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
import { useParams, useSearchParams } from 'react-router-dom';
import { hasPoints } from '../../charts/seriesRows';
import { formatPercent, formatRate } from '../../format';
import { useTimeWindow } from '../../hooks/useTimeWindow';
import { CdnPolicyForm } from '../CdnPolicyForm/CdnPolicyForm';
import { CdnRoutesTable } from '../CdnRoutesTable/CdnRoutesTable';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { CacheFillChart, HitRatioChart } from './CdnCharts';
import { useCdnQuery } from '../../queries/reads';
import { useReloadAfterChange } from '../../queries/useReloadAfterChange';
import { PanelSetupHint } from '../SetupPage/PanelSetupHint';
import { VisuallyHidden } from '../VisuallyHidden/VisuallyHidden';

/** Query parameter of the backend whose charts and policy are open (`?backend=backendServices/gryd-storage-service`). */
export const BACKEND_PARAM = 'backend';

const ttl = (v: number | null) => (v === null ? 'default' : `${v} s`);

/**
 * `projects/:projectId/cdn?window=&backend=`: every backend service and bucket with its CDN state and
 * hit ratio over the window; for the chosen backend, hit ratio and cache fill vs served over time, the
 * same figures per URL map path rule, and the cache policy form. A failing metric leaves the figures empty and says so; the table stays.
 */
export function CdnPage() {
  const { projectId = '' } = useParams();
  const [window] = useTimeWindow();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = useCdnQuery(projectId, window);
  const reload = useReloadAfterChange(projectId);

  if (query.error && !query.data)
    return (
      <ErrorPanel
        title={`Could not load the CDN backends of ${projectId}`}
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  if (!query.data)
    return (
      <Skeleton
        variant="rectangular"
        height={240}
        aria-label="Loading CDN backends"
      />
    );
  const { backends, series, errors } = query.data;
  // A snapshot from before per-rule figures existed has no `routes`.
  const routes = query.data.routes ?? [];
  const key = (b: { kind: string; name: string }) => `${b.kind}/${b.name}`;
  const choose = (b: { kind: string; name: string }) =>
    setSearchParams(p => {
      p.set(BACKEND_PARAM, key(b));
      return p;
    });
  const selected =
    backends.find(b => key(b) === searchParams.get(BACKEND_PARAM)) ??
    backends.find(b => b.enableCdn) ??
    backends[0];
  const metricsFailed = errors.some(e => e.source === 'figures');
  return (
    <Stack spacing={2} data-testid="cdn-page">
      <Typography variant="h5" component="h2">
        Cloud CDN
      </Typography>
      {errors.map(e => (
        <Alert
          key={e.source}
          severity="warning"
          data-testid={`cdn-panel-error-${e.source}`}
        >
          {e.source === 'figures'
            ? 'Hit ratios are unavailable'
            : `Could not load ${e.source}`}
          : {e.message}
          <PanelSetupHint errors={e} />
        </Alert>
      ))}
      {backends.length === 0 && (
        <Alert severity="info">
          No backend services or buckets in {projectId}.
        </Alert>
      )}
      {backends.length > 0 && (
        <Paper>
          <Table size="small" aria-label="CDN backends" data-testid="cdn-table">
            <TableHead>
              <TableRow>
                <TableCell>Backend</TableCell>
                <TableCell>Origin</TableCell>
                <TableCell>CDN</TableCell>
                <TableCell>Cache mode</TableCell>
                <TableCell>TTL default / max / client</TableCell>
                <TableCell align="right">Hit ratio</TableCell>
                <TableCell align="right">req/s</TableCell>
                <TableCell>
                  <VisuallyHidden>Details</VisuallyHidden>
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {backends.map(b => (
                <TableRow
                  key={key(b)}
                  hover
                  selected={selected && key(selected) === key(b)}
                  // The row is a pointer shortcut; its Details button is the same action for keyboards.
                  onClick={() => choose(b)}
                  sx={{ cursor: 'pointer' }}
                  data-testid={`cdn-row-${b.name}`}
                >
                  <TableCell>
                    <Link
                      href={b.consoleUrl}
                      target="_blank"
                      rel="noreferrer"
                      onClick={e => e.stopPropagation()}
                    >
                      {b.name}
                    </Link>
                  </TableCell>
                  <TableCell>{b.origin}</TableCell>
                  <TableCell>
                    {b.enableCdn ? (
                      <Chip size="small" color="success" label="on" />
                    ) : (
                      <Chip size="small" label="off" />
                    )}
                  </TableCell>
                  <TableCell data-testid={`cdn-mode-${b.name}`}>
                    {b.enableCdn ? b.policy.cacheMode : '—'}
                  </TableCell>
                  <TableCell>
                    {b.enableCdn
                      ? `${ttl(b.policy.defaultTtl)} / ${ttl(
                          b.policy.maxTtl,
                        )} / ${ttl(b.policy.clientTtl)}`
                      : '—'}
                  </TableCell>
                  <TableCell align="right" data-testid={`cdn-hit-${b.name}`}>
                    {metricsFailed ? '—' : formatPercent(b.hitRatio)}
                  </TableCell>
                  <TableCell align="right">
                    {formatRate(b.requestsPerSecond)}
                  </TableCell>
                  <TableCell>
                    <Button
                      size="small"
                      aria-pressed={selected ? key(selected) === key(b) : false}
                      aria-label={`Details of ${b.name}`}
                      data-testid={`cdn-select-${b.name}`}
                      onClick={e => {
                        e.stopPropagation();
                        choose(b);
                      }}
                    >
                      Details
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
      {selected && (
        <Paper sx={{ p: 2 }} data-testid="cdn-detail">
          <Typography variant="h6">{selected.name}</Typography>
          <Typography variant="h3" component="p" data-testid="cdn-hit-ratio">
            {formatPercent(selected.hitRatio)}
          </Typography>
          <Typography variant="body2" color="text.secondary" gutterBottom>
            cache hit ratio over the window: HIT ÷ (HIT + MISS + PARTIAL_HIT)
          </Typography>
          {hasPoints(series[selected.name] ?? []) ? (
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
              <Stack flex={1}>
                <Typography variant="subtitle2">Hit ratio</Typography>
                <HitRatioChart
                  series={series[selected.name] ?? []}
                  window={window}
                />
              </Stack>
              <Stack flex={1}>
                <Typography variant="subtitle2">
                  Served from cache vs cache fill
                </Typography>
                <CacheFillChart
                  series={series[selected.name] ?? []}
                  window={window}
                />
              </Stack>
            </Stack>
          ) : (
            <Alert severity="info">
              No load balancer traffic for this backend in the window.
            </Alert>
          )}
          {!metricsFailed && (
            <>
              <Typography variant="subtitle1" component="h3" sx={{ mt: 2 }}>
                Per path rule
              </Typography>
              <CdnRoutesTable
                backend={selected.name}
                routes={routes.filter(r => r.backend === selected.name)}
              />
            </>
          )}
          <Typography variant="h6" sx={{ mt: 2 }}>
            Cache policy
          </Typography>
          <CdnPolicyForm
            key={key(selected)}
            projectId={projectId}
            backend={selected}
            onApplied={reload}
          />
        </Paper>
      )}
    </Stack>
  );
}
