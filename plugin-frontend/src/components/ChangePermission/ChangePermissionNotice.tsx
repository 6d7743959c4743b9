import Alert from '@mui/material/Alert';
import type { ChangePermission } from '../../hooks/useChangePermission';

/** Props of {@link ChangePermissionNotice}. */
export interface ChangePermissionNoticeProps {
  permission: ChangePermission;
  /** What the form changes, e.g. "scaling". */
  what: string;
}

/** Says why a form is disabled ("You cannot change scaling: needs the editor role …"); nothing when allowed. */
export function ChangePermissionNotice({
  permission,
  what,
}: ChangePermissionNoticeProps) {
  if (permission.loading || permission.allowed) return null;
  return (
    <Alert
      severity="info"
      sx={{ mb: 2 }}
      data-testid="change-permission-notice"
    >
      You cannot change {what}: {permission.reason ?? 'not allowed'}.
    </Alert>
  );
}
