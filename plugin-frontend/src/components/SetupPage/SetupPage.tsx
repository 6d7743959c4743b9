import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router-dom';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { SetupReportView } from './SetupReportView';
import { useSetupReport } from './useSetupReport';

/**
 * `setup`: what the doctor found (the same checks as `npm run doctor` and the start-up log) —
 * credentials, each Google API enabled or not, each feature's permissions, budgets and the billing
 * export — each problem with what fixes it. Panels that cannot load because of one link here.
 */
export function SetupPage() {
  const setup = useSetupReport();
  const report = setup.report;
  return (
    <Stack spacing={2} data-testid="setup-page">
      <Link component={RouterLink} to="..">
        All projects
      </Link>
      <Stack direction="row" alignItems="center" spacing={2}>
        <Typography variant="h5" component="h2" sx={{ flexGrow: 1 }}>
          Setup
        </Typography>
        {report && (
          <Typography variant="body2" color="text.secondary">
            {report.mode === 'sandbox' ? 'Sandbox' : 'Google Cloud'}, checked{' '}
            {new Date(report.checkedAt).toLocaleString()}
          </Typography>
        )}
        <Button
          variant="outlined"
          onClick={setup.checkAgain}
          disabled={setup.checking}
        >
          {setup.checking ? 'Checking…' : 'Check again'}
        </Button>
      </Stack>
      {setup.error && (
        <ErrorPanel
          title="Could not run the setup checks"
          error={setup.error}
          onRetry={setup.checkAgain}
        />
      )}
      {!report && !setup.error && (
        <Skeleton
          variant="rectangular"
          height={240}
          aria-label="Checking the setup"
        />
      )}
      {report && <SetupReportView report={report} />}
    </Stack>
  );
}
