import type { FormEvent, ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ChangePermission } from '../../hooks/useChangePermission';
import { ChangePermissionNotice } from '../ChangePermission/ChangePermissionNotice';

/** Props of {@link ScalingFormSection}. */
export interface ScalingFormSectionProps {
  /** The heading, also the section's accessible name. */
  title: string;
  /** The heading's level where the section stands on its page. */
  heading: 'h2' | 'h3';
  /** The scaling permission: without it the notice says why the fields are disabled. */
  permission: ChangePermission;
  onSubmit(event: FormEvent): void;
  /** The form element's `data-testid`. */
  formTestId: string;
  /** Server errors that name no field of the form, one alert each. */
  otherErrors: readonly string[];
  /** The form's fields and its submit button. */
  children: ReactNode;
  /** The edit flow's dialogs (preview, outcome, conflict). */
  dialogs: ReactNode;
}

/**
 * The frame of a form that changes a service's scaling: an outlined section with its heading, the
 * notice when the user may not change scaling, the form, its errors that name no field, and the
 * edit flow's dialogs. Shared by the scaling form and the schedule form.
 */
export function ScalingFormSection({
  title,
  heading,
  permission,
  onSubmit,
  formTestId,
  otherErrors,
  children,
  dialogs,
}: ScalingFormSectionProps) {
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-label={title}
      sx={{ p: 2 }}
    >
      <Typography variant="subtitle1" component={heading} gutterBottom>
        {title}
      </Typography>
      <ChangePermissionNotice permission={permission} what="scaling" />
      <Box
        component="form"
        noValidate
        onSubmit={onSubmit}
        data-testid={formTestId}
      >
        {children}
        {otherErrors.map(message => (
          <Alert key={message} severity="error" sx={{ mt: 2 }}>
            {message}
          </Alert>
        ))}
      </Box>
      {dialogs}
    </Paper>
  );
}
