import Badge from '@mui/material/Badge';
import { useChangeRequestsQuery } from './useChangeRequests';

/** The Approvals tab's label with the number of open requests of the project (none shown at zero or on error). */
export function ApprovalsTabLabel({ projectId }: { projectId: string }) {
  const open =
    useChangeRequestsQuery(projectId).data?.requests.filter(
      r => r.status === 'open',
    ).length ?? 0;
  return (
    <Badge
      badgeContent={open}
      color="primary"
      invisible={open === 0}
      data-testid="approvals-open-count"
      sx={{ '& .MuiBadge-badge': { right: -10 } }}
    >
      Approvals
    </Badge>
  );
}
