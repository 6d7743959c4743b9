import { Suspense } from 'react';
import {
  Link as RouterLink,
  Outlet,
  useLocation,
  useNavigate,
  useParams,
} from 'react-router-dom';
import Link from '@mui/material/Link';
import Alert from '@mui/material/Alert';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import { useProjects } from '../../hooks/useProjects';
import { useTimeWindow, windowQuery } from '../../hooks/useTimeWindow';
import { ProjectPicker } from '../ProjectPicker/ProjectPicker';
import { TimeWindowPicker } from '../TimeWindowPicker/TimeWindowPicker';
import { ProjectTabs } from './ProjectTabs';
import { ProjectPageSnapshotStatus } from '../SnapshotStatus/ProjectPageSnapshotStatus';

/**
 * The frame of every page of one project (`projects/:projectId/*`): the project picker and the time window
 * picker above the page. Switching project keeps the time window and opens that project's services.
 */
export function ProjectLayout() {
  const { projectId = '' } = useParams();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [window, setWindow] = useTimeWindow();
  const projects = useProjects();
  const list = projects.data?.projects ?? [];
  const unknown =
    projects.data !== undefined && !list.some(p => p.projectId === projectId);

  return (
    <Stack spacing={2}>
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={2}
        alignItems={{ sm: 'center' }}
        justifyContent="space-between"
      >
        <Link
          component={RouterLink}
          to={`..${windowQuery(window)}`}
          sx={{ whiteSpace: 'nowrap' }}
        >
          All projects
        </Link>
        <ProjectPicker
          projects={list}
          value={projectId}
          disabled={projects.isPending}
          // Relative to this route: ".." is the plugin's root, wherever the host app mounts it.
          onChange={id =>
            navigate(
              `../projects/${encodeURIComponent(id)}/services${windowQuery(
                window,
              )}`,
            )
          }
        />
        <TimeWindowPicker value={window} onChange={setWindow} />
      </Stack>
      <ProjectTabs window={window} />
      {/* How old the page's figures are, and why when its last refresh failed, next to Refresh. */}
      <ProjectPageSnapshotStatus
        projectId={projectId}
        window={window}
        page={pageSegment(pathname, projectId)}
      />
      {projects.error && (
        <Alert severity="error">
          Could not load the project list: {projects.error.message}
        </Alert>
      )}
      {unknown && (
        <Alert severity="warning">
          Project {projectId} is not in the portal's allowlist; its pages will
          not load.
        </Alert>
      )}
      {/* The pages are lazy chunks (lazyPages.ts): the frame and tabs stay while one loads. */}
      <Suspense
        fallback={
          <Skeleton
            variant="rectangular"
            height={240}
            aria-label="Loading page"
          />
        }
      >
        <Outlet />
      </Suspense>
    </Stack>
  );
}

/** The first path segment after `/projects/:projectId/` (`routing`, or `locations` on a service's page). */
function pageSegment(pathname: string, projectId: string): string {
  const marker = `/projects/${encodeURIComponent(projectId)}/`;
  const at = pathname.indexOf(marker);
  return at < 0
    ? ''
    : pathname
        .slice(at + marker.length)
        .split('/')
        .filter(Boolean)[0] ?? '';
}
