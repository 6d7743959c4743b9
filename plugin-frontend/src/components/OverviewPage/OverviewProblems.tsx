import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  rankProblems,
  type ProjectSummary,
  type TimeWindow,
} from '@gcp-serverless/common';
import { useProjectOverviewQueries } from '../../queries/reads';
import { ProblemList } from './ProblemList';

/**
 * The problems section of the index: every project's problems, worst first, growing as each project's
 * answer arrives (the same requests as the cards: one per project, shared through the query cache).
 * It says how many projects are still loading or failed, so a short list is never mistaken for a
 * healthy fleet.
 */
export function OverviewProblems({
  projects,
  window,
}: {
  projects: readonly ProjectSummary[];
  window: TimeWindow;
}) {
  const results = useProjectOverviewQueries(
    projects.map(p => p.projectId),
    window,
  );
  const loaded = results.filter(r => r.data !== undefined);
  const problems = rankProblems(loaded.flatMap(r => r.data!.project.problems));
  const pending = results.filter(r => r.data === undefined && !r.error).length;
  const failed = projects.filter(
    (_, i) => results[i]!.data === undefined && results[i]!.error,
  );
  const complete = pending === 0 && failed.length === 0;

  return (
    <Stack
      component="section"
      aria-label="Problems"
      spacing={1}
      data-testid="overview-problems"
      data-state={complete ? 'ready' : 'loading'}
    >
      <Typography variant="h6" component="h3">
        Problems{' '}
        {loaded.length > 0 ? `(${problems.length}${complete ? '' : '+'})` : ''}
      </Typography>
      {pending > 0 && loaded.length > 0 && (
        <Stack spacing={0.5}>
          <Typography variant="caption" color="text.secondary">
            Still loading {pending} of {projects.length} projects…
          </Typography>
          <LinearProgress aria-label="Loading problems" />
        </Stack>
      )}
      {failed.length > 0 && (
        <Alert severity="warning">
          Problems of {failed.map(p => p.projectId).join(', ')} could not be
          loaded (see their cards).
        </Alert>
      )}
      {loaded.length === 0 && pending > 0 && (
        <Stack
          spacing={1}
          aria-label="Loading problems"
          data-testid="problems-skeleton"
        >
          {[0, 1, 2].map(i => (
            <Skeleton key={i} variant="rectangular" height={56} />
          ))}
        </Stack>
      )}
      {(problems.length > 0 || (complete && loaded.length > 0)) && (
        <ProblemList problems={problems} />
      )}
    </Stack>
  );
}
