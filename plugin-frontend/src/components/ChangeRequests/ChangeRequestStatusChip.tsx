import Chip from '@mui/material/Chip';
import type { ChangeRequestStatus } from '@gcp-serverless/common';

const COLOR: Record<
  ChangeRequestStatus,
  'info' | 'success' | 'default' | 'error'
> = {
  open: 'info',
  approved: 'success',
  rejected: 'default',
  failed: 'error',
};

/** A change request's status as a chip (open, approved, rejected, failed). */
export function ChangeRequestStatusChip({
  status,
}: {
  status: ChangeRequestStatus;
}) {
  return (
    <Chip
      size="small"
      variant="outlined"
      label={status}
      color={COLOR[status] ?? 'default'}
      data-testid="change-request-status"
    />
  );
}
