import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router-dom';
import type { TimeWindow } from '@gcp-serverless/common';
import { formatPercent, formatRate } from '../../format';
import { windowQuery } from '../../hooks/useTimeWindow';
import type { RoutingTree, RuleNode } from './routingTreeModel';

/** Props of {@link UrlMapTree}. */
export interface UrlMapTreeProps {
  tree: RoutingTree;
  /** Project of the Cloud Run services the tree links to. */
  projectId: string;
  window: TimeWindow;
  /** false when the traffic panel failed: figures show as missing. */
  hasTraffic: boolean;
}

function Rule({
  rule,
  window,
  hasTraffic,
}: {
  rule: RuleNode;
  window: TimeWindow;
  hasTraffic: boolean;
}) {
  return (
    <Box component="li" sx={{ py: 0.5 }} data-testid="routing-rule">
      <Stack
        direction="row"
        spacing={1}
        alignItems="center"
        flexWrap="wrap"
        useFlexGap
      >
        <Typography component="code" sx={{ fontFamily: 'monospace' }}>
          {rule.label}
        </Typography>
        <Typography color="text.secondary">→</Typography>
        <Typography>{rule.target}</Typography>
        {rule.cloudRun.map(c => (
          <Typography key={`${c.region}/${c.service}`} component="span">
            →{' '}
            {c.region ? (
              <Link
                component={RouterLink}
                to={`../locations/${c.region}/services/${
                  c.service
                }${windowQuery(window)}`}
                relative="path"
              >
                Cloud Run {c.service}
              </Link>
            ) : (
              `Cloud Run ${c.service}`
            )}
          </Typography>
        ))}
        {hasTraffic && rule.figures && (
          <>
            <Chip
              size="small"
              label={`${formatRate(rule.figures.requestsPerSecond)} req/s`}
            />
            <Chip
              size="small"
              color={rule.figures.errorRatio5xx > 0.01 ? 'error' : 'default'}
              label={`5xx ${formatPercent(rule.figures.errorRatio5xx)}`}
            />
          </>
        )}
      </Stack>
    </Box>
  );
}

/** The readable tree host → path matcher → rules → backend → Cloud Run service, with live figures per rule. */
export function UrlMapTree({
  tree,
  projectId,
  window,
  hasTraffic,
}: UrlMapTreeProps) {
  return (
    <Box
      component="ul"
      sx={{ listStyle: 'none', pl: 0, m: 0 }}
      data-testid="routing-tree"
      aria-label={`Routes of project ${projectId}`}
    >
      {tree.hosts.map(host => (
        <Box component="li" key={host.hosts.join(',')} sx={{ mb: 1.5 }}>
          <Typography variant="subtitle1">
            <strong>{host.hosts.join(', ')}</strong>{' '}
            <Typography component="span" color="text.secondary">
              → path matcher {host.pathMatcher}
            </Typography>
          </Typography>
          <Box component="ul" sx={{ listStyle: 'none', pl: 3, m: 0 }}>
            {host.rules.map(rule => (
              <Rule
                key={rule.label}
                rule={rule}
                window={window}
                hasTraffic={hasTraffic}
              />
            ))}
          </Box>
        </Box>
      ))}
      <Box component="li">
        <Box component="ul" sx={{ listStyle: 'none', pl: 0, m: 0 }}>
          <Rule rule={tree.defaultRule} window={window} hasTraffic={false} />
        </Box>
      </Box>
    </Box>
  );
}
