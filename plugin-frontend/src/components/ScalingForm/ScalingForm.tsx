import type { FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { SCALING_LIMITS, type CloudRunService, type ScalingApplyResult, type ScalingSettings } from '@gcp-serverless/common';
import { useChangePermission } from '../../hooks/useChangePermission';
import { ChangePermissionNotice } from '../ChangePermission/ChangePermissionNotice';
import { SCALING_FIELDS, SCALING_INPUT_LABELS, type ScalingField } from './scalingFormModel';
import { ScalingConflictDialog } from './ScalingConflictDialog';
import { ScalingPreviewDialog } from './ScalingPreviewDialog';
import { useScalingEditor } from './useScalingEditor';

const HELP: Record<ScalingField, string> = {
  minInstances: 'Kept warm, billed while idle',
  maxInstances: 'Upper bound of instances',
  concurrency: 'Concurrent requests per instance',
};

/** Props of {@link ScalingForm}. */
export interface ScalingFormProps {
  /** The service as last read (its `scaling` fills the form, its etag guards the apply). */
  service: CloudRunService;
  /** Called after a successful apply and after "Use current values": reload the page's data. */
  onChanged: () => void;
  /** Values to start from instead of the current ones (revert from the history); preview diffs against the server's. */
  initialValues?: ScalingSettings;
}

/**
 * Edits a Cloud Run service's min instances, max instances and concurrency: validated with the shared
 * schema as the user types, then Preview (diff, warnings, Google's validation) → Apply with progress →
 * success, or the conflict dialog when the service changed meanwhile.
 */
export function ScalingForm({ service, onChanged, initialValues }: ScalingFormProps) {
  const editor = useScalingEditor(service, onChanged, initialValues);
  // The backend refuses anyway (403); disabling says so before the user types. Not locked while /me loads.
  const permission = useChangePermission('scaling');
  const locked = !permission.loading && !permission.allowed;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!editor.busy) editor.preview();
  };

  return (
    <Paper component="section" variant="outlined" aria-label="Scaling" sx={{ p: 2 }}>
      <Typography variant="subtitle1" component="h3" gutterBottom>
        Scaling
      </Typography>
      <ChangePermissionNotice permission={permission} what="scaling" />
      <Box component="form" noValidate onSubmit={onSubmit} data-testid="scaling-form">
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} alignItems="flex-start">
          {SCALING_FIELDS.map(field => (
            <TextField
              key={field}
              label={SCALING_INPUT_LABELS[field]}
              type="number"
              size="small"
              value={editor.values[field]}
              onChange={e => editor.setField(field, e.target.value)}
              error={editor.errors[field] !== undefined}
              helperText={editor.errors[field] ?? HELP[field]}
              disabled={editor.busy || locked}
              inputProps={{
                min: SCALING_LIMITS[field].min,
                max: SCALING_LIMITS[field].max,
                step: 1,
                'data-testid': `scaling-${field}`,
              }}
              sx={{ minWidth: 180 }}
            />
          ))}
          <Button type="submit" variant="contained" disabled={editor.busy || locked} sx={{ mt: { md: 0.25 } }}>
            Preview
          </Button>
        </Stack>
        {editor.formErrors.map(message => (
          <Alert key={message} severity="error" sx={{ mt: 2 }}>
            {message}
          </Alert>
        ))}
      </Box>
      <ScalingPreviewDialog editor={editor} serviceName={service.name} />
      {editor.step.kind === 'conflict' && (
        <ScalingConflictDialog
          serviceName={service.name}
          details={editor.step.details}
          wanted={editor.step.change}
          onUseCurrent={editor.reloadCurrentValues}
          onCancel={editor.close}
        />
      )}
      <Snackbar
        open={editor.applied !== undefined}
        autoHideDuration={8000}
        onClose={(_, reason) => reason !== 'clickaway' && editor.dismissApplied()}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert severity="success" variant="filled" onClose={editor.dismissApplied} data-testid="scaling-applied">
          {editor.applied && appliedMessage(editor.applied)}
        </Alert>
      </Snackbar>
    </Paper>
  );
}

/** "Scaling of gryd-be updated: min 1, max 5, concurrency 80." */
export function appliedMessage(result: ScalingApplyResult): string {
  const { name, scaling } = result.service;
  return `Scaling of ${name} updated: min ${scaling.minInstances}, max ${scaling.maxInstances}, concurrency ${scaling.concurrency}.`;
}
