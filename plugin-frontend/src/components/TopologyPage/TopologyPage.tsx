import { Link as RouterLink, useParams } from 'react-router-dom';
import Box from '@mui/material/Box';
import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import type { Health, TopologyNode } from '@gcp-serverless/common';
import { useTimeWindow } from '../../hooks/useTimeWindow';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { problemLinkPath } from '../OverviewPage/problemLinks';
import { BOX, layoutTopology, TOPOLOGY_COLUMNS } from './topologyLayout';
import { VisuallyHidden } from '../VisuallyHidden/VisuallyHidden';
import { useTopologyQuery } from '../../queries/reads';
import { PanelSetupHint } from '../SetupPage/PanelSetupHint';

function useHealthColor(): (h: Health) => string {
  const { palette } = useTheme();
  return h =>
    ({
      ok: palette.success.main,
      info: palette.info.main,
      warning: palette.warning.main,
      critical: palette.error.main,
      unknown: palette.grey[500],
    }[h]);
}

function NodeBox({
  node,
  color,
}: {
  node: TopologyNode & { x: number; y: number };
  color: string;
}) {
  // Links are relative to the project page: problemLinkPath builds plugin-relative paths, so go up two levels.
  const to = node.link
    ? `../../${problemLinkPath({ ...node.link, label: '' })}`
    : null;
  const label = (
    <>
      <Typography
        variant="body2"
        noWrap
        title={node.label}
        sx={{ fontWeight: 500 }}
      >
        {node.label}
      </Typography>
      <Typography
        variant="caption"
        noWrap
        color="text.secondary"
        component="div"
      >
        {node.detail ??
          (node.problems.length ? node.problems.join(', ') : '\u00a0')}
      </Typography>
    </>
  );
  return (
    <Box
      data-testid={`topology-node-${node.id}`}
      data-health={node.health}
      sx={{
        position: 'absolute',
        left: node.x,
        top: node.y,
        width: BOX.width,
        height: BOX.height,
        px: 1,
        py: 0.5,
        boxSizing: 'border-box',
        border: 2,
        borderColor: color,
        borderRadius: 1,
        bgcolor: 'background.paper',
        overflow: 'hidden',
      }}
    >
      {to ? (
        <Link component={RouterLink} to={to} underline="hover" color="inherit">
          {label}
          <VisuallyHidden>{`(${node.kind}, ${node.health})`}</VisuallyHidden>
        </Link>
      ) : (
        label
      )}
    </Box>
  );
}

/**
 * The project as a picture (`projects/:projectId/topology?window=`): hosts → URL map rules → backends →
 * Cloud Run services → queues and Redis, each box coloured by the health of its problems and linked
 * to its page.
 */
export function TopologyPage() {
  const { projectId = '' } = useParams();
  // The project frame (ProjectLayout) holds the time window picker.
  const [window] = useTimeWindow();
  const query = useTopologyQuery(projectId, window);
  const color = useHealthColor();
  const layout = query.data
    ? layoutTopology(query.data.nodes, query.data.edges)
    : null;
  return (
    <Stack spacing={2} data-testid="topology-page">
      <Typography variant="h6" component="h2">
        Topology
      </Typography>
      {query.error && (
        <ErrorPanel
          title={`Could not load the topology of ${projectId}`}
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      )}
      {!query.data && !query.error && (
        <Skeleton
          variant="rectangular"
          height={240}
          aria-label="Loading topology"
        />
      )}
      {query.data && query.data.errors.length > 0 && (
        <Alert severity="warning">
          Parts could not be loaded:{' '}
          {query.data.errors.map(e => `${e.source}: ${e.message}`).join('; ')}
          <PanelSetupHint errors={query.data.errors} />
        </Alert>
      )}
      {layout && (
        <Box sx={{ overflowX: 'auto' }}>
          <Box
            sx={{
              position: 'relative',
              width: layout.width,
              height: layout.height,
            }}
          >
            {TOPOLOGY_COLUMNS.map((c, i) => (
              <Typography
                key={c.kind}
                variant="overline"
                sx={{
                  position: 'absolute',
                  left: i * (BOX.width + BOX.columnGap),
                  top: 0,
                }}
              >
                {c.title}
              </Typography>
            ))}
            <svg
              width={layout.width}
              height={layout.height}
              style={{ position: 'absolute', left: 0, top: 0 }}
              aria-hidden
              data-testid="topology-edges"
            >
              {layout.edges.map(e => (
                <path
                  key={`${e.from}→${e.to}`}
                  d={e.path}
                  fill="none"
                  stroke={color(e.health)}
                  strokeOpacity={e.health === 'ok' ? 0.4 : 0.9}
                  strokeWidth={e.health === 'ok' ? 1 : 2}
                />
              ))}
            </svg>
            {layout.nodes.map(n => (
              <NodeBox key={n.id} node={n} color={color(n.health)} />
            ))}
          </Box>
        </Box>
      )}
    </Stack>
  );
}
