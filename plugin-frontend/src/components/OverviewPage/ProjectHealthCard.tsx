import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type {
  Health,
  ProjectOverview,
  ResourceHealth,
} from '@gcp-serverless/common';
import { formatNumber, formatPercent, MISSING } from '../../format';
import { HealthChip } from './HealthChip';

/** A kind's count and health; when its list could not be read: "unknown" and the real reason, never "0 … OK". */
function Row({
  label,
  to,
  group,
  detail,
}: {
  label: string;
  to: string;
  group: ResourceHealth;
  detail?: string;
}) {
  const unknown = group.health === 'unknown' || group.count === null;
  const issues =
    group.withProblems > 0 ? ` · ${group.withProblems} with problems` : '';
  return (
    <Stack
      spacing={0.25}
      data-testid={`health-row-${label.toLowerCase()}`}
      data-health={group.health}
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
        <Typography variant="body2" sx={{ flexGrow: 1, textAlign: 'right' }}>
          {unknown
            ? 'unknown'
            : `${formatNumber(group.count)}${
                detail ? ` · ${detail}` : ''
              }${issues}`}
        </Typography>
        <HealthChip health={group.health} />
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

function money(value: number | null, currency: string): string {
  return value === null ? MISSING : `${formatNumber(value, 2)} ${currency}`;
}

/** One project on the index: health of each kind of resource, CDN hit ratio, month-to-date cost against budget. */
export function ProjectHealthCard({
  project,
  windowQuery,
}: {
  project: ProjectOverview;
  windowQuery: string;
}) {
  const base = `projects/${encodeURIComponent(project.projectId)}`;
  const cost = project.cost;
  const costHealth: Health =
    !cost || cost.budget === null || cost.forecast === null
      ? 'unknown'
      : cost.forecast > cost.budget
      ? 'warning'
      : 'ok';
  return (
    <Card
      variant="outlined"
      component="section"
      aria-label={`Project ${project.projectId}`}
      data-testid={`project-card-${project.projectId}`}
    >
      <CardContent>
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 1 }}>
          <Typography variant="h6" component="h3" sx={{ flexGrow: 1 }}>
            <Link component={RouterLink} to={`${base}/services${windowQuery}`}>
              {project.displayName}
            </Link>
          </Typography>
          <HealthChip health={project.health} size="medium" />
        </Stack>
        <Stack spacing={0.5}>
          <Row
            label="Services"
            to={`${base}/services${windowQuery}`}
            group={project.services}
          />
          <Row
            label="Routes"
            to={`${base}/routing${windowQuery}`}
            group={project.routes}
            detail={
              project.routes.rules === null
                ? undefined
                : `${formatNumber(project.routes.rules)} rules`
            }
          />
          <Row
            label="Queues"
            to={`${base}/queues${windowQuery}`}
            group={project.queues}
          />
          <Row
            label="Redis"
            to={`${base}/redis${windowQuery}`}
            group={project.redis}
          />
          <Row
            label="CDN"
            to={`${base}/cdn${windowQuery}`}
            group={project.cdn}
            detail={`hit ratio ${formatPercent(project.cdn.hitRatio)}`}
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
          </Stack>
        </Stack>
        {project.errors.length > 0 && (
          <Alert severity="warning" sx={{ mt: 1 }}>
            Some figures could not be loaded:{' '}
            {project.errors.map(e => `${e.source}: ${e.message}`).join('; ')}
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}
