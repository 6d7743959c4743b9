import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import Alert from '@mui/material/Alert';
import { useGcpServerlessApi } from '../../api/GcpServerlessApiContext';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useTimeWindow, windowQuery } from '../../hooks/useTimeWindow';
import { AllProjectsCostPanel } from '../AllProjectsCost/AllProjectsCostPanel';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { TimeWindowPicker } from '../TimeWindowPicker/TimeWindowPicker';
import { ProblemList } from './ProblemList';
import { ProjectHealthCard } from './ProjectHealthCard';

/**
 * The plugin's index (`?window=`): a health card per configured project and the problems worth
 * acting on across all of them, worst first, each linking to the page that fixes it.
 */
export function OverviewPage() {
  const api = useGcpServerlessApi();
  const [window, setWindow] = useTimeWindow();
  const overview = useAsyncData(
    signal => api.getOverview(window, { signal }),
    [api, window],
  );
  const data = overview.value;

  return (
    <Stack spacing={2} data-testid="overview-page">
      <Stack direction="row" alignItems="center" spacing={2}>
        <Typography variant="h5" component="h2" sx={{ flexGrow: 1 }}>
          Health at a glance
        </Typography>
        <TimeWindowPicker value={window} onChange={setWindow} />
      </Stack>
      <Box sx={{ height: 4 }}>
        {overview.loading && data && (
          <LinearProgress aria-label="Refreshing overview" />
        )}
      </Box>
      {overview.error && (
        <ErrorPanel
          title="Could not load the overview"
          error={overview.error}
          onRetry={overview.retry}
        />
      )}
      {!data && !overview.error && (
        <Skeleton
          variant="rectangular"
          height={240}
          aria-label="Loading overview"
        />
      )}
      {data && (
        <>
          {data.errors.length > 0 && (
            <Alert severity="warning">
              Budgets could not be loaded:{' '}
              {data.errors.map(e => e.message).join('; ')}
            </Alert>
          )}
          <AllProjectsCostPanel compact />
          <section aria-label="Problems">
            <Typography variant="h6" component="h3" gutterBottom>
              Problems ({data.problems.length})
            </Typography>
            <ProblemList problems={data.problems} />
          </section>
          {data.projects.length === 0 && (
            <Alert severity="info">
              No projects are configured: add Google Cloud projects to the
              portal's allowlist.
            </Alert>
          )}
          <Box
            sx={{
              display: 'grid',
              gap: 2,
              gridTemplateColumns: 'repeat(auto-fill, minmax(360px, 1fr))',
            }}
          >
            {data.projects.map(p => (
              <ProjectHealthCard
                key={p.projectId}
                project={p}
                windowQuery={windowQuery(window)}
              />
            ))}
          </Box>
        </>
      )}
    </Stack>
  );
}
