import { useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useParams, useSearchParams } from 'react-router-dom';
import type {
  RoutingOverviewResponse,
  UrlMapView,
} from '@gcp-serverless/common';
import { useChangePermission } from '../../hooks/useChangePermission';
import { ChangePermissionNotice } from '../ChangePermission/ChangePermissionNotice';
import { useTimeWindow } from '../../hooks/useTimeWindow';
import { EditSucceededSnackbar } from '../EditDialogs/EditSucceededSnackbar';
import { useReturnFocus } from '../EditDialogs/useReturnFocus';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { RouteTester } from '../RouteTester/RouteTester';
import { UrlMapEditForm } from '../UrlMapEditor/UrlMapEditForm';
import { backendOptions, initialEdit } from '../UrlMapEditor/urlMapEditorModel';

/** What a failed part of the routing panel means for the page (other parts: "Could not load …"). */
const PANEL_ERROR_TEXT: Record<string, string> = {
  traffic: 'Per-route traffic is unavailable',
  urlMaps: 'URL maps unknown: the list could not be read',
};
import { buildRoutingTree, type RoutingTree } from './routingTreeModel';
import { UrlMapTree } from './UrlMapTree';
import { useRoutingQuery } from '../../queries/reads';
import { useReloadAfterChange } from '../../queries/useReloadAfterChange';
import { PanelSetupHint } from '../SetupPage/PanelSetupHint';

/** Query parameter naming the URL map shown (`?urlMap=gryyd-web-url-map`). */
export const URL_MAP_PARAM = 'urlMap';

/**
 * `projects/:projectId/routing?window=&urlMap=`: per URL map the tree host → path matcher → rules →
 * backend → Cloud Run service with live req/s and 5xx, a route tester and the routes editor.
 */
export function RoutingPage() {
  const { projectId = '' } = useParams();
  const [window] = useTimeWindow();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = useRoutingQuery(projectId, window);
  const reload = useReloadAfterChange(projectId);

  if (query.error && !query.data)
    return (
      <ErrorPanel
        title={`Could not load the routes of ${projectId}`}
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  if (!query.data)
    return (
      <Skeleton
        variant="rectangular"
        height={240}
        aria-label="Loading routes"
      />
    );
  const overview = query.data;
  const selected =
    overview.urlMaps.find(m => m.name === searchParams.get(URL_MAP_PARAM)) ??
    overview.urlMaps[0];
  return (
    <Stack spacing={2} data-testid="routing-page">
      <Typography variant="h5" component="h2">
        Load balancer routes
      </Typography>
      {overview.errors.map(e => (
        <Alert
          key={e.source}
          severity="warning"
          data-testid={`routing-panel-error-${e.source}`}
        >
          {PANEL_ERROR_TEXT[e.source] ?? `Could not load ${e.source}`}:{' '}
          {e.message}
          <PanelSetupHint errors={e} />
        </Alert>
      ))}
      {/* "No URL maps" only when the list was read: after a failed read the count is unknown, not zero. */}
      {overview.urlMaps.length === 0 &&
        !overview.errors.some(e => e.source === 'urlMaps') && (
          <Alert severity="info">No global URL maps in {projectId}.</Alert>
        )}
      {overview.urlMaps.length > 1 && (
        <Stack direction="row" spacing={1}>
          {overview.urlMaps.map(m => (
            <Button
              key={m.name}
              variant={m.name === selected?.name ? 'contained' : 'outlined'}
              onClick={() =>
                setSearchParams(p => {
                  p.set(URL_MAP_PARAM, m.name);
                  return p;
                })
              }
            >
              {m.name}
            </Button>
          ))}
        </Stack>
      )}
      {selected && (
        <UrlMapPanel
          key={selected.name}
          projectId={projectId}
          map={selected}
          overview={overview}
          reload={reload}
        />
      )}
    </Stack>
  );
}

/** Props of {@link UrlMapPanel}. */
export interface UrlMapPanelProps {
  projectId: string;
  map: UrlMapView;
  overview: RoutingOverviewResponse;
  reload(): void;
  /** Narrows the displayed tree (the entity tab shows its own hosts); the editor always edits the whole map. */
  narrowTree?: (tree: RoutingTree) => RoutingTree;
}

/** One URL map: its tree, the route tester and the routes editor (preview, fingerprint-guarded apply). */
export function UrlMapPanel({
  projectId,
  map,
  overview,
  reload,
  narrowTree,
}: UrlMapPanelProps) {
  const [window] = useTimeWindow();
  const [editing, setEditing] = useState(false);
  const [succeeded, setSucceeded] = useState<string>();
  const permission = useChangePermission('routing');
  const editButton = useRef<HTMLButtonElement>(null);
  // The editor closes on Cancel and after an apply: the focus goes back to "Edit routes".
  useReturnFocus(editing, editButton);
  const close = () => {
    setEditing(false);
    reload();
  };
  const full = buildRoutingTree(map.spec, overview.topology, overview.traffic);
  const tree = narrowTree ? narrowTree(full) : full;
  return (
    <Stack spacing={2}>
      <Paper sx={{ p: 2 }}>
        <Stack
          direction="row"
          justifyContent="space-between"
          alignItems="baseline"
        >
          <Typography variant="h6">{map.name}</Typography>
          <Link href={map.consoleUrl} target="_blank" rel="noreferrer">
            Open in Cloud Console
          </Link>
        </Stack>
        <UrlMapTree
          tree={tree}
          projectId={projectId}
          window={window}
          hasTraffic={overview.traffic !== null}
        />
      </Paper>
      <Paper sx={{ p: 2 }}>
        <Typography variant="h6" gutterBottom>
          Route tester
        </Typography>
        <RouteTester spec={map.spec} topology={overview.topology} />
      </Paper>
      <Paper sx={{ p: 2 }}>
        <ChangePermissionNotice permission={permission} what="URL map routes" />
        {!editing ? (
          <Button
            variant="outlined"
            ref={editButton}
            onClick={() => setEditing(true)}
            disabled={!permission.allowed}
            data-testid="urlmap-edit"
          >
            Edit routes
          </Button>
        ) : (
          <UrlMapEditForm
            projectId={projectId}
            urlMap={map.name}
            initial={initialEdit(projectId, map.spec)}
            options={backendOptions(
              projectId,
              overview.backendServices,
              overview.backendBuckets,
            )}
            onSucceeded={message => {
              setSucceeded(message);
              close();
            }}
            onChanged={reload}
            onCancel={() => setEditing(false)}
          />
        )}
      </Paper>
      <EditSucceededSnackbar
        message={succeeded}
        testId="urlmap"
        onClose={() => setSucceeded(undefined)}
      />
    </Stack>
  );
}
