import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  describeCounts,
  filterProblems,
  formatDuration,
  groupProblems,
  type Problem,
  type ProblemKindGroup,
} from '@gcp-serverless/common';
import { HealthChip } from './HealthChip';
import { ProblemFiltersBar } from './ProblemFiltersBar';
import { problemLinkPath } from './problemLinks';
import { useProblemFilters } from './useProblemFilters';

/** Problems of a kind shown before "Show N more", so one noisy kind never buries the rest. */
const FIRST_OF_KIND = 3;

/**
 * An evidence value in words: durations in the portal's one format ("22 min", never "1,287,526 ms"),
 * other numbers with separators. Keys ending in Ms / Seconds are durations; so is the latency threshold.
 */
function evidenceValue(p: Problem, key: string, v: number | string): string {
  if (typeof v !== 'number') return v;
  if (
    /Ms$/.test(key) ||
    (p.code === 'SERVICE_P95_LATENCY' && key === 'threshold')
  )
    return formatDuration(v);
  if (/Seconds$/.test(key)) return formatDuration(v * 1000);
  return v.toLocaleString('en-US');
}

function evidenceText(p: Problem): string {
  const values = Object.entries(p.evidence.values)
    .filter((e): e is [string, number | string] => e[1] !== null)
    .map(([k, v]) => `${k} ${evidenceValue(p, k, v)}`)
    .join(', ');
  return `${p.evidence.metric} · ${p.evidence.window} · ${values}`;
}

function ProblemItem({ p }: { p: Problem }) {
  return (
    <ListItem
      divider
      alignItems="flex-start"
      data-testid="problem"
      data-code={p.code}
      data-severity={p.severity}
      data-project={p.projectId}
    >
      <Stack spacing={0.5} sx={{ width: '100%' }}>
        <Stack direction="row" spacing={1} alignItems="center">
          <HealthChip health={p.severity} />
          <Typography variant="subtitle1" component="h5" sx={{ flexGrow: 1 }}>
            {p.title}{' '}
            <Typography component="span" variant="body2" color="text.secondary">
              ({p.projectId})
            </Typography>
          </Typography>
          <Button
            component={RouterLink}
            to={problemLinkPath(p.link)}
            variant="outlined"
            size="small"
          >
            {p.link.label}
          </Button>
        </Stack>
        <Typography variant="body2">{p.explanation}</Typography>
        <Typography variant="caption" color="text.secondary">
          {evidenceText(p)}
        </Typography>
      </Stack>
    </ListItem>
  );
}

function KindGroup({
  projectId,
  kind,
}: {
  projectId: string;
  kind: ProblemKindGroup;
}) {
  const [expanded, setExpanded] = useState(false);
  const shown = expanded
    ? kind.problems
    : kind.problems.slice(0, FIRST_OF_KIND);
  const more = kind.problems.length - shown.length;
  return (
    <Box
      component="section"
      aria-label={`${kind.label} in ${projectId}`}
      data-testid="problem-kind-group"
      data-code={kind.code}
    >
      <Typography variant="subtitle2" component="h5" sx={{ mt: 1 }}>
        {kind.label}{' '}
        <Typography component="span" variant="body2" color="text.secondary">
          ({describeCounts(kind.counts)})
        </Typography>
      </Typography>
      <List disablePadding aria-label={`${kind.label} in ${projectId}`}>
        {shown.map(p => (
          <ProblemItem key={`${p.projectId}/${p.code}/${p.resource}`} p={p} />
        ))}
      </List>
      {more > 0 && (
        <Button size="small" onClick={() => setExpanded(true)}>
          Show {more} more
        </Button>
      )}
    </Box>
  );
}

/**
 * Problems worth acting on, grouped by project and then by kind with counts by severity, worst
 * first (the order given, see `rankProblems`), each with its evidence and a link to the page that
 * fixes it. Project, severity and kind filters live in the URL (`?project=&severity=&kind=`).
 */
export function ProblemList({ problems }: { problems: Problem[] }) {
  const [filters, setFilter] = useProblemFilters();
  if (problems.length === 0)
    return (
      <Alert severity="success">
        No problems found in the configured projects.
      </Alert>
    );
  const shown = filterProblems(problems, filters);
  const groups = groupProblems(shown);
  const projects = [...new Set(problems.map(p => p.projectId))].sort();
  const codes = [...new Set(problems.map(p => p.code))];
  return (
    <Stack spacing={1} data-testid="problem-list">
      <ProblemFiltersBar
        filters={filters}
        onChange={setFilter}
        projects={projects}
        codes={codes}
      />
      {shown.length === 0 && (
        <Alert severity="info">
          No problem matches these filters ({problems.length} in all).
        </Alert>
      )}
      {groups.map(g => (
        <Box
          key={g.projectId}
          component="section"
          aria-label={`Problems of ${g.projectId}`}
          data-testid="problem-project-group"
          data-project={g.projectId}
        >
          <Typography
            variant="subtitle1"
            component="h4"
            sx={{ fontWeight: 600 }}
          >
            {g.projectId}{' '}
            <Typography component="span" variant="body2" color="text.secondary">
              — {describeCounts(g.counts)}
            </Typography>
          </Typography>
          {g.kinds.map(k => (
            <KindGroup key={k.code} projectId={g.projectId} kind={k} />
          ))}
        </Box>
      ))}
    </Stack>
  );
}
