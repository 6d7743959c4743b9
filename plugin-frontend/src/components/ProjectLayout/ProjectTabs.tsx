import { Link as RouterLink, useLocation, useParams } from 'react-router-dom';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { windowQuery } from '../../hooks/useTimeWindow';
import type { TimeWindow } from '@gcp-serverless/common';
import { currentProjectPage, PROJECT_PAGES } from './projectPages';
import { ApprovalsTabLabel } from '../ChangeRequests/ApprovalsTabLabel';

/** Tabs to the pages of the current project; links keep the time window. */
export function ProjectTabs({ window }: { window: TimeWindow }) {
  const { projectId = '' } = useParams();
  const { pathname } = useLocation();
  const marker = `/projects/${encodeURIComponent(projectId)}/`;
  const at = pathname.indexOf(marker);
  const current = currentProjectPage(
    at >= 0 ? pathname.slice(at + marker.length) : '',
  );
  return (
    <Tabs
      value={current}
      aria-label="Project pages"
      sx={{ borderBottom: 1, borderColor: 'divider' }}
    >
      {PROJECT_PAGES.map(page => (
        <Tab
          key={page.path}
          value={page.path}
          label={
            page.path === 'approvals' ? (
              <ApprovalsTabLabel projectId={projectId} />
            ) : (
              page.label
            )
          }
          component={RouterLink}
          to={`${page.path}${windowQuery(window)}`}
        />
      ))}
    </Tabs>
  );
}
