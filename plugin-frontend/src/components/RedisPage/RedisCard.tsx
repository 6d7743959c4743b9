import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  formatRedisBudget,
  REDIS_MAX_CONNECTED_CLIENTS,
  type NamedSeries,
  type PanelError,
  type RedisInstanceWithSummary,
  type TimeWindow,
} from '@gcp-serverless/common';
import { formatNumber, formatPercent } from '../../format';
import { CapacityChart } from '../CapacityCharts/CapacityChart';
import { ChartPanel } from '../ChartPanel/ChartPanel';
import { RedisForm } from '../RedisForm/RedisForm';

/** Props of {@link RedisCard}. */
export interface RedisCardProps {
  instance: RedisInstanceWithSummary;
  series: readonly NamedSeries[];
  window: TimeWindow;
  errors: readonly PanelError[];
  editing: boolean;
  onToggleEdit: () => void;
  onChanged: () => void;
}

/** One instance: tier, memory size and usage, connected clients against 65,000, rejected connections, wiring, budget. */
export function RedisCard({
  instance,
  series,
  window,
  errors,
  editing,
  onToggleEdit,
  onChanged,
}: RedisCardProps) {
  const s = instance.summary;
  const share =
    s.connectedClients === null
      ? null
      : s.connectedClients / REDIS_MAX_CONNECTED_CLIENTS;
  const errorsOf = (source: string) =>
    errors.filter(e => e.source === source).map(e => e.message);
  const pick = (key: string) => series.filter(x => x.key === key);
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-label={`Redis ${instance.name}`}
      data-testid={`redis-${instance.name}`}
      sx={{ p: 2 }}
    >
      <Stack
        direction={{ xs: 'column', md: 'row' }}
        spacing={2}
        justifyContent="space-between"
        alignItems={{ md: 'center' }}
      >
        <Stack direction="row" spacing={1} alignItems="center">
          <Typography variant="h6" component="h3">
            {instance.name}
          </Typography>
          <Chip size="small" label={instance.tier} />
          <Chip
            size="small"
            label={instance.state}
            color={instance.state === 'READY' ? 'success' : 'warning'}
          />
          <Typography variant="body2" color="text.secondary">
            {instance.region} · Redis {instance.redisVersion} · {instance.host}:
            {instance.port}
          </Typography>
          <Link
            href={instance.consoleUrl}
            target="_blank"
            rel="noreferrer"
            variant="body2"
          >
            Cloud Console
          </Link>
        </Stack>
        <Button size="small" onClick={onToggleEdit}>
          {editing ? 'Close editor' : 'Edit size and configs'}
        </Button>
      </Stack>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={3} sx={{ my: 1 }}>
        <Figure
          label="Memory"
          value={`${instance.memorySizeGb} GB, ${formatPercent(
            s.memoryUsageRatio,
          )} used`}
        />
        <Box sx={{ minWidth: 220 }}>
          <Typography variant="caption" color="text.secondary" component="p">
            Connected clients
          </Typography>
          <Typography data-testid="redis-connected">
            {formatNumber(s.connectedClients)} of{' '}
            {formatNumber(REDIS_MAX_CONNECTED_CLIENTS)} (peak{' '}
            {formatNumber(s.peakConnectedClients)})
          </Typography>
          {share !== null && (
            <LinearProgress
              variant="determinate"
              value={Math.min(100, share * 100)}
              color={share > 0.8 ? 'error' : 'primary'}
              aria-label="Connected clients of the limit"
            />
          )}
        </Box>
        <Figure
          label="Rejected connections"
          value={formatNumber(s.rejectedConnections)}
        />
        <Figure
          label="Cloud Run services"
          value={
            instance.services.map(x => x.service).join(', ') || 'none known'
          }
          hint={instance.services.map(x => `${x.service}: ${x.via}`).join('; ')}
        />
      </Stack>
      {instance.budget && (
        <Alert
          severity={instance.budget.exceedsLimit ? 'warning' : 'info'}
          sx={{ mb: 1 }}
          data-testid="redis-budget"
        >
          Worst case: {formatRedisBudget(instance.budget)}
          {instance.budget.exceedsLimit
            ? ' — past the limit, Redis would refuse connections at full scale.'
            : '.'}
        </Alert>
      )}
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <ChartPanel
            title="Connected clients"
            errors={errorsOf('connected')}
            empty={pick('connected').every(x => x.points.length === 0)}
            height={180}
          >
            <CapacityChart
              series={pick('connected')}
              lines={[
                { key: 'connected', name: 'connected', color: 'primary' },
              ]}
              window={window}
              unit="clients"
              height={180}
              limit={{
                value: REDIS_MAX_CONNECTED_CLIENTS,
                label: 'limit 65,000',
              }}
            />
          </ChartPanel>
        </Grid>
        <Grid item xs={12} md={6}>
          <ChartPanel
            title="Memory usage"
            subtitle="share of the instance's memory"
            errors={errorsOf('memory')}
            empty={pick('memory').every(x => x.points.length === 0)}
            height={180}
          >
            <CapacityChart
              series={pick('memory')}
              lines={[
                { key: 'memory', name: 'usage ratio', color: 'secondary' },
              ]}
              window={window}
              unit=""
              digits={2}
              height={180}
            />
          </ChartPanel>
        </Grid>
      </Grid>
      {editing && (
        <Box sx={{ mt: 2 }}>
          <RedisForm instance={instance} onChanged={onChanged} />
        </Box>
      )}
    </Paper>
  );
}

function Figure({
  label,
  value,
  hint,
}: {
  label: string;
  value: string;
  hint?: string;
}) {
  return (
    <Box title={hint}>
      <Typography variant="caption" color="text.secondary" component="p">
        {label}
      </Typography>
      <Typography variant="body1">{value}</Typography>
    </Box>
  );
}
