import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useProjects } from '../../hooks/useProjects';
import { useTimeWindow } from '../../hooks/useTimeWindow';
import { AllProjectsCostPanel } from '../AllProjectsCost/AllProjectsCostPanel';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { TimeWindowPicker } from '../TimeWindowPicker/TimeWindowPicker';
import { OverviewProblems } from './OverviewProblems';
import { ProjectOverviewCard } from './ProjectOverviewCard';

const CARD_GRID = {
  display: 'grid',
  gap: 2,
  gridTemplateColumns: 'repeat(auto-fill, minmax(360px, 1fr))',
} as const;

/**
 * The plugin's index (`?window=`): a health card per configured project, then the problems worth acting
 * on across all of them, worst first, each linking to the page that fixes it. The frame paints at once;
 * the cards are drawn from the project list (no Google call) and each fills in from its own
 * `GET /projects/:projectId/overview`, so one slow project never holds the others back.
 */
export function OverviewPage() {
  const [window, setWindow] = useTimeWindow();
  const projects = useProjects();
  const list = projects.data?.projects;

  return (
    <Stack spacing={2} data-testid="overview-page">
      <Stack direction="row" alignItems="center" spacing={2}>
        <Typography variant="h5" component="h2" sx={{ flexGrow: 1 }}>
          Health at a glance
        </Typography>
        <Link component={RouterLink} to="recommendations">
          Right-sizing recommendations
        </Link>
        <TimeWindowPicker value={window} onChange={setWindow} />
      </Stack>
      {projects.error && (
        <ErrorPanel
          title="Could not load the project list"
          error={projects.error}
          onRetry={() => void projects.refetch()}
        />
      )}
      {!list && !projects.error && (
        <Box sx={CARD_GRID} aria-label="Loading projects">
          {[0, 1].map(i => (
            <Skeleton key={i} variant="rounded" height={220} />
          ))}
        </Box>
      )}
      {list && list.length === 0 && (
        <Alert severity="info">
          No projects are configured: add Google Cloud projects to the portal's
          allowlist.
        </Alert>
      )}
      {list && list.length > 0 && (
        <>
          <Box component="section" aria-label="Projects" sx={CARD_GRID}>
            {list.map(p => (
              <ProjectOverviewCard
                key={p.projectId}
                summary={p}
                window={window}
              />
            ))}
          </Box>
          <AllProjectsCostPanel compact />
          <OverviewProblems projects={list} window={window} />
        </>
      )}
    </Stack>
  );
}
