import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type {
  ApiStatus,
  FeatureStatus,
  ProjectSetup,
  SetupCheck,
  SetupReport,
} from '@gcp-serverless/common';

const CHECK_COLOR: Record<
  SetupCheck['status'],
  'success' | 'warning' | 'error' | 'default'
> = { ok: 'success', missing: 'warning', error: 'error', skipped: 'default' };

const CHECK_LABEL: Record<SetupCheck['status'], string> = {
  ok: 'ok',
  missing: 'missing',
  error: 'error',
  skipped: 'not configured',
};

/** One finding: a status chip, what was found and, when something is wrong, the fix. */
function CheckLine({ label, check }: { label: string; check: SetupCheck }) {
  return (
    <Stack
      direction="row"
      spacing={1}
      alignItems="baseline"
      data-testid="setup-check"
      data-status={check.status}
    >
      <Chip
        size="small"
        color={CHECK_COLOR[check.status]}
        label={CHECK_LABEL[check.status]}
      />
      <Typography variant="body2" component="div">
        <strong>{label}:</strong> {check.message}
        {check.fix && (
          <Typography variant="body2" color="text.secondary">
            What to do: {check.fix}
          </Typography>
        )}
      </Typography>
    </Stack>
  );
}

const API_COLOR: Record<ApiStatus['state'], 'success' | 'warning' | 'default'> =
  { enabled: 'success', disabled: 'warning', unknown: 'default' };

function featureLabel(feature: FeatureStatus): string {
  if (feature.available) return 'available';
  return feature.kind === 'edit' ? 'read-only' : 'unavailable';
}

function ApiRow({ api }: { api: ApiStatus }) {
  return (
    <TableRow data-testid="setup-api" data-state={api.state}>
      <TableCell>
        {api.title}
        <Typography variant="caption" display="block" color="text.secondary">
          {api.service}
        </Typography>
      </TableCell>
      <TableCell>
        <Chip size="small" color={API_COLOR[api.state]} label={api.state} />
      </TableCell>
      <TableCell>
        {api.state === 'disabled' &&
          (api.activationUrl ? (
            <Link href={api.activationUrl} target="_blank" rel="noreferrer">
              Enable it: {api.activationUrl}
            </Link>
          ) : (
            `gcloud services enable ${api.service}`
          ))}
        {api.state === 'unknown' && api.problem}
      </TableCell>
    </TableRow>
  );
}

function FeatureRow({ feature }: { feature: FeatureStatus }) {
  return (
    <TableRow
      data-testid="setup-feature"
      data-feature={feature.id}
      data-available={String(feature.available)}
    >
      <TableCell>
        {feature.title}
        <Typography variant="caption" display="block" color="text.secondary">
          {feature.kind === 'read' ? 'reads' : 'changes'}
        </Typography>
      </TableCell>
      <TableCell>
        <Chip
          size="small"
          color={feature.available ? 'success' : 'warning'}
          label={featureLabel(feature)}
        />
      </TableCell>
      <TableCell>
        {!feature.available && (
          <Stack spacing={0.5}>
            {feature.reason && (
              <Typography variant="body2">{feature.reason}</Typography>
            )}
            {feature.missingPermissions.map(p => (
              <Typography
                key={p.permission}
                variant="body2"
                data-testid="setup-missing-permission"
              >
                Grant <code>{p.role}</code> (it has <code>{p.permission}</code>)
              </Typography>
            ))}
            {feature.disabledApis.map(service => (
              <Typography key={service} variant="body2">
                Enable <code>{service}</code>
              </Typography>
            ))}
          </Stack>
        )}
      </TableCell>
    </TableRow>
  );
}

function ProjectSection({ project }: { project: ProjectSetup }) {
  return (
    <Paper
      variant="outlined"
      sx={{ p: 2 }}
      component="section"
      aria-label={`Project ${project.projectId}`}
      data-testid="setup-project"
      data-project={project.projectId}
    >
      <Typography variant="h6" component="h3" gutterBottom>
        Project {project.projectId}{' '}
        <Typography component="span" color="text.secondary">
          ({project.regions.join(', ')})
        </Typography>
      </Typography>
      <Stack spacing={1} sx={{ mb: 2 }}>
        <CheckLine label="Project" check={project.project} />
        <CheckLine label="Permissions" check={project.permissions} />
      </Stack>
      <Typography variant="subtitle1" component="h4">
        Google APIs
      </Typography>
      <Table size="small" aria-label={`Google APIs of ${project.projectId}`}>
        <TableHead>
          <TableRow>
            <TableCell>API</TableCell>
            <TableCell>State</TableCell>
            <TableCell>What to do</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {project.apis.map(api => (
            <ApiRow key={api.service} api={api} />
          ))}
        </TableBody>
      </Table>
      <Typography variant="subtitle1" component="h4" sx={{ mt: 2 }}>
        Features
      </Typography>
      <Table size="small" aria-label={`Features of ${project.projectId}`}>
        <TableHead>
          <TableRow>
            <TableCell>Feature</TableCell>
            <TableCell>State</TableCell>
            <TableCell>Why, and what to do</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {project.features.map(f => (
            <FeatureRow key={f.id} feature={f} />
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}

/**
 * The doctor's report (`GET /setup`): credentials, per project the project itself, each Google API
 * and each feature with what is missing and what fixes it, then budgets and the billing export.
 */
export function SetupReportView({ report }: { report: SetupReport }) {
  return (
    <Stack spacing={2}>
      {report.ok ? (
        <Alert severity="success" data-testid="setup-summary">
          Everything the configured features need is in place.
        </Alert>
      ) : (
        <Alert severity="warning" data-testid="setup-summary">
          <AlertTitle>
            {report.problems.length} problem
            {report.problems.length === 1 ? '' : 's'} to fix
          </AlertTitle>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {report.problems.map(problem => (
              <li key={problem} data-testid="setup-problem">
                {problem}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <Paper variant="outlined" sx={{ p: 2 }}>
        <CheckLine
          label="Credentials"
          check={{
            ...report.credentials,
            message: [
              report.credentials.message,
              report.credentials.principal &&
                `(${report.credentials.principal}${
                  report.credentials.kind ? `, ${report.credentials.kind}` : ''
                })`,
            ]
              .filter(Boolean)
              .join(' '),
          }}
        />
      </Paper>
      {report.projects.map(p => (
        <ProjectSection key={p.projectId} project={p} />
      ))}
      <Paper
        variant="outlined"
        sx={{ p: 2 }}
        component="section"
        aria-label="Billing"
      >
        <Typography variant="h6" component="h3" gutterBottom>
          Billing
        </Typography>
        <Stack spacing={1}>
          <CheckLine label="Budgets" check={report.billing.budgets} />
          <CheckLine label="Billing export" check={report.billing.export} />
        </Stack>
      </Paper>
    </Stack>
  );
}
