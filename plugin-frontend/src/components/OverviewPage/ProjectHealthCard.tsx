import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Link from '@mui/material/Link';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type {
  Health,
  ProjectOverview,
  ProjectSummary,
  ResourceHealth,
} from '@gcp-serverless/common';
import { formatNumber, formatPercent, MISSING } from '../../format';
import { HealthChip } from './HealthChip';
import { PanelSetupHint } from '../SetupPage/PanelSetupHint';

/**
 * One kind's row: the link at once, then its count and health when the project's answer arrives (a
 * skeleton until then); when its list could not be read: "unknown" and the real reason, never "0 … OK".
 */
function Row({
  label,
  to,
  group,
  detail,
}: {
  label: string;
  to: string;
  group: ResourceHealth | undefined;
  detail?: string;
}) {
  const unknown =
    group !== undefined && (group.health === 'unknown' || group.count === null);
  const issues =
    group && group.withProblems > 0
      ? ` · ${group.withProblems} with problems`
      : '';
  return (
    <Stack
      spacing={0.25}
      data-testid={`health-row-${label.toLowerCase()}`}
      data-health={group?.health}
    >
      <Stack
        direction="row"
        spacing={1}
        alignItems="center"
        justifyContent="space-between"
      >
        <Link component={RouterLink} to={to}>
          {label}
        </Link>
        {group ? (
          <>
            <Typography
              variant="body2"
              sx={{ flexGrow: 1, textAlign: 'right' }}
            >
              {unknown
                ? 'unknown'
                : `${formatNumber(group.count)}${
                    detail ? ` · ${detail}` : ''
                  }${issues}`}
            </Typography>
            <HealthChip health={group.health} />
          </>
        ) : (
          <Skeleton
            variant="text"
            sx={{ flexGrow: 1, ml: 4 }}
            aria-label={`Loading ${label}`}
          />
        )}
      </Stack>
      {unknown && group.error && (
        <Typography
          variant="caption"
          color="text.secondary"
          sx={{ textAlign: 'right' }}
          data-testid="health-row-reason"
        >
          {group.error}
        </Typography>
      )}
    </Stack>
  );
}

/** Warning when the forecast passes the budget; unknown without both. */
function forecastHealth(
  cost: { budget: number | null; forecast: number | null } | null | undefined,
): Health {
  if (!cost || cost.budget === null || cost.forecast === null) return 'unknown';
  return cost.forecast > cost.budget ? 'warning' : 'ok';
}

function money(value: number | null, currency: string): string {
  return value === null ? MISSING : `${formatNumber(value, 2)} ${currency}`;
}

/** Props of {@link ProjectHealthCard}. */
export interface ProjectHealthCardProps {
  /** The project from the allowlist: enough to draw the card and its links before its figures arrive. */
  summary: Pick<ProjectSummary, 'projectId' | 'displayName'>;
  /** The project's figures, or undefined while they load (rows show skeletons). */
  project?: ProjectOverview;
  /** The read of the figures failed (and no earlier figures are on screen). */
  error?: Error;
  onRetry?: () => void;
  windowQuery: string;
  /** Rendered in the card's header, e.g. the snapshot's age and a refresh button. */
  status?: ReactNode;
}

/**
 * One project on the index: health of each kind of resource, CDN hit ratio, month-to-date cost against
 * budget. The card and its links are drawn from the project list at once; each figure shows a
 * skeleton until the project's own answer arrives (`data-state` says which: loading, ready, error).
 */
export function ProjectHealthCard({
  summary,
  project,
  error,
  onRetry,
  windowQuery,
  status,
}: ProjectHealthCardProps) {
  const base = `projects/${encodeURIComponent(summary.projectId)}`;
  const cost = project?.cost;
  const costHealth = forecastHealth(cost);
  let state: 'ready' | 'error' | 'loading' = 'loading';
  if (project) state = 'ready';
  else if (error) state = 'error';
  return (
    <Card
      variant="outlined"
      component="section"
      aria-label={`Project ${summary.projectId}`}
      aria-busy={state === 'loading'}
      data-testid={`project-card-${summary.projectId}`}
      data-state={state}
    >
      <CardContent>
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 1 }}>
          <Typography variant="h6" component="h3" sx={{ flexGrow: 1 }}>
            <Link component={RouterLink} to={`${base}/services${windowQuery}`}>
              {summary.displayName}
            </Link>
          </Typography>
          {project ? (
            <HealthChip health={project.health} size="medium" />
          ) : (
            <Skeleton variant="rounded" width={72} height={32} />
          )}
        </Stack>
        {status}
        {error && !project && (
          <Alert
            severity="error"
            action={
              onRetry && (
                <Button color="inherit" size="small" onClick={onRetry}>
                  Retry
                </Button>
              )
            }
          >
            Could not load {summary.projectId}: {error.message}
            <PanelSetupHint error={error} />
          </Alert>
        )}
        {!(error && !project) && (
          <Stack spacing={0.5}>
            <Row
              label="Services"
              to={`${base}/services${windowQuery}`}
              group={project?.services}
            />
            <Row
              label="Routes"
              to={`${base}/routing${windowQuery}`}
              group={project?.routes}
              detail={
                typeof project?.routes.rules !== 'number'
                  ? undefined
                  : `${formatNumber(project.routes.rules)} rules`
              }
            />
            <Row
              label="Queues"
              to={`${base}/queues${windowQuery}`}
              group={project?.queues}
            />
            <Row
              label="Redis"
              to={`${base}/redis${windowQuery}`}
              group={project?.redis}
            />
            <Row
              label="CDN"
              to={`${base}/cdn${windowQuery}`}
              group={project?.cdn}
              detail={
                project && `hit ratio ${formatPercent(project.cdn.hitRatio)}`
              }
            />
            <Stack
              direction="row"
              spacing={1}
              alignItems="center"
              justifyContent="space-between"
            >
              <Link component={RouterLink} to={`${base}/costs`}>
                Cost this month
              </Link>
              {project ? (
                <>
                  <Typography
                    variant="body2"
                    sx={{ flexGrow: 1, textAlign: 'right' }}
                  >
                    {cost
                      ? `${money(cost.monthToDate, cost.currency)} of ${money(
                          cost.budget,
                          cost.currency,
                        )} (forecast ${money(cost.forecast, cost.currency)})`
                      : 'no monthly budget'}
                  </Typography>
                  <HealthChip health={costHealth} />
                </>
              ) : (
                <Skeleton
                  variant="text"
                  sx={{ flexGrow: 1, ml: 4 }}
                  aria-label="Loading Cost this month"
                />
              )}
            </Stack>
          </Stack>
        )}
        {project && project.errors.length > 0 && (
          <Alert severity="warning" sx={{ mt: 1 }}>
            Some figures could not be loaded:{' '}
            {project.errors.map(e => `${e.source}: ${e.message}`).join('; ')}
            <PanelSetupHint errors={project.errors} />
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}
