import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { Problem } from '@gcp-serverless/common';
import { HealthChip } from './HealthChip';
import { problemLinkPath } from './problemLinks';

function evidenceText(p: Problem): string {
  const values = Object.entries(p.evidence.values)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k} ${typeof v === 'number' ? v.toLocaleString('en-US') : v}`)
    .join(', ');
  return `${p.evidence.metric} · ${p.evidence.window} · ${values}`;
}

/** Problems worth acting on, worst first, each with its evidence and a link to the page that fixes it. */
export function ProblemList({ problems }: { problems: Problem[] }) {
  if (problems.length === 0) return <Alert severity="success">No problems found in the configured projects.</Alert>;
  return (
    <List aria-label="Problems" disablePadding>
      {problems.map(p => (
        <ListItem key={`${p.projectId}/${p.code}/${p.resource}`} divider alignItems="flex-start" data-testid="problem" data-code={p.code}>
          <Stack spacing={0.5} sx={{ width: '100%' }}>
            <Stack direction="row" spacing={1} alignItems="center">
              <HealthChip health={p.severity} />
              <Typography variant="subtitle1" component="h4" sx={{ flexGrow: 1 }}>
                {p.title} <Typography component="span" variant="body2" color="text.secondary">({p.projectId})</Typography>
              </Typography>
              <Button component={RouterLink} to={problemLinkPath(p.link)} variant="outlined" size="small">
                {p.link.label}
              </Button>
            </Stack>
            <Typography variant="body2">{p.explanation}</Typography>
            <Typography variant="caption" color="text.secondary">{evidenceText(p)}</Typography>
          </Stack>
        </ListItem>
      ))}
    </List>
  );
}
