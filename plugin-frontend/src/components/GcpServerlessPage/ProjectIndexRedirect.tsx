import { Navigate, useLocation } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Skeleton from '@mui/material/Skeleton';
import { useProjects } from '../../hooks/useProjects';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';

/** The plugin's index: opens the first allowlisted project's services, keeping the query (time window). */
export function ProjectIndexRedirect() {
  const projects = useProjects();
  const { search } = useLocation();
  if (projects.error && !projects.value) {
    return <ErrorPanel title="Could not load the project list" error={projects.error} onRetry={projects.retry} />;
  }
  if (!projects.value) return <Skeleton variant="rectangular" height={120} aria-label="Loading projects" />;
  const first = projects.value.projects[0];
  if (!first) {
    return <Alert severity="info">No projects are configured: add Google Cloud projects to the portal's allowlist.</Alert>;
  }
  return <Navigate to={`projects/${encodeURIComponent(first.projectId)}/services${search}`} replace />;
}
