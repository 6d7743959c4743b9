import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import {
  resolveRoute,
  type RouteDecision,
  type RoutingTopology,
  type UrlMapSpec,
} from '@gcp-serverless/common';

/** Props of {@link RouteTester}. */
export interface RouteTesterProps {
  spec: UrlMapSpec;
  topology: RoutingTopology;
  /** URL shown before the user types one. */
  initialUrl?: string;
}

function ruleText(rule: RouteDecision['rule']): string {
  if (rule.kind === 'pathRule') return rule.path;
  return rule.kind === 'routeRule' ? `route rule ${rule.priority}` : 'default';
}

function summary(d: RouteDecision): string {
  const o = d.outcome;
  if (o.kind === 'redirect') return `Redirect ${o.statusCode} to ${o.location}`;
  if (o.kind === 'none')
    return `No target (${o.reason}): the load balancer answers 404`;
  const backend = o.backend
    ? `${
        o.backend.kind === 'backendBucket'
          ? 'backend bucket'
          : 'backend service'
      } ${o.backend.name}`
    : o.service;
  const run = o.cloudRun.map(c => `Cloud Run ${c.service}`).join(', ');
  return `${backend}${run ? ` → ${run}` : ''}${
    o.bucketName ? ` → bucket ${o.bucketName}` : ''
  }`;
}

/**
 * Type a URL, see where the load balancer sends it and why. Runs the shared `resolveRoute` in the
 * browser on the URL map as loaded, so it answers instantly and exactly as the preview's findings do.
 */
export function RouteTester({
  spec,
  topology,
  initialUrl = '',
}: RouteTesterProps) {
  const [url, setUrl] = useState(initialUrl);
  const [decision, setDecision] = useState<RouteDecision>();
  const test = () =>
    setDecision(url.trim() ? resolveRoute(spec, url, topology) : undefined);
  return (
    <Stack spacing={1.5} data-testid="route-tester">
      <Stack
        direction="row"
        spacing={1}
        component="form"
        onSubmit={e => {
          e.preventDefault();
          test();
        }}
      >
        <TextField
          label="URL to test"
          placeholder="https://www.gryyd.ai/api/users"
          size="small"
          fullWidth
          value={url}
          onChange={e => setUrl(e.target.value)}
          inputProps={{ 'data-testid': 'route-tester-url' }}
        />
        <Button
          type="submit"
          variant="outlined"
          data-testid="route-tester-submit"
        >
          Test
        </Button>
      </Stack>
      {decision && (
        <Box data-testid="route-tester-result">
          <Alert
            severity={decision.outcome.kind === 'none' ? 'warning' : 'success'}
            data-testid="route-tester-summary"
          >
            {summary(decision)}
          </Alert>
          <Typography variant="body2" sx={{ mt: 1 }}>
            Host rule:{' '}
            {decision.hostRule
              ? decision.hostRule.pattern
              : 'none (URL map default)'}{' '}
            · Path matcher: {decision.pathMatcher ?? '—'} · Rule:{' '}
            {ruleText(decision.rule)}
          </Typography>
          <Box
            component="ol"
            sx={{ mt: 1, mb: 0 }}
            data-testid="route-tester-steps"
          >
            {decision.steps.map((s, i) => (
              <Typography component="li" variant="body2" key={i}>
                {s}
              </Typography>
            ))}
          </Box>
        </Box>
      )}
    </Stack>
  );
}
